// ESO's kubernetes semantics over an in-memory port; the real API server is exercised by
// test/integration/providers/kubernetes.test.ts.
import { describe, expect, it } from 'vitest';
import { selectNamesWhere } from '../conformance.ts';
import { InvalidConfigError, PropertyNotFoundError, SecretNotFoundError } from '../errors.ts';
import type { SecretsClient } from '../types.ts';
import { createKubernetesClient } from './kubernetes-client.ts';
import type { RemoteSecret, SecretsPort } from './secrets-port.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (value: Uint8Array): string => new TextDecoder().decode(value);
const signal = new AbortController().signal;

const secrets: RemoteSecret[] = [
  {
    name: 'app',
    data: {
      'tls.crt': bytes('CERT'),
      config: bytes('{"db":{"host":"db.internal"}}'),
      'file.json': bytes('{"a":"b"}'),
    },
    labels: { team: 'payments', 'app.kubernetes.io/name': 'app' },
    annotations: { owner: 'alice', settings: '{"tier":"gold"}' },
  },
  { name: 'other', data: { k: bytes('v') }, labels: {}, annotations: {} },
];

function clientOver(
  options: { mayGet?: boolean; selectors?: (string | undefined)[]; reads?: string[] } = {},
): SecretsClient {
  const port: SecretsPort = {
    readSecret: (name) => {
      options.reads?.push(name);
      const secret = secrets.find((candidate) => candidate.name === name);
      return secret
        ? Promise.resolve(secret)
        : Promise.reject(new SecretNotFoundError(`secret "${name}" not found`));
    },
    listSecretMetadata: (labelSelector) => {
      options.selectors?.push(labelSelector);
      return Promise.resolve(secrets.map(({ name, labels }) => ({ name, labels })));
    },
    mayGetSecrets: () => Promise.resolve(options.mayGet ?? true),
  };
  return createKubernetesClient(port, 'prod');
}

describe('kubernetes client semantics', () => {
  const client = clientOver();

  it('reads a data key whose name contains a dot before trying a path', async () => {
    expect(text(await client.getSecret({ key: 'app', property: 'tls.crt' }, signal))).toBe('CERT');
    expect(text(await client.getSecret({ key: 'app', property: 'file.json' }, signal))).toBe('{"a":"b"}');
  });

  it('follows a path into the JSON of a data key', async () => {
    expect(text(await client.getSecret({ key: 'app', property: 'config.db.host' }, signal))).toBe(
      'db.internal',
    );
    expect(text(await client.getSecret({ key: 'app', property: 'file.json.a' }, signal))).toBe('b');
  });

  it('names the Secret and property when the property is missing', async () => {
    await expect(client.getSecret({ key: 'app', property: 'missing' }, signal)).rejects.toThrow(
      new PropertyNotFoundError('kubernetes: secret "app" in namespace "prod" has no key "missing"'),
    );
  });

  it('with metadataPolicy Fetch, answers labels and annotations', async () => {
    const fetch = async (property?: string) =>
      text(await client.getSecret({ key: 'app', metadataPolicy: 'Fetch', property }, signal));
    expect(JSON.parse(await fetch())).toEqual({
      labels: secrets[0]?.labels,
      annotations: secrets[0]?.annotations,
    });
    expect(JSON.parse(await fetch('labels'))).toEqual(secrets[0]?.labels);
    expect(await fetch('labels.team')).toBe('payments');
    expect(await fetch('labels.app.kubernetes.io/name')).toBe('app');
    expect(await fetch('annotations.settings.tier')).toBe('gold');
    await expect(fetch('annotations.missing')).rejects.toThrow(PropertyNotFoundError);
    await expect(fetch('spec')).rejects.toThrow(/expected labels, annotations/);
    // A metadata property that cannot exist is a mistake in the spec, never deleted data.
    await expect(fetch('label.team')).rejects.toThrow(PropertyNotFoundError);
    const map = await client.getSecretMap(
      { key: 'app', metadataPolicy: 'Fetch', property: 'labels' },
      signal,
    );
    expect(text(map['team'] ?? bytes(''))).toBe('payments');
  });

  it('getSecretMap with a property reads that data key as a JSON object', async () => {
    const map = await client.getSecretMap({ key: 'app', property: 'config' }, signal);
    expect(JSON.parse(text(map['db'] ?? bytes('')))).toEqual({ host: 'db.internal' });
  });

  it('finds by tags as an equality label selector, and by name and path together', async () => {
    const selectors: (string | undefined)[] = [];
    const finder = clientOver({ selectors });
    await finder.findSecrets({ tags: { team: 'payments', 'app.kubernetes.io/name': 'app' } }, signal);
    await finder.findSecrets({ selectNames: selectNamesWhere(() => true) }, signal);
    expect(selectors).toEqual(['team=payments,app.kubernetes.io/name=app', undefined]);
    const found = await finder.findSecrets(
      { path: 'ot', selectNames: selectNamesWhere((name) => name.endsWith('er')) },
      signal,
    );
    expect(Object.keys(found)).toEqual(['other']);
  });

  it('refuses tags that are not labels, so they cannot change the selector', async () => {
    await expect(client.findSecrets({ tags: { 'team,env!': 'x' } }, signal)).rejects.toThrow(
      InvalidConfigError,
    );
    await expect(client.findSecrets({ tags: { team: 'a,b' } }, signal)).rejects.toThrow(
      /not a valid label value/,
    );
  });

  it('validate is Error when RBAC does not let the identity get Secrets', async () => {
    expect(await clientOver({ mayGet: false }).validate(signal)).toBe('Error');
  });

  it('reads only the Secrets a find matches, and stops past maxBytes', async () => {
    const reads: string[] = [];
    const finder = clientOver({ reads });
    expect(await finder.findSecrets({ selectNames: selectNamesWhere(() => false) }, signal)).toEqual({});
    expect(await finder.findSecrets({ tags: { team: 'nobody' } }, signal)).toEqual({});
    expect(reads).toEqual([]);
    expect(Object.keys(await finder.findSecrets({ path: 'oth', maxBytes: 2 }, signal))).toEqual(['other']);
    await expect(finder.findSecrets({ maxBytes: 20 }, signal)).rejects.toThrow(
      expect.objectContaining({
        reason: 'BudgetExceeded',
        message: expect.stringContaining('holding more than 20 bytes, the most one find may load') as unknown,
      }),
    );
  });
});
