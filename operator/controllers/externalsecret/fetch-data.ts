import type { ExternalSecretSpec, SecretStoreRef } from '../../api/v1alpha1/index.ts';
import {
  ProviderError,
  SecretNotFoundError,
  type FindQuery,
  type SecretsClient,
} from '../../providers/index.ts';
import type { RenderBudget } from '../../template/index.ts';
import { assembleData } from './assemble-data.ts';
import { inlineNameSelection, type NameRegexp, type SelectNames } from './name-selection.ts';
import type { ParsedTemplates } from './parsed-templates.ts';
import { asRemoteValueNotFound } from './remote-value-not-found.ts';
import { compileRegexp } from './rewrite.ts';
import { BudgetExceededError, budgetFlags } from './sync-budget.ts';

/** What each entry read from its store, as the store gave it: no rewrite, conversion or decoding yet. */
export interface EntryReads {
  /** By the index of its dataFrom entry; undefined where the store reported the secret gone. */
  dataFrom: (Record<string, Uint8Array> | undefined)[];
  /** By the index of its data entry; undefined where the store reported the secret gone. */
  data: (Uint8Array | undefined)[];
  /** Remote keys the store reported gone (only collected when deletionPolicy is not Retain). */
  missing: string[];
  /** How many provider calls this sync made. */
  calls: number;
}

export interface FetchedData {
  data: Record<string, Uint8Array>;
  /** Remote keys the store reported gone (only collected when deletionPolicy is not Retain). */
  missing: string[];
  /** How many provider calls this sync made. */
  calls: number;
}

export type ClientForStore = (storeRef: SecretStoreRef) => Promise<SecretsClient>;

/**
 * Reads every data and dataFrom entry from its store: the I/O half of a sync, on the main thread.
 * With deletionPolicy Retain a remote secret that is gone is an error (the Secret keeps its data);
 * otherwise the entry reads as undefined and its key is listed as missing. A missing property is an
 * error whatever the deletionPolicy. Both errors are RemoteValueNotFoundError, naming the entry.
 */
export async function readEntries(
  spec: ExternalSecretSpec,
  clientFor: ClientForStore,
  signal: AbortSignal,
  /** Runs a find's name regexp over what its store lists, on the sync's budget (sync-steps.ts). */
  selectNames: SelectNames,
  /** Bytes one find may load from its store (--budget-find-mib). */
  findBytes?: number,
): Promise<EntryReads> {
  const tolerateMissing = spec.target.deletionPolicy !== 'Retain';
  const result: EntryReads = { dataFrom: [], data: [], missing: [], calls: 0 };
  const storeOf = (entry: {
    sourceRef?: { storeRef?: SecretStoreRef | undefined } | undefined;
  }): SecretStoreRef => {
    const ref = entry.sourceRef?.storeRef ?? spec.secretStoreRef;
    if (!ref) throw new Error('no store for this entry'); // prevented at admission by a CEL rule
    return ref;
  };
  const readOrMissing = async <T>(
    field: string,
    key: string,
    read: () => Promise<T>,
  ): Promise<T | undefined> => {
    result.calls += 1;
    try {
      return await read();
    } catch (error) {
      if (tolerateMissing && error instanceof SecretNotFoundError) {
        result.missing.push(key);
        return undefined;
      }
      throw asRemoteValueNotFound(error, field);
    }
  };

  for (const [index, entry] of (spec.dataFrom ?? []).entries()) {
    const field = `spec.dataFrom[${index}]`;
    const client = await clientFor(storeOf(entry));
    let fetched: Record<string, Uint8Array> | undefined;
    if (entry.extract) {
      const ref = entry.extract;
      fetched = await readOrMissing(`${field}.extract`, ref.key, () => client.getSecretMap(ref, signal));
    } else if (entry.find) {
      const find = entry.find;
      const nameRegexp = find.name && { regexp: find.name.regexp, field: `${field}.find.name.regexp` };
      // Invalid before the store is asked, even if it lists nothing to select from.
      if (nameRegexp) compileRegexp(nameRegexp.regexp, nameRegexp.field);
      const selection = nameRegexp && new WatchedSelection(nameRegexp, selectNames);
      result.calls += 1;
      const query: FindQuery = {
        path: find.path,
        tags: find.tags,
        nameRegexp: nameRegexp?.regexp,
        selectNames: selection?.select,
        maxBytes: findBytes,
      };
      try {
        fetched = await client.findSecrets(query, signal);
      } catch (error) {
        throw selection?.failure ?? asSyncBudgetFailure(error);
      }
      if (selection?.failure) throw selection.failure;
    }
    result.dataFrom[index] = fetched;
  }

  for (const [index, entry] of (spec.data ?? []).entries()) {
    const client = await clientFor(storeOf(entry));
    result.data[index] = await readOrMissing(
      `spec.data[${String(index)}] (${entry.secretKey})`,
      entry.remoteRef.key,
      () => client.getSecret(entry.remoteRef, signal),
    );
  }
  return result;
}

/** Reads every entry and assembles the data on this thread (assemble-data.ts), in ESO's order. */
export async function fetchData(
  spec: ExternalSecretSpec,
  clientFor: ClientForStore,
  signal: AbortSignal,
  templates: ParsedTemplates,
  budget: RenderBudget,
  findBytes?: number,
): Promise<FetchedData> {
  const reads = await readEntries(spec, clientFor, signal, inlineNameSelection(budget), findBytes);
  return { data: assembleData(spec, reads, templates, budget), missing: reads.missing, calls: reads.calls };
}

/**
 * A find's name selection as its provider sees it, remembering its own failure: an over-budget or
 * invalid regexp fails the sync as what it is — never as the store's error (whatever the provider or
 * the layers around it make of the rejection), and never as a find that succeeded with fewer names.
 */
class WatchedSelection {
  failure: Error | undefined = undefined;
  readonly select: NonNullable<FindQuery['selectNames']>;

  constructor(find: NameRegexp, selectNames: SelectNames) {
    this.select = async (names) => {
      try {
        return await selectNames(find, names);
      } catch (error) {
        this.failure ??= error instanceof Error ? error : new Error(String(error));
        throw error;
      }
    };
  }
}

/**
 * A store that stopped loading a find at --budget-find-mib (providers cannot know the sync's error
 * classes): the sync's own budget failure, so it is reported and paced as every other one.
 */
function asSyncBudgetFailure(error: unknown): unknown {
  if (!(error instanceof ProviderError) || error.reason !== 'BudgetExceeded') return error;
  return new BudgetExceededError(
    'find',
    `${error.message}, or raise the operator's ${budgetFlags.find ?? ''}`,
  );
}
