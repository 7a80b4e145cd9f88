import type { ExternalSecretSpec, SecretStoreRef } from '../../api/v1alpha1/index.ts';
import type { RE2JS } from 're2js';
import { SecretNotFoundError, type SecretsClient } from '../../providers/index.ts';
import { RenderBudgetExceeded, searchAnywhere, type RenderBudget } from '../../template/index.ts';
import { assembleData } from './assemble-data.ts';
import type { ParsedTemplates } from './parsed-templates.ts';
import { compileRegexp } from './rewrite.ts';
import { budgetExceededAt } from './sync-budget.ts';

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
 * otherwise the entry reads as undefined and its key is listed as missing.
 */
export async function readEntries(
  spec: ExternalSecretSpec,
  clientFor: ClientForStore,
  signal: AbortSignal,
  /** The sync's: find name regexps draw on it. */
  budget: RenderBudget,
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
  const readOrMissing = async <T>(key: string, read: () => Promise<T>): Promise<T | undefined> => {
    result.calls += 1;
    try {
      return await read();
    } catch (error) {
      if (tolerateMissing && error instanceof SecretNotFoundError) {
        result.missing.push(key);
        return undefined;
      }
      throw error;
    }
  };

  for (const [index, entry] of (spec.dataFrom ?? []).entries()) {
    const field = `spec.dataFrom[${index}]`;
    const client = await clientFor(storeOf(entry));
    let fetched: Record<string, Uint8Array> | undefined;
    if (entry.extract) {
      const ref = entry.extract;
      fetched = await readOrMissing(ref.key, () => client.getSecretMap(ref, signal));
    } else if (entry.find) {
      const find = entry.find;
      const regexpField = `${field}.find.name.regexp`;
      const matcher = find.name
        ? budgetedNameMatcher(compileRegexp(find.name.regexp, regexpField), budget)
        : undefined;
      result.calls += 1;
      fetched = await client.findSecrets(
        {
          path: find.path,
          tags: find.tags,
          nameRegexp: find.name?.regexp,
          nameMatches: matcher?.matches,
          maxBytes: findBytes,
        },
        signal,
      );
      if (matcher?.exceeded) throw budgetExceededAt(regexpField, matcher.exceeded);
    }
    result.dataFrom[index] = fetched;
  }

  for (const [index, entry] of (spec.data ?? []).entries()) {
    const client = await clientFor(storeOf(entry));
    result.data[index] = await readOrMissing(entry.remoteRef.key, () =>
      client.getSecret(entry.remoteRef, signal),
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
  const reads = await readEntries(spec, clientFor, signal, budget, findBytes);
  return { data: assembleData(spec, reads, templates, budget), missing: reads.missing, calls: reads.calls };
}

/**
 * A find's name test, each name charged to the sync's regexp budget. Providers call it inside their
 * own code, which must not see our failure as theirs: once the budget is out it matches nothing, and
 * the caller fails the sync after the find returns.
 */
function budgetedNameMatcher(
  regexp: RE2JS,
  budget: RenderBudget,
): { matches: (name: string) => boolean; exceeded: RenderBudgetExceeded | undefined } {
  const matcher = {
    exceeded: undefined as RenderBudgetExceeded | undefined,
    matches: (name: string): boolean => {
      if (matcher.exceeded) return false;
      try {
        return searchAnywhere(regexp, name, budget);
      } catch (error) {
        if (!(error instanceof RenderBudgetExceeded)) throw error;
        matcher.exceeded = error;
        return false;
      }
    },
  };
  return matcher;
}
