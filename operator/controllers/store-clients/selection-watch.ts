import type { FindQuery } from '../../providers/index.ts';

/**
 * A find's query whose name selection reports whether it failed. The selection runs the tenant's
 * regexp on the sync's own budget: when it fails, the find fails for the sync's reason, not the
 * store's, whatever the provider makes of the rejection — so it is neither counted as a provider
 * error nor held against the store's circuit.
 */
export function watchedSelection(query: FindQuery): { query: FindQuery; failed: () => boolean } {
  const { selectNames } = query;
  if (!selectNames) return { query, failed: () => false };
  let failed = false;
  return {
    query: {
      ...query,
      selectNames: async (names) => {
        try {
          return await selectNames(names);
        } catch (error) {
          failed = true;
          throw error;
        }
      },
    },
    failed: () => failed,
  };
}
