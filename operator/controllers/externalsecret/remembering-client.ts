import type { KnownValues } from '../../logging/index.ts';
import type { SecretsClient } from '../../providers/index.ts';

/**
 * The store client of one sync, remembering every value it returns: a failure later in the sync
 * (a template's `fail`, a validation, the API server's refusal) is scrubbed of them, even when the
 * read that fetched them was not the one that failed.
 */
export function rememberingClient(client: SecretsClient, known: KnownValues): SecretsClient {
  return {
    getSecret: async (ref, signal) => {
      const value = await client.getSecret(ref, signal);
      known.add(value);
      return value;
    },
    getSecretMap: async (ref, signal) => {
      const values = await client.getSecretMap(ref, signal);
      known.addAll(values);
      return values;
    },
    findSecrets: async (query, signal) => {
      const values = await client.findSecrets(query, signal);
      known.addAll(values);
      return values;
    },
    validate: (signal) => client.validate(signal),
    close: () => client.close(),
  };
}
