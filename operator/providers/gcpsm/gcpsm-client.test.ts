import { describe, expect, it } from 'vitest';
import { selectNamesWhere } from '../conformance.ts';
import { AuthError, PropertyNotFoundError, SecretNotFoundError, UnavailableError } from '../errors.ts';
import type { SecretsClient } from '../types.ts';
import { createGcpsmClient, listFilter } from './gcpsm-client.ts';
import { DisabledVersionError } from './grpc-error.ts';
import type { RemoteSecret, RemoteVersion, SecretManagerPort } from './secret-manager-port.ts';

interface FakeSecret {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  versions: { value: string; state?: RemoteVersion['state'] }[];
}

/**
 * A map standing in for Secret Manager, with its real semantics: `latest` is the newest version
 * whatever its state, and a version that is not ENABLED cannot be accessed. It ignores `filter`,
 * as some servers do, so the client's own filtering is what the tests see.
 */
function fakePort(secrets: Record<string, FakeSecret>, probeError?: Error): SecretManagerPort {
  const utf8 = new TextEncoder();
  const parse = (name: string) => {
    const match = /^projects\/acme\/secrets\/([^/]+)(?:\/versions\/([^/]+))?$/.exec(name);
    return { id: match?.[1] ?? '', version: match?.[2] };
  };
  const find = (id: string, subject: string): FakeSecret => {
    const secret = secrets[id];
    if (!secret) throw new SecretNotFoundError(`gcpsm: ${subject} not found`);
    return secret;
  };
  const metadata = (id: string, secret: FakeSecret): RemoteSecret => ({
    name: `projects/123456/secrets/${id}`,
    labels: secret.labels ?? {},
    annotations: secret.annotations ?? {},
  });
  return {
    accessVersion(name, subject) {
      const { id, version } = parse(name);
      const secret = find(id, subject);
      const number = version === 'latest' ? secret.versions.length : Number(version);
      const found = secret.versions[number - 1];
      if (!found) return Promise.reject(new SecretNotFoundError(`gcpsm: ${subject} not found`));
      if ((found.state ?? 'ENABLED') !== 'ENABLED')
        return Promise.reject(new DisabledVersionError('gcpsm: disabled'));
      return Promise.resolve(utf8.encode(found.value));
    },
    getSecret: (name, subject) => {
      const { id } = parse(name);
      return Promise.resolve(metadata(id, find(id, subject)));
    },
    listSecrets: () => Promise.resolve(Object.entries(secrets).map(([id, secret]) => metadata(id, secret))),
    listVersions: (name, subject) => {
      const secret = find(parse(name).id, subject);
      return Promise.resolve(
        secret.versions.map((version, index) => ({
          name: `${name}/versions/${String(index + 1)}`,
          state: version.state ?? 'ENABLED',
          createdAt: 1_000 * (index + 1),
        })),
      );
    },
    probe: () => (probeError ? Promise.reject(probeError) : Promise.resolve()),
    close: () => Promise.resolve(),
  };
}

const text = (value: Uint8Array): string => new TextDecoder().decode(value);
const signal = (): AbortSignal => new AbortController().signal;
const clientOver = (
  port: SecretManagerPort,
  policy: 'LatestOrFail' | 'LatestOrFetch' = 'LatestOrFail',
): SecretsClient =>
  createGcpsmClient(port, { scope: { projectID: 'acme' }, secretVersionSelectionPolicy: policy });

describe('gcpsm client', () => {
  const secrets: Record<string, FakeSecret> = {
    db: {
      versions: [{ value: 'one' }, { value: 'two' }],
      labels: { env: 'prod' },
      annotations: { owner: 'team-a' },
    },
    'db-replica': { versions: [{ value: 'replica' }], labels: { env: 'dev' } },
    rotated: { versions: [{ value: 'old' }, { value: 'new', state: 'DISABLED' }] },
    empty: { versions: [], labels: { env: 'prod' } },
  };

  it('reads the latest version by default and a numbered one when asked', async () => {
    const client = clientOver(fakePort(secrets));
    expect(text(await client.getSecret({ key: 'db' }, signal()))).toBe('two');
    expect(text(await client.getSecret({ key: 'db', version: '1' }, signal()))).toBe('one');
  });

  it('fails on a disabled latest version under LatestOrFail, and reads the newest enabled one under LatestOrFetch', async () => {
    await expect(
      clientOver(fakePort(secrets)).getSecret({ key: 'rotated' }, signal()),
    ).rejects.toBeInstanceOf(DisabledVersionError);
    const fetching = clientOver(fakePort(secrets), 'LatestOrFetch');
    expect(text(await fetching.getSecret({ key: 'rotated' }, signal()))).toBe('old');
    // An explicit version is what the user asked for: no fallback.
    await expect(fetching.getSecret({ key: 'rotated', version: '2' }, signal())).rejects.toBeInstanceOf(
      DisabledVersionError,
    );
  });

  it('finds by tags even when the server ignores the filter', async () => {
    const found = await clientOver(fakePort(secrets)).findSecrets({ tags: { env: 'prod' } }, signal());
    // `empty` is labelled too but has no version: nothing to sync, and not an error.
    expect(Object.keys(found)).toEqual(['db']);
    expect(text(found['db'] ?? new Uint8Array())).toBe('two');
  });

  it('finds by path (a prefix of the id) and name together, keyed by secret id', async () => {
    const client = clientOver(fakePort(secrets));
    const byPath = await client.findSecrets({ path: 'db' }, signal());
    expect(Object.keys(byPath).sort()).toEqual(['db', 'db-replica']);
    const both = await client.findSecrets(
      { path: 'db', selectNames: selectNamesWhere((name) => name.endsWith('replica')) },
      signal(),
    );
    expect(Object.keys(both)).toEqual(['db-replica']);
  });

  it("builds ESO's server-side filter from tags and path", () => {
    expect(listFilter({ tags: { env: 'prod', team: 'a' }, path: 'db' })).toBe(
      'labels.env=prod AND labels.team=a AND name:db',
    );
    expect(listFilter({})).toBeUndefined();
    expect(() => listFilter({ tags: { env: 'prod OR name:x' } })).toThrow(/not a Secret Manager label/);
  });

  it('returns labels and annotations for metadataPolicy Fetch, as ESO', async () => {
    const client = clientOver(fakePort(secrets));
    const read = async (property?: string) =>
      text(await client.getSecret({ key: 'db', metadataPolicy: 'Fetch', property }, signal()));
    expect(JSON.parse(await read())).toEqual({ annotations: { owner: 'team-a' }, labels: { env: 'prod' } });
    expect(JSON.parse(await read('labels'))).toEqual({ env: 'prod' });
    expect(await read('labels.env')).toBe('prod');
    expect(await read('annotations.owner')).toBe('team-a');
    await expect(read('labels.missing')).rejects.toBeInstanceOf(PropertyNotFoundError);
    await expect(read('owner')).rejects.toBeInstanceOf(PropertyNotFoundError);
    const map = await client.getSecretMap(
      { key: 'db', metadataPolicy: 'Fetch', property: 'labels' },
      signal(),
    );
    expect(text(map['env'] ?? new Uint8Array())).toBe('prod');
  });

  it('validates Ready, Error for credentials the server refuses, and throws when it cannot tell', async () => {
    expect(await clientOver(fakePort(secrets)).validate(signal())).toBe('Ready');
    expect(await clientOver(fakePort(secrets, new AuthError('gcpsm: denied'))).validate(signal())).toBe(
      'Error',
    );
    await expect(
      clientOver(fakePort(secrets, new UnavailableError('gcpsm: down'))).validate(signal()),
    ).rejects.toBeInstanceOf(UnavailableError);
  });
});
