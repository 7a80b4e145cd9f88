import { describe, expect, it } from 'vitest';
import { ExternalSecretSpec, type SecretStoreRef } from '../../api/v1alpha1/index.ts';
import {
  PropertyNotFoundError,
  SecretNotFoundError,
  UnavailableError,
  type FindQuery,
  type RemoteRef,
  type SecretsClient,
} from '../../providers/index.ts';
import { fetchData as fetchWith, type ClientForStore } from './fetch-data.ts';
import { InvalidSpecError, RemoteValueError } from './invalid-spec.ts';
import { ParsedTemplates } from './parsed-templates.ts';
import { RemoteValueNotFoundError } from './remote-value-not-found.ts';
import { BudgetExceededError, createSyncBudget, defaultSyncBudgetLimits } from './sync-budget.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const texts = (data: Record<string, Uint8Array>): Record<string, string> =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [key, new TextDecoder().decode(value)]));
const bytesToBase64 = (text: string): string => Buffer.from(text).toString('base64');
const signal = new AbortController().signal;
const templates = new ParsedTemplates();
const fetchData = (spec: ExternalSecretSpec, clientFor: ClientForStore, abort: AbortSignal) =>
  fetchWith(spec, clientFor, abort, templates, createSyncBudget(defaultSyncBudgetLimits));

/**
 * A store at our own SecretsClient interface: keys hold text (getSecret) or maps (getSecretMap);
 * a `property` selects a field of a map. Missing keys and properties fail as providers must.
 */
function fakeStore(secrets: Record<string, string | Record<string, string>>): SecretsClient {
  const entry = (ref: RemoteRef) => {
    const value = secrets[ref.key];
    if (value === undefined) throw new SecretNotFoundError(`fake: key "${ref.key}" not found`);
    return value;
  };
  return {
    getSecret(ref) {
      return Promise.resolve().then(() => {
        const value = entry(ref);
        if (ref.property === undefined)
          return bytes(typeof value === 'string' ? value : JSON.stringify(value));
        const field = typeof value === 'string' ? undefined : value[ref.property];
        if (field === undefined)
          throw new PropertyNotFoundError(`fake: key "${ref.key}" has no property "${ref.property}"`);
        return bytes(field);
      });
    },
    getSecretMap(ref) {
      return Promise.resolve().then(() => {
        const value = entry(ref);
        if (typeof value === 'string') throw new Error('not a map');
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bytes(v)]));
      });
    },
    async findSecrets(query: FindQuery) {
      const listed = Object.keys(secrets).filter((name) => typeof secrets[name] === 'string');
      const selected = query.selectNames ? await query.selectNames(listed) : new Set(listed);
      return Object.fromEntries(
        listed.filter((name) => selected.has(name)).map((name) => [name, bytes(secrets[name] as string)]),
      );
    },
    validate: () => Promise.resolve('Ready'),
    close: () => Promise.resolve(),
  };
}

/** Clients by store name; a store not listed is a programming error in the test. */
function stores(byName: Record<string, SecretsClient>): ClientForStore {
  return (ref: SecretStoreRef) => {
    const client = byName[ref.name];
    if (!client) throw new Error(`test has no store "${ref.name}"`);
    return Promise.resolve(client);
  };
}

const spec = (fields: Record<string, unknown>): ExternalSecretSpec =>
  ExternalSecretSpec.parse({ secretStoreRef: { name: 'main' }, ...fields });

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => new Error('expected fetchData to fail'),
    (error: unknown) => error as Error,
  );
}

describe('fetchData', () => {
  const main = fakeStore({
    'db/creds': { user: 'app', password: 'from-extract' },
    'db/other': { password: 'from-second-extract', port: '5432' },
    'db/password': 'from-data',
    'app/a b': 'spaced',
    'app/tokens': 'dG9rZW4=',
  });

  it('merges dataFrom entries in order, then data entries overwrite', async () => {
    const result = await fetchData(
      spec({
        dataFrom: [{ extract: { key: 'db/creds' } }, { extract: { key: 'db/other' } }],
        data: [{ secretKey: 'user', remoteRef: { key: 'db/password' } }],
      }),
      stores({ main }),
      signal,
    );
    expect(texts(result.data)).toEqual({ user: 'from-data', password: 'from-second-extract', port: '5432' });
    expect(result.missing).toEqual([]);
    expect(result.calls).toBe(3);
  });

  it('reads each entry from its own sourceRef.storeRef when it names one', async () => {
    const other = fakeStore({ 'db/password': 'from-other-store' });
    const result = await fetchData(
      spec({
        data: [
          { secretKey: 'a', remoteRef: { key: 'db/password' } },
          { secretKey: 'b', remoteRef: { key: 'db/password' }, sourceRef: { storeRef: { name: 'other' } } },
        ],
      }),
      stores({ main, other }),
      signal,
    );
    expect(texts(result.data)).toEqual({ a: 'from-data', b: 'from-other-store' });
  });

  it('applies a data entry’s property and decodingStrategy', async () => {
    const result = await fetchData(
      spec({
        data: [
          { secretKey: 'pw', remoteRef: { key: 'db/creds', property: 'password' } },
          { secretKey: 'token', remoteRef: { key: 'app/tokens', decodingStrategy: 'Base64' } },
        ],
      }),
      stores({ main }),
      signal,
    );
    expect(texts(result.data)).toEqual({ pw: 'from-extract', token: 'token' });
  });

  describe('dataFrom keys: conversionStrategy, or rewrites (ESO: never both)', () => {
    it('without rewrites, conversionStrategy makes store keys valid Secret keys', async () => {
      const found = (conversionStrategy: string) =>
        fetchData(
          spec({ dataFrom: [{ find: { name: { regexp: '^app/a' }, conversionStrategy } }] }),
          stores({ main }),
          signal,
        );
      expect(Object.keys((await found('Default')).data)).toEqual(['app_a_b']);
      expect(Object.keys((await found('Unicode')).data)).toEqual(['app_U002f_a_U0020_b']);
    });

    it('with rewrites, the rewrites see the store’s own key names and conversion is not applied', async () => {
      const result = await fetchData(
        spec({
          dataFrom: [
            {
              find: { name: { regexp: '^app/' }, conversionStrategy: 'Unicode' },
              // `/` would have been converted away before a rewrite could see it.
              rewrite: [{ regexp: { source: '^app/(.*)$', target: 'x-$1' } }],
            },
          ],
        }),
        stores({ main }),
        signal,
      );
      // "a b" keeps its space: no conversion ran (the Secret's key check rejects it later).
      expect(Object.keys(result.data).sort()).toEqual(['x-a b', 'x-tokens']);
    });

    it('leaves out a key a rewrite made empty, as ESO does: a transform can filter keys', async () => {
      const result = await fetchData(
        spec({
          dataFrom: [
            {
              find: { name: { regexp: '^app/' } },
              rewrite: [
                { regexp: { source: '^app/', target: '' } },
                { transform: { template: '{{ if hasPrefix "tok" .value }}{{ .value | upper }}{{ end }}' } },
              ],
            },
          ],
        }),
        stores({ main }),
        signal,
      );
      expect(texts(result.data)).toEqual({ TOKENS: 'dG9rZW4=' });
    });

    it('decodes values with the entry’s decodingStrategy', async () => {
      const result = await fetchData(
        spec({ dataFrom: [{ find: { name: { regexp: 'tokens$' }, decodingStrategy: 'Base64' } }] }),
        stores({ main }),
        signal,
      );
      expect(texts(result.data)).toEqual({ app_tokens: 'token' });
    });

    it('a value that cannot be decoded as asked is InvalidSpec, naming entry and key, not the value', async () => {
      const error = await failureOf(
        fetchData(
          spec({ dataFrom: [{ find: { name: { regexp: '^app/a' }, decodingStrategy: 'Base64' } }] }),
          stores({ main }),
          signal,
        ),
      );
      // Reason InvalidSpec, retried at the refresh pace: the remote value may be fixed.
      expect(error).toBeInstanceOf(RemoteValueError);
      expect((error as RemoteValueError).reason).toBe('InvalidSpec');
      // The key the value lands at: as ESO, values are decoded after conversion and rewrites.
      expect(error.message).toContain('spec.dataFrom[0] key "app_a_b"');
      expect(error.message).not.toContain('spaced');
    });

    it('a merge rewrite reads the values as stored; decodingStrategy applies to the merged values (ESO order)', async () => {
      const store = fakeStore({
        'db/main': JSON.stringify({ user: bytesToBase64('admin') }),
        'db/replica': JSON.stringify({ password: bytesToBase64('s3cret') }),
      });
      const result = await fetchData(
        spec({
          dataFrom: [
            {
              find: { name: { regexp: '^db/' }, decodingStrategy: 'Base64' },
              rewrite: [{ merge: {} }],
            },
          ],
        }),
        stores({ main: store }),
        signal,
      );
      expect(texts(result.data)).toEqual({ user: 'admin', password: 's3cret' });
    });

    it('an invalid find.name.regexp is InvalidSpec naming the field, before the store is asked', async () => {
      const error = await failureOf(
        fetchData(
          spec({ dataFrom: [{ find: { name: { regexp: '(unclosed' } } }] }),
          stores({ main }),
          signal,
        ),
      );
      expect(error).toBeInstanceOf(InvalidSpecError);
      expect(error.message).toContain('spec.dataFrom[0].find.name.regexp');
    });
  });

  describe('a remote secret that is gone (SecretNotFoundError)', () => {
    const gone = {
      dataFrom: [{ extract: { key: 'db/gone-map' } }],
      data: [
        { secretKey: 'kept', remoteRef: { key: 'db/password' } },
        { secretKey: 'lost', remoteRef: { key: 'db/gone' } },
      ],
    };

    it('with deletionPolicy Retain (the default), fails the sync so the Secret keeps its data', async () => {
      const error = await failureOf(fetchData(spec(gone), stores({ main }), signal));
      expect(error).toBeInstanceOf(RemoteValueNotFoundError);
      expect(error).toMatchObject({ reason: 'RemoteValueNotFound' });
      expect(error.cause).toBeInstanceOf(SecretNotFoundError);
      // Which entry, what is missing, and that it is retried.
      expect(error.message).toMatch(
        /^spec\.dataFrom\[0\]\.extract: fake: key "db\/gone-map" not found; .*tries again/,
      );
    });

    it('names the data entry and its secretKey', async () => {
      const error = await failureOf(fetchData(spec({ data: gone.data }), stores({ main }), signal));
      expect(error.message).toMatch(/^spec\.data\[1\] \(lost\): fake: key "db\/gone" not found; /);
    });

    it.each(['Delete', 'Merge'])(
      'with deletionPolicy %s, leaves its keys out and reports it',
      async (policy) => {
        const result = await fetchData(
          spec({ ...gone, target: { deletionPolicy: policy } }),
          stores({ main }),
          signal,
        );
        expect(texts(result.data)).toEqual({ kept: 'from-data' });
        expect(result.missing).toEqual(['db/gone-map', 'db/gone']);
      },
    );
  });

  it('a missing property is never treated as missing data, whatever the deletionPolicy', async () => {
    for (const deletionPolicy of ['Retain', 'Delete', 'Merge']) {
      const error = await failureOf(
        fetchData(
          spec({
            target: { deletionPolicy },
            data: [{ secretKey: 'pw', remoteRef: { key: 'db/creds', property: 'pasword' } }],
          }),
          stores({ main }),
          signal,
        ),
      );
      // The sync fails (the Secret stays as it is), with the reason a missing key has under Retain.
      expect(error).toBeInstanceOf(RemoteValueNotFoundError);
      expect(error.cause).toBeInstanceOf(PropertyNotFoundError);
      expect(error.message).toMatch(/^spec\.data\[0\] \(pw\): .*has no property "pasword"; .*tries again/);
    }
  });

  it('other provider errors fail the sync, whatever the deletionPolicy', async () => {
    const down: SecretsClient = {
      ...main,
      getSecret: () => Promise.reject(new UnavailableError('fake: store unavailable')),
    };
    const error = await failureOf(
      fetchData(
        spec({
          target: { deletionPolicy: 'Delete' },
          data: [{ secretKey: 'k', remoteRef: { key: 'db/password' } }],
        }),
        stores({ main: down }),
        signal,
      ),
    );
    expect(error).toBeInstanceOf(UnavailableError);
  });
});

describe('fetchData: nullBytePolicy (ESO’s)', () => {
  // "AAE=" is base64 of the bytes 0x00 0x01; "dGV4dA==" of "text".
  const store = stores({
    main: fakeStore({
      binary: 'AAE=',
      text: 'dGV4dA==',
      bundle: { 'a/b': 'AAE=', ok: 'dGV4dA==' },
    }),
  });

  it('Fail refuses a decoded value with a NUL byte, naming the entry and key, never the value', async () => {
    const data = await failureOf(
      fetchData(
        spec({
          data: [
            {
              secretKey: 'ok',
              remoteRef: { key: 'text', decodingStrategy: 'Base64', nullBytePolicy: 'Fail' },
            },
            {
              secretKey: 'keystore',
              remoteRef: { key: 'binary', decodingStrategy: 'Base64', nullBytePolicy: 'Fail' },
            },
          ],
        }),
        store,
        signal,
      ),
    );
    expect(data).toBeInstanceOf(RemoteValueError);
    expect(data.message).toBe(
      'spec.data[1] (keystore): the value for key "keystore" contains NUL bytes and nullBytePolicy is Fail; keep it in a text-safe form (PEM, or base64 with a decodingStrategy), or unset nullBytePolicy for intended binary data',
    );
    // dataFrom: checked under the key the value lands at (after conversion or rewrites).
    const extract = await failureOf(
      fetchData(
        spec({
          dataFrom: [{ extract: { key: 'bundle', decodingStrategy: 'Base64', nullBytePolicy: 'Fail' } }],
        }),
        store,
        signal,
      ),
    );
    expect(extract.message).toContain('spec.dataFrom[0]: the value for key "a_b" contains NUL bytes');
    const find = await failureOf(
      fetchData(
        spec({
          dataFrom: [
            { find: { name: { regexp: '^binary$' }, decodingStrategy: 'Base64', nullBytePolicy: 'Fail' } },
          ],
        }),
        store,
        signal,
      ),
    );
    expect(find.message).toContain('spec.dataFrom[0]: the value for key "binary" contains NUL bytes');
  });

  it('Ignore, or no policy, keeps binary values as they are; Fail passes text', async () => {
    const fetched = await fetchData(
      spec({
        data: [
          { secretKey: 'a', remoteRef: { key: 'binary', decodingStrategy: 'Base64' } },
          {
            secretKey: 'b',
            remoteRef: { key: 'binary', decodingStrategy: 'Base64', nullBytePolicy: 'Ignore' },
          },
          { secretKey: 'c', remoteRef: { key: 'text', decodingStrategy: 'Base64', nullBytePolicy: 'Fail' } },
          // The check is on the decoded value: the base64 text itself has no NUL byte.
          { secretKey: 'd', remoteRef: { key: 'binary', nullBytePolicy: 'Fail' } },
        ],
      }),
      store,
      signal,
    );
    expect([...(fetched.data['a'] ?? [])]).toEqual([0, 1]);
    expect([...(fetched.data['b'] ?? [])]).toEqual([0, 1]);
    expect(texts(fetched.data)['c']).toBe('text');
    expect(texts(fetched.data)['d']).toBe('AAE=');
  });
});

describe('fetchData: find name matching draws on the sync’s regexp budget', () => {
  const names = Object.fromEntries(
    Array.from({ length: 100 }, (_, index) => [`app/${String(index)}-${'a'.repeat(1000)}`, 'value']),
  );
  const store = fakeStore(names);

  it('charges every name matched; past the budget the find fails the sync, naming the field', async () => {
    const budget = createSyncBudget({ ...defaultSyncBudgetLimits, regexpWork: 1_000_000 });
    const error = await failureOf(
      fetchWith(
        spec({ dataFrom: [{ find: { name: { regexp: '(a|aa|aaa){20}$' } } }] }),
        stores({ main: store }),
        signal,
        templates,
        budget,
      ),
    );
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error.message).toMatch(
      /^spec\.dataFrom\[0\]\.find\.name\.regexp: regexp matching exceeds the regexp budget of 1000000 units .* or raise --budget-regexp-work$/,
    );
    expect(budget.spent.regexpWork).toBeLessThanOrEqual(1_000_000);
  });

  // Stores that make their own error of the rejection, or drop it and answer with what they have.
  const overBudget = spec({ dataFrom: [{ find: { name: { regexp: '(a|aa|aaa){20}$' } } }] });
  const smallBudget = () => createSyncBudget({ ...defaultSyncBudgetLimits, regexpWork: 1_000_000 });
  const wrapping: SecretsClient = {
    ...store,
    findSecrets: (query, abort) =>
      store.findSecrets(query, abort).catch(() => {
        throw new UnavailableError('fake: the store is down');
      }),
  };
  const swallowing: SecretsClient = {
    ...store,
    findSecrets: (query, abort) => store.findSecrets(query, abort).catch(() => ({})),
  };

  it.each([
    ['makes a store error of it', wrapping],
    ['answers with nothing', swallowing],
  ])('fails with BudgetExceeded even when the provider %s', async (_, client) => {
    const error = await failureOf(
      fetchWith(overBudget, stores({ main: client }), signal, templates, smallBudget()),
    );
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error.message).toMatch(/^spec\.dataFrom\[0\]\.find\.name\.regexp: .*--budget-regexp-work$/);
  });

  it('within the budget, matches as before', async () => {
    const budget = createSyncBudget(defaultSyncBudgetLimits);
    const result = await fetchWith(
      spec({ dataFrom: [{ find: { name: { regexp: '^app/7-' } } }] }),
      stores({ main: store }),
      signal,
      templates,
      budget,
    );
    expect(Object.keys(result.data)).toHaveLength(1);
    expect(budget.spent.regexpWork).toBeGreaterThan(0);
  });
});
