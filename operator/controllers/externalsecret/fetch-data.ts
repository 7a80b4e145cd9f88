import type { ExternalSecretSpec, SecretStoreRef } from '../../api/v1alpha1/index.ts';
import { SecretNotFoundError, type SecretsClient } from '../../providers/index.ts';
import { convertKeys, decodeValue } from './decoding.ts';
import type { ParsedTemplates } from './parsed-templates.ts';
import { compileRegexp, rewriteKeys } from './rewrite.ts';

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
    if (entry.extract) {
      const ref = entry.extract;
      ({ decodingStrategy: decoding, conversionStrategy: conversion } = ref);
      fetched = await readOrMissing(ref.key, () => client.getSecretMap(ref, signal));
    } else if (entry.find) {
      const find = entry.find;
      ({ decodingStrategy: decoding, conversionStrategy: conversion } = find);
      const regexp = find.name ? compileRegexp(find.name.regexp, `${field}.find.name.regexp`) : undefined;
      result.calls += 1;
      fetched = await client.findSecrets(
        {
          path: find.path,
          tags: find.tags,
          nameRegexp: find.name?.regexp,
          nameMatches: regexp ? (name) => regexp.test(name) : undefined,
        },
        signal,
      );
    }
    if (!fetched) continue;
    const decoded = Object.fromEntries(
      Object.entries(fetched).map(([key, value]) => [
        key,
        decodeValue(value, decoding, `${field} key "${key}"`),
      ]),
    );
    // As ESO: rewrites see the store's own key names; without rewrites, conversionStrategy makes them
    // valid Secret keys. A key that ends up empty is left out (ESO's way to drop keys with a rewrite).
    const rewrites = entry.rewrite ?? [];
    const keyed =
      rewrites.length > 0
        ? rewriteKeys(decoded, rewrites, field, templates)
        : convertKeys(decoded, conversion, field);
    delete keyed[''];
    Object.assign(result.data, keyed);
  }

  for (const [index, entry] of (spec.data ?? []).entries()) {
    const client = await clientFor(storeOf(entry));
    const value = await readOrMissing(entry.remoteRef.key, () => client.getSecret(entry.remoteRef, signal));
    if (value === undefined) continue;
    result.data[entry.secretKey] = decodeValue(
      value,
      entry.remoteRef.decodingStrategy,
      `spec.data[${index}] (${entry.secretKey})`,
    );
  }
  return result;
}
