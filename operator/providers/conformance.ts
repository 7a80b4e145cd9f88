// The cases every provider must pass, run against a real server of each store's API (DESIGN.md §4).
// A provider's own test file calls describeProviderConformance and adds its specific cases beside
// it. Test-only: nothing in the operator imports this file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PropertyNotFoundError, ProviderError, SecretNotFoundError } from './errors.ts';
import type { FindQuery, RemoteRef, SecretsClient } from './types.ts';

/** A string is one opaque value; a map is a structured secret (a JSON object, or a native map). */
export type SeedSecrets = Record<string, string | Record<string, string>>;

export interface ConformanceTarget {
  /** Stores `secrets` in the remote store and returns a client that reads them. */
  seed(secrets: SeedSecrets): Promise<SecretsClient>;
  /**
   * The ref that reads the plain value seeded under `key`, narrowed to `property` inside it. The
   * default, `{ key, property }`, fits stores with plain values; a store that keeps only maps
   * (kubernetes) says here under which of its data keys it seeded the value.
   */
  plainValueRef?(key: string, property?: string): RemoteRef;
  /** Removes what seed stored. */
  teardown?(): Promise<void>;
}

// Names are DNS-1123 so that every store accepts them; values are distinctive so that a leak of
// one into an error message cannot be a coincidence.
const jsonDocument = {
  username: 'json-user-Xa7q',
  password: 'json-pass-Kp4w',
  port: 5432,
  nested: { host: 'nested-host-Wm2z' },
  list: ['list-a-Yt6v', 'list-b-Rr9k'],
};
const seedSecrets = {
  plain: 'plain-value-Zq81',
  'json-doc': JSON.stringify(jsonDocument),
  database: { username: 'db-user-Hq3m', password: 'db-pass-Vn8c' },
  'find-alpha': { token: 'alpha-token-Jd5s' },
  'find-beta': { token: 'beta-token-Lc2p' },
} satisfies SeedSecrets;
const seededValues = [
  seedSecrets.plain,
  jsonDocument.username,
  jsonDocument.password,
  jsonDocument.nested.host,
  ...jsonDocument.list,
  ...Object.values(seedSecrets.database),
  seedSecrets['find-alpha'].token,
  seedSecrets['find-beta'].token,
];

const text = (value: Uint8Array): string => new TextDecoder().decode(value);
const textMap = (map: Record<string, Uint8Array>): Record<string, string> =>
  Object.fromEntries(Object.entries(map).map(([key, value]) => [key, text(value)]));
const signal = (): AbortSignal => new AbortController().signal;

/** A find's name selection by a plain test, as the controller's regexp selection answers. */
export function selectNamesWhere(test: (name: string) => boolean): NonNullable<FindQuery['selectNames']> {
  return (names) => Promise.resolve(new Set(names.filter(test)));
}

export function describeProviderConformance(name: string, setup: () => Promise<ConformanceTarget>): void {
  describe(`${name} provider conformance`, () => {
    let target: ConformanceTarget;
    let client: SecretsClient;
    const plainRef = (key: string, property?: string): RemoteRef =>
      target.plainValueRef ? target.plainValueRef(key, property) : { key, property };
    const failureOf = (operation: Promise<unknown>): Promise<unknown> =>
      operation.then(
        () => new Error('expected the call to fail, but it succeeded'),
        (reason: unknown) => reason,
      );

    beforeAll(async () => {
      target = await setup();
      client = await target.seed(seedSecrets);
    });
    afterAll(async () => {
      await client.close();
      await target.teardown?.();
    });

    it('getSecret returns a plain value byte for byte', async () => {
      expect(text(await client.getSecret(plainRef('plain'), signal()))).toBe(seedSecrets.plain);
    });

    it('getSecret narrows a JSON value to a property: strings as text, other values as JSON', async () => {
      const read = async (property: string) =>
        text(await client.getSecret(plainRef('json-doc', property), signal()));
      expect(await read('password')).toBe(jsonDocument.password);
      expect(await read('nested.host')).toBe(jsonDocument.nested.host);
      expect(await read('list.1')).toBe(jsonDocument.list[1]);
      expect(await read('port')).toBe('5432');
      expect(JSON.parse(await read('nested'))).toEqual(jsonDocument.nested);
    });

    it('getSecret narrows a structured secret to one of its keys', async () => {
      const value = await client.getSecret({ key: 'database', property: 'password' }, signal());
      expect(text(value)).toBe(seedSecrets.database.password);
    });

    // The controller serves many properties of one remote secret from one read through this.
    it('propertySelector, where offered, picks the same bytes and errors as getSecret with the property', async () => {
      const propertyRef = (key: string, property: string): RemoteRef & { property: string } => {
        const ref = plainRef(key, property);
        return { ...ref, property: ref.property ?? property };
      };
      const cases = [
        propertyRef('json-doc', 'password'),
        propertyRef('json-doc', 'nested.host'),
        propertyRef('json-doc', 'nested'),
        propertyRef('json-doc', 'nested.no-such-field'),
        { key: 'database', property: 'password' },
        { key: 'database', property: 'no-such-key' },
      ];
      for (const ref of cases) {
        const select = client.propertySelector?.(ref);
        if (!select) continue;
        const direct = await client.getSecret(ref, signal()).then(text, (error: unknown) => error);
        const whole = await client.getSecret({ ...ref, property: undefined }, signal());
        let selected: unknown;
        try {
          selected = text(select(whole));
        } catch (error) {
          selected = error;
        }
        if (typeof direct === 'string') expect(selected).toBe(direct);
        else {
          expect(selected).toBeInstanceOf((direct as Error).constructor);
          expect((selected as Error).message).toBe((direct as Error).message);
        }
      }
    });

    it('a missing key is a SecretNotFoundError that names the key', async () => {
      const errors = await Promise.all(
        [
          client.getSecret({ key: 'missing-secret' }, signal()),
          client.getSecretMap({ key: 'missing-secret' }, signal()),
        ].map(failureOf),
      );
      for (const error of errors) {
        expect(error).toBeInstanceOf(SecretNotFoundError);
        expect(error).toMatchObject({ reason: 'SecretNotFound', retryable: false });
        expect((error as Error).message).toContain('missing-secret');
      }
    });

    it('a missing property is a PropertyNotFoundError (never SecretNotFoundError) that names the property', async () => {
      const [ofStructured, ofJson] = await Promise.all(
        [
          client.getSecret({ key: 'database', property: 'no-such-key' }, signal()),
          client.getSecret(plainRef('json-doc', 'nested.no-such-field'), signal()),
        ].map(failureOf),
      );
      // A mistyped property must not look like deleted data: deletionPolicy acts on SecretNotFoundError.
      expect(ofStructured).toBeInstanceOf(PropertyNotFoundError);
      expect(ofStructured).not.toBeInstanceOf(SecretNotFoundError);
      expect((ofStructured as Error).message).toContain('no-such-key');
      expect(ofJson).toBeInstanceOf(PropertyNotFoundError);
      expect((ofJson as Error).message).toContain('no-such-field');
    });

    it('a property of a value that is not JSON is a non-retryable InvalidData error', async () => {
      const error = await failureOf(client.getSecret(plainRef('plain', 'field'), signal()));
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).not.toBeInstanceOf(SecretNotFoundError);
      expect(error).toMatchObject({ reason: 'InvalidData', retryable: false });
    });

    it('getSecretMap returns every key of a structured secret', async () => {
      expect(textMap(await client.getSecretMap({ key: 'database' }, signal()))).toEqual(seedSecrets.database);
    });

    it('getSecretMap returns the fields of a JSON value, non-strings as JSON text', async () => {
      const map = textMap(await client.getSecretMap(plainRef('json-doc'), signal()));
      expect(map).toMatchObject({
        username: jsonDocument.username,
        password: jsonDocument.password,
        port: '5432',
      });
      expect(JSON.parse(map['nested'] ?? '')).toEqual(jsonDocument.nested);
      expect(JSON.parse(map['list'] ?? '')).toEqual(jsonDocument.list);
    });

    it('getSecretMap of a value that is not a JSON object is an InvalidData error', async () => {
      const error = await failureOf(client.getSecretMap(plainRef('plain'), signal()));
      expect(error).toMatchObject({ reason: 'InvalidData', retryable: false });
    });

    it('findSecrets returns the secrets whose names are selected, and only those', async () => {
      const found = await client.findSecrets(
        {
          nameRegexp: '^find-',
          selectNames: selectNamesWhere((secretName) => secretName.startsWith('find-')),
        },
        signal(),
      );
      expect(Object.keys(found).sort()).toEqual(['find-alpha', 'find-beta']);
      expect(JSON.parse(text(found['find-alpha'] ?? new Uint8Array()))).toEqual(seedSecrets['find-alpha']);
      expect(JSON.parse(text(found['find-beta'] ?? new Uint8Array()))).toEqual(seedSecrets['find-beta']);
    });

    it('findSecrets asks for the selection once, with every listed name', async () => {
      const asked: string[][] = [];
      await client.findSecrets(
        {
          selectNames: (names) => {
            asked.push([...names]);
            return Promise.resolve(new Set<string>());
          },
        },
        signal(),
      );
      expect(asked).toHaveLength(1);
      expect(asked[0]).toEqual(expect.arrayContaining(['find-alpha', 'find-beta', 'plain', 'database']));
    });

    it('findSecrets with a name nothing matches returns nothing', async () => {
      const found = await client.findSecrets(
        { nameRegexp: '^nothing-', selectNames: selectNamesWhere(() => false) },
        signal(),
      );
      expect(found).toEqual({});
    });

    it('findSecrets fails as the name selection fails, never with part of the result', async () => {
      const selectionFailed = new Error('the name selection ran out of its budget');
      const error = await failureOf(
        client.findSecrets({ selectNames: () => Promise.reject(selectionFailed) }, signal()),
      );
      expect(error).toBe(selectionFailed);
    });

    it('validate reports Ready for working credentials', async () => {
      expect(await client.validate(signal())).toBe('Ready');
    });

    it('an aborted signal stops every call before it starts', async () => {
      const aborted = AbortSignal.abort();
      const errors = await Promise.all(
        [
          client.getSecret(plainRef('plain'), aborted),
          client.getSecretMap({ key: 'database' }, aborted),
          client.findSecrets({ selectNames: selectNamesWhere(() => true) }, aborted),
          client.validate(aborted),
        ].map(failureOf),
      );
      for (const error of errors) expect(error).toMatchObject({ name: 'AbortError' });
    });

    it('error messages never contain a seeded value', async () => {
      const failures = await Promise.all(
        [
          client.getSecret({ key: 'missing-secret' }, signal()),
          client.getSecret({ key: 'database', property: 'no-such-key' }, signal()),
          client.getSecret(plainRef('json-doc', 'nested.no-such-field'), signal()),
          client.getSecret(plainRef('plain', 'field'), signal()),
          client.getSecretMap(plainRef('plain'), signal()),
          client.getSecretMap({ key: 'database', property: 'password' }, signal()),
        ].map(failureOf),
      );
      for (const failure of failures) {
        const error = failure as Error;
        expect(error).toBeInstanceOf(ProviderError);
        for (const value of seededValues) {
          expect(error.message).not.toContain(value);
          expect(error.cause instanceof Error ? error.cause.message : '').not.toContain(value);
        }
      }
    });
  });
}
