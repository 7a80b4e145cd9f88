import type { RE2JS } from 're2js';
import type { ExternalSecretSpec, SecretStoreRef } from '../../api/v1alpha1/index.ts';
import { SecretNotFoundError, type SecretsClient } from '../../providers/index.ts';
import { RenderBudgetExceeded, searchAnywhere, type RenderBudget } from '../../template/index.ts';
import { checkNullBytes, convertKeys, decodeValue } from './decoding.ts';
import type { ParsedTemplates } from './parsed-templates.ts';
import { applyRewrites, compileRegexp } from './rewrite.ts';
import { budgetExceededAt } from './sync-budget.ts';

export interface FetchedData {
  data: Record<string, Uint8Array>;
  /** Remote keys the store reported gone (only collected when deletionPolicy is not Retain). */
  missing: string[];
  /** How many provider calls this sync made. */
  calls: number;
}

export type ClientForStore = (storeRef: SecretStoreRef) => Promise<SecretsClient>;

/**
 * Reads every data and dataFrom entry and merges them in ESO's order: dataFrom entries in order,
 * then data entries, later ones overwriting earlier keys. With deletionPolicy Retain a remote
 * secret that is gone is an error (the Secret keeps its data); otherwise its keys are left out.
 */
export async function fetchData(
  spec: ExternalSecretSpec,
  clientFor: ClientForStore,
  signal: AbortSignal,
  templates: ParsedTemplates,
  /** The sync's: find name regexps and rewrites draw on it. */
  budget: RenderBudget,
  /** Bytes one find may load from its store (--budget-find-mib). */
  findBytes?: number,
): Promise<FetchedData> {
  const tolerateMissing = spec.target.deletionPolicy !== 'Retain';
  // Keys come from the store: `__proto__` must be a key like any other.
  const result: FetchedData = {
    data: Object.create(null) as Record<string, Uint8Array>,
    missing: [],
    calls: 0,
  };
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
    let decoding: 'None' | 'Base64' | 'Base64URL' | 'Auto' = 'None';
    let conversion: 'Default' | 'Unicode' = 'Default';
    let nullBytes: 'Ignore' | 'Fail' | undefined;
    if (entry.extract) {
      const ref = entry.extract;
      ({ decodingStrategy: decoding, conversionStrategy: conversion, nullBytePolicy: nullBytes } = ref);
      fetched = await readOrMissing(ref.key, () => client.getSecretMap(ref, signal));
    } else if (entry.find) {
      const find = entry.find;
      ({ decodingStrategy: decoding, conversionStrategy: conversion, nullBytePolicy: nullBytes } = find);
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
    if (!fetched) continue;
    // As ESO: rewrites see the store's own key names and values (a merge reads the JSON as stored);
    // without rewrites, conversionStrategy makes the keys valid Secret keys. A key that ends up empty
    // is left out (ESO's way to drop keys with a rewrite). decodingStrategy then applies to the
    // values as they land.
    const rewrites = entry.rewrite ?? [];
    const rewritten =
      rewrites.length > 0
        ? applyRewrites(fetched, rewrites, field, templates, budget)
        : convertKeys(fetched, conversion, field);
    const keyed = Object.create(null) as Record<string, Uint8Array>;
    for (const [key, value] of Object.entries(rewritten)) {
      if (key !== '') keyed[key] = decodeValue(value, decoding, `${field} key "${key}"`);
    }
    // As ESO: on the decoded values, under the keys they land at.
    checkNullBytes(keyed, nullBytes, field);
    Object.assign(result.data, keyed);
  }

  for (const [index, entry] of (spec.data ?? []).entries()) {
    const client = await clientFor(storeOf(entry));
    const value = await readOrMissing(entry.remoteRef.key, () => client.getSecret(entry.remoteRef, signal));
    if (value === undefined) continue;
    const field = `spec.data[${index}] (${entry.secretKey})`;
    const decoded = decodeValue(value, entry.remoteRef.decodingStrategy, field);
    checkNullBytes({ [entry.secretKey]: decoded }, entry.remoteRef.nullBytePolicy, field);
    result.data[entry.secretKey] = decoded;
  }
  return result;
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
