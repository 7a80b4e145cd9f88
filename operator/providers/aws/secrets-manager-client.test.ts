// ESO's Secrets Manager semantics against a map-backed port: what each call returns, not which
// calls are made. The real port is tested against moto (test/integration/providers/aws.test.ts).
import { describe, expect, it } from 'vitest';
import { selectNamesWhere } from '../conformance.ts';
import { PropertyNotFoundError, ProviderError, SecretNotFoundError } from '../errors.ts';
import {
  batchLimit,
  type RemoteValue,
  type SecretListing,
  type SecretsManagerPort,
  type VersionSelector,
} from './secrets-port.ts';
import { createSecretsManagerClient } from './secrets-manager-client.ts';

interface StoredSecret {
  versions: { id: string; stages: string[]; value: Uint8Array | undefined }[];
  tags: Record<string, string>;
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (value: Uint8Array): string => new TextDecoder().decode(value);
const signal = (): AbortSignal => new AbortController().signal;

/** A Secrets Manager of a few secrets that, like AWS, refuses batches of more than twenty ids. */
function mapPort(
  secrets: Record<string, StoredSecret>,
  options: { credentials?: 'accepted' | 'rejected' } = {},
) {
  const secretOf = (id: string): StoredSecret => {
    const secret = secrets[id];
    if (!secret) throw new SecretNotFoundError(`aws: secret "${id}" not found`);
    return secret;
  };
  const versionOf = (id: string, selector: VersionSelector): RemoteValue => {
    const version = secretOf(id).versions.find((candidate) =>
      'versionId' in selector
        ? candidate.id === selector.versionId
        : candidate.stages.includes(selector.versionStage),
    );
    if (!version) throw new SecretNotFoundError(`aws: secret "${id}" version not found`);
    return { name: id, value: version.value };
  };
  const port: SecretsManagerPort = {
    getSecretValue: (id, selector) => Promise.resolve(versionOf(id, selector)),
    batchGetSecretValues(ids) {
      if (ids.length > batchLimit) {
        return Promise.reject(new ProviderError('ProviderError', 'aws: too many ids', { retryable: false }));
      }
      return Promise.resolve(ids.map((id) => versionOf(id, { versionStage: 'AWSCURRENT' })));
    },
    listSecrets(filters) {
      const names = filters.filter((filter) => filter.key === 'name').flatMap((filter) => filter.values);
      const listings: SecretListing[] = Object.entries(secrets)
        .filter(([name]) => names.every((prefix) => name.startsWith(prefix)))
        .map(([name, secret]) => ({ name, tags: secret.tags }));
      return Promise.resolve(listings);
    },
    describeSecretTags: (id) => Promise.resolve(secretOf(id).tags),
    checkCredentials: () => Promise.resolve(options.credentials ?? 'accepted'),
    close: () => undefined,
  };
  return { port };
}

const current = (value: string | Uint8Array, tags: Record<string, string> = {}): StoredSecret => ({
  versions: [{ id: 'v1', stages: ['AWSCURRENT'], value: typeof value === 'string' ? bytes(value) : value }],
  tags,
});

describe('createSecretsManagerClient', () => {
  it('reads the version a remoteRef.version names: a stage, or uuid/<id>', async () => {
    const { port } = mapPort({
      db: {
        versions: [
          { id: '11111111-aaaa', stages: ['AWSPREVIOUS'], value: bytes('old-Ps1') },
          { id: '22222222-bbbb', stages: ['AWSCURRENT', 'blue'], value: bytes('new-Ps2') },
        ],
        tags: {},
      },
    });
    const client = createSecretsManagerClient(port);
    const read = async (version?: string) => text(await client.getSecret({ key: 'db', version }, signal()));
    expect(await read()).toBe('new-Ps2');
    expect(await read('AWSPREVIOUS')).toBe('old-Ps1');
    expect(await read('blue')).toBe('new-Ps2');
    expect(await read('uuid/11111111-aaaa')).toBe('old-Ps1');
  });

  it('returns SecretBinary as its bytes', async () => {
    const binary = new Uint8Array([0, 159, 146, 150, 255]);
    const client = createSecretsManagerClient(mapPort({ blob: current(binary) }).port);
    expect(await client.getSecret({ key: 'blob' }, signal())).toEqual(binary);
  });

  it('tries a property with dots as one key before it follows the path, as ESO does', async () => {
    const client = createSecretsManagerClient(
      mapPort({ cfg: current('{"db.host":"flat-Hq1","db":{"host":"nested-Hq2","port":5432}}') }).port,
    );
    const read = async (property: string) => text(await client.getSecret({ key: 'cfg', property }, signal()));
    expect(await read('db.host')).toBe('flat-Hq1');
    expect(await read('db.port')).toBe('5432');
    await expect(read('db.user')).rejects.toThrow(
      new PropertyNotFoundError('aws: secret "cfg" has no property "db.user"'),
    );
  });

  it('with metadataPolicy Fetch, answers the tags as a JSON object, one tag, or a map', async () => {
    const client = createSecretsManagerClient(
      mapPort({ db: current('value-Vv1', { team: 'payments', 'cost.center': '42' }) }).port,
    );
    const ref = { key: 'db', metadataPolicy: 'Fetch' as const };
    expect(JSON.parse(text(await client.getSecret(ref, signal())))).toEqual({
      team: 'payments',
      'cost.center': '42',
    });
    expect(text(await client.getSecret({ ...ref, property: 'cost.center' }, signal()))).toBe('42');
    const map = await client.getSecretMap(ref, signal());
    expect(Object.fromEntries(Object.entries(map).map(([key, value]) => [key, text(value)]))).toEqual({
      team: 'payments',
      'cost.center': '42',
    });
    await expect(client.getSecret({ ...ref, property: 'owner' }, signal())).rejects.toBeInstanceOf(
      PropertyNotFoundError,
    );
  });

  it('prepends the store prefix to remoteRef.key', async () => {
    const client = createSecretsManagerClient(mapPort({ 'prod/db': current('prefixed-Pp1') }).port, {
      prefix: 'prod/',
    });
    expect(text(await client.getSecret({ key: 'db' }, signal()))).toBe('prefixed-Pp1');
    await expect(client.getSecret({ key: 'prod/db' }, signal())).rejects.toBeInstanceOf(SecretNotFoundError);
  });

  it('a version with neither string nor binary is InvalidData, not a missing secret', async () => {
    const { port } = mapPort({
      rotating: { versions: [{ id: 'v', stages: ['AWSCURRENT'], value: undefined }], tags: {} },
    });
    const error: unknown = await createSecretsManagerClient(port)
      .getSecret({ key: 'rotating' }, signal())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).not.toBeInstanceOf(SecretNotFoundError);
    expect(error).toMatchObject({ reason: 'InvalidData', retryable: false });
  });

  it('finds by exact tags, path and name, reading forty-five matches in batches AWS accepts', async () => {
    const secrets: Record<string, StoredSecret> = {};
    for (let index = 0; index < 45; index++)
      secrets[`app/s${String(index).padStart(2, '0')}`] = current(`v${String(index)}`, { team: 'payments' });
    secrets['app/other'] = current('other', { team: 'pay' });
    secrets['elsewhere/s01'] = current('elsewhere', { team: 'payments' });
    const { port } = mapPort(secrets);
    const client = createSecretsManagerClient(port);
    const found = await client.findSecrets({ path: 'app/', tags: { team: 'payments' } }, signal());
    expect(Object.keys(found)).toHaveLength(45);
    expect(text(found['app/s44'] ?? bytes(''))).toBe('v44');
    expect(found['app/other']).toBeUndefined();
    const named = await client.findSecrets(
      { selectNames: selectNamesWhere((name) => name.endsWith('s01')) },
      signal(),
    );
    expect(Object.keys(named).sort()).toEqual(['app/s01', 'elsewhere/s01']);
  });

  it('validates by whether AWS accepts the credentials', async () => {
    expect(await createSecretsManagerClient(mapPort({}).port).validate(signal())).toBe('Ready');
    expect(
      await createSecretsManagerClient(mapPort({}, { credentials: 'rejected' }).port).validate(signal()),
    ).toBe('Error');
  });
});
