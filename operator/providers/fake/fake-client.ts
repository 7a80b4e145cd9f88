import { SecretNotFoundError } from '../errors.ts';
import { selectedByName } from '../find-matching.ts';
import { jsonObjectToMap, selectProperty } from '../json-property.ts';
import type { FakeProviderConfig, FindQuery, RemoteRef, SecretsClient, ValidationResult } from '../types.ts';

type FakeEntry = FakeProviderConfig['data'][number];

const utf8 = new TextEncoder();

/** ESO's fake provider: read-only answers from the values written in the store spec. */
export function createFakeClient(config: FakeProviderConfig): SecretsClient {
  const entriesByKey = new Map<string, FakeEntry[]>();
  for (const entry of config.data) {
    const entries = entriesByKey.get(entry.key) ?? [];
    entries.push(entry);
    entriesByKey.set(entry.key, entries);
  }

  const entryFor = (key: string, version: string | undefined): FakeEntry => {
    const entries = entriesByKey.get(key) ?? [];
    const entry =
      version === undefined
        ? (entries.find((candidate) => candidate.version === undefined) ?? entries.at(-1))
        : entries.find((candidate) => candidate.version === version);
    if (!entry) {
      const which = version === undefined ? '' : ` at version "${version}"`;
      throw new SecretNotFoundError(
        `fake: key "${key}"${which} not found in the store's spec.provider.fake.data`,
      );
    }
    return entry;
  };

  const read = (ref: RemoteRef): Uint8Array => {
    const value = entryValue(entryFor(ref.key, ref.version));
    return ref.property === undefined ? value : selectProperty(value, ref.property, describeKey(ref.key));
  };

  return {
    getSecret: (ref, signal) => answer(signal, () => read(ref)),
    propertySelector: (ref) => (whole) => selectProperty(whole, ref.property, describeKey(ref.key)),
    getSecretMap: (ref, signal) => answer(signal, () => jsonObjectToMap(read(ref), describeKey(ref.key))),
    async findSecrets(query: FindQuery, signal) {
      // Tags are ignored, as ESO's fake does: its entries carry none to match against.
      const listed = await answer(signal, () =>
        [...entriesByKey.keys()].filter((key) => query.path === undefined || key.startsWith(query.path)),
      );
      const keys = await selectedByName(listed, query);
      const found = Object.create(null) as Record<string, Uint8Array>;
      for (const key of keys) found[key] = entryValue(entryFor(key, undefined));
      return found;
    },
    validate: (signal) => answer(signal, (): ValidationResult => 'Ready'),
    close: () => Promise.resolve(),
  };
}

/** Answers like a remote store would: asynchronously, with failures as rejections. */
function answer<T>(signal: AbortSignal, compute: () => T): Promise<T> {
  return new Promise((resolve) => {
    signal.throwIfAborted();
    resolve(compute());
  });
}

// `valueMap` is ESO's deprecated spelling of a JSON object value.
function entryValue(entry: FakeEntry): Uint8Array {
  if (entry.value === undefined && entry.valueMap !== undefined)
    return utf8.encode(JSON.stringify(entry.valueMap));
  return utf8.encode(entry.value ?? '');
}

function describeKey(key: string): string {
  return `fake: key "${key}"`;
}
