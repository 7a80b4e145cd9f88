import { describe, expect, it } from 'vitest';
import { describeProviderConformance, selectNamesWhere } from '../conformance.ts';
import { SecretNotFoundError } from '../errors.ts';
import type { FakeProviderConfig, ProviderTransport } from '../types.ts';
import { fakeProvider } from './provider.ts';

const signal = new AbortController().signal;
const text = (value: Uint8Array): string => new TextDecoder().decode(value);
// The fake provider makes no network calls: its transport is never touched.
const unusedTransport = {} as ProviderTransport;
const clientOf = (data: FakeProviderConfig['data']) => fakeProvider.newClient({ data }, {}, unusedTransport);

describeProviderConformance('fake', () =>
  Promise.resolve({
    seed: (secrets) =>
      clientOf(
        Object.entries(secrets).map(([key, value]) => ({
          key,
          value: typeof value === 'string' ? value : JSON.stringify(value),
        })),
      ),
  }),
);

describe('fake provider', () => {
  it('reads a version when asked, else the entry without one, else the last entry of the key', async () => {
    const client = await clientOf([
      { key: 'versioned', value: 'one', version: 'v1' },
      { key: 'versioned', value: 'unversioned' },
      { key: 'versioned', value: 'two', version: 'v2' },
      { key: 'only-versioned', value: 'first', version: 'v1' },
      { key: 'only-versioned', value: 'last', version: 'v2' },
    ]);
    expect(text(await client.getSecret({ key: 'versioned', version: 'v2' }, signal))).toBe('two');
    expect(text(await client.getSecret({ key: 'versioned' }, signal))).toBe('unversioned');
    expect(text(await client.getSecret({ key: 'only-versioned' }, signal))).toBe('last');
    await expect(client.getSecret({ key: 'versioned', version: 'v3' }, signal)).rejects.toThrow(
      new SecretNotFoundError(
        'fake: key "versioned" at version "v3" not found in the store\'s spec.provider.fake.data',
      ),
    );
  });

  it('treats the deprecated valueMap as a JSON object value', async () => {
    const client = await clientOf([{ key: 'legacy', valueMap: { user: 'u', pass: 'p' } }]);
    expect(text(await client.getSecret({ key: 'legacy', property: 'pass' }, signal))).toBe('p');
    expect(Object.keys(await client.getSecretMap({ key: 'legacy' }, signal))).toEqual(['user', 'pass']);
  });

  it('finds by path as a key prefix, and ignores tags as ESO does', async () => {
    const client = await clientOf([
      { key: 'team-a/db', value: 'a' },
      { key: 'team-a/api', value: 'b' },
      { key: 'team-b/db', value: 'c' },
    ]);
    const found = await client.findSecrets(
      {
        path: 'team-a/',
        selectNames: selectNamesWhere((name) => name.endsWith('db')),
        tags: { env: 'prod' },
      },
      signal,
    );
    expect(Object.keys(found)).toEqual(['team-a/db']);
    expect(Object.keys(await client.findSecrets({ path: 'team-a/' }, signal))).toEqual([
      'team-a/db',
      'team-a/api',
    ]);
  });

  it('is read-only, needs no credentials, and parses ESO fake blocks', () => {
    expect(fakeProvider.capabilities).toBe('ReadOnly');
    expect(fakeProvider.credentialRefs({ data: [] })).toEqual([]);
    const config = fakeProvider.configSchema.parse({ data: [{ key: 'k', value: 'v', version: '1' }] });
    expect(config.data[0]).toEqual({ key: 'k', value: 'v', version: '1' });
  });
});
