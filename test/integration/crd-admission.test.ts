import { KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';

type Manifest = KubernetesObject & { spec: Record<string, unknown> };

/** The API server's answer to a create: the stored object, or the rejection message. */
async function create(
  objects: KubernetesObjectApi,
  manifest: Manifest,
): Promise<{ stored?: Manifest; rejected?: string }> {
  try {
    return { stored: await objects.create(manifest) };
  } catch (error) {
    const body = (error as { body?: unknown }).body;
    const status = typeof body === 'string' ? (JSON.parse(body) as { message?: string }) : {};
    return { rejected: status.message ?? String(error) };
  }
}

describe('CRDs at admission (generated crds/ on a real kube-apiserver)', () => {
  const admin = adminKubeConfig();
  const objects = KubernetesObjectApi.makeApiClient(admin);
  let namespace: string;
  let counter = 0;

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'admission');
  });
  afterAll(async () => {
    await deleteNamespace(admin, namespace);
  });

  const externalSecret = (spec: Record<string, unknown>): Manifest => ({
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'ExternalSecret',
    metadata: { name: `es-${++counter}`, namespace },
    spec,
  });
  const secretStore = (provider: Record<string, unknown>): Manifest => ({
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'SecretStore',
    metadata: { name: `store-${++counter}`, namespace },
    spec: { provider },
  });
  const oneKey = { data: [{ secretKey: 'password', remoteRef: { key: 'db' } }] };

  it('accepts an ESO-shaped ExternalSecret and fills in defaults, but none inside list items', async () => {
    const { stored, rejected } = await create(
      objects,
      externalSecret({ secretStoreRef: { name: 'store' }, ...oneKey }),
    );
    expect(rejected).toBeUndefined();
    expect(stored?.spec).toMatchObject({
      secretStoreRef: { name: 'store', kind: 'SecretStore' },
      refreshInterval: '1h',
      refreshPolicy: 'Periodic',
      target: { creationPolicy: 'Owner', deletionPolicy: 'Retain' },
    });
    // A list is replaced whole on apply: an injected field in an item would make GitOps tools see
    // the list differ from git forever. The operator reads an unset strategy as its default.
    expect((stored?.spec as { data: unknown[] }).data).toEqual(oneKey.data);
  });

  it.each([
    [
      'a dataFrom entry with both extract and find',
      {
        secretStoreRef: { name: 's' },
        dataFrom: [{ extract: { key: 'a' }, find: { name: { regexp: '.*' } } }],
      },
      'exactly one of extract or find',
    ],
    [
      'a dataFrom entry with neither',
      { secretStoreRef: { name: 's' }, dataFrom: [{}] },
      'exactly one of extract or find',
    ],
    [
      'deletionPolicy Delete without creationPolicy Owner',
      {
        secretStoreRef: { name: 's' },
        target: { creationPolicy: 'Merge', deletionPolicy: 'Delete' },
        ...oneKey,
      },
      'deletionPolicy Delete requires creationPolicy Owner',
    ],
    [
      'deletionPolicy Merge with creationPolicy None',
      {
        secretStoreRef: { name: 's' },
        target: { creationPolicy: 'None', deletionPolicy: 'Merge' },
        ...oneKey,
      },
      'deletionPolicy Merge needs a Secret to remove keys from',
    ],
    [
      'a malformed refreshInterval',
      { secretStoreRef: { name: 's' }, refreshInterval: '5x', ...oneKey },
      'expected a duration such as "30s", "5m" or "1h"',
    ],
    [
      'a refreshInterval above zero but under a second (some 600 syncs a second)',
      { secretStoreRef: { name: 's' }, refreshInterval: '1ms', ...oneKey },
      'spec.refreshInterval: Invalid value: "1ms": refreshInterval is "0" (sync once) or at least 1s',
    ],
    [
      'a refreshInterval of 999ms',
      { secretStoreRef: { name: 's' }, refreshInterval: '999ms', ...oneKey },
      'refreshInterval is "0" (sync once) or at least 1s',
    ],
    ['no data at all', { secretStoreRef: { name: 's' } }, 'needs at least one entry in data or dataFrom'],
    ['no store anywhere', { ...oneKey }, 'spec.secretStoreRef is required'],
    [
      'a Secret key Kubernetes would refuse',
      { secretStoreRef: { name: 's' }, data: [{ secretKey: 'a/b', remoteRef: { key: 'db' } }] },
      'secretKey',
    ],
    [
      'two data entries for one Secret key, the last of which would silently win',
      {
        secretStoreRef: { name: 's' },
        data: [
          { secretKey: 'password', remoteRef: { key: 'db' } },
          { secretKey: 'user', remoteRef: { key: 'db' } },
          { secretKey: 'password', remoteRef: { key: 'other' } },
        ],
      },
      'spec.data[2]: Duplicate value: {"secretKey":"password"}',
    ],
    [
      'an unknown creationPolicy',
      { secretStoreRef: { name: 's' }, target: { creationPolicy: 'Sometimes' }, ...oneKey },
      'creationPolicy',
    ],
    [
      'a rewrite with both regexp and transform',
      {
        secretStoreRef: { name: 's' },
        dataFrom: [
          {
            extract: { key: 'a' },
            rewrite: [{ regexp: { source: 'a', target: 'b' }, transform: { template: 'x' } }],
          },
        ],
      },
      'exactly one of merge, regexp or transform',
    ],
    [
      'a merge rewrite with strategy JSON and no into',
      {
        secretStoreRef: { name: 's' },
        dataFrom: [{ find: { path: 'app/' }, rewrite: [{ merge: { strategy: 'JSON' } }] }],
      },
      'merge.into is required with strategy JSON',
    ],
    [
      'a merge rewrite with an unknown conflictPolicy',
      {
        secretStoreRef: { name: 's' },
        dataFrom: [{ find: { path: 'app/' }, rewrite: [{ merge: { conflictPolicy: 'Overwrite' } }] }],
      },
      'conflictPolicy',
    ],
  ])('rejects %s with a readable message', async (_case, spec, message) => {
    const { rejected } = await create(objects, externalSecret(spec));
    expect(rejected).toContain(message);
  });

  it.each(['0', '0s', '1s', '1000ms', '1h'])('accepts a refreshInterval of %s', async (refreshInterval) => {
    const { rejected } = await create(
      objects,
      externalSecret({ secretStoreRef: { name: 's' }, refreshInterval, ...oneKey }),
    );
    expect(rejected).toBeUndefined();
  });

  it('rejects a store with no provider block or with two', async () => {
    expect((await create(objects, secretStore({}))).rejected).toContain('exactly one provider block');
    const two = await create(
      objects,
      secretStore({ fake: { data: [] }, kubernetes: { authRef: { name: 'kubeconfig' } } }),
    );
    expect(two.rejected).toContain('exactly one provider block');
  });

  it('rejects a store rate limit of zero calls per second or a burst below one', async () => {
    const withLimit = (rateLimit: Record<string, unknown>): Manifest => {
      const store = secretStore({ fake: { data: [] } });
      return { ...store, spec: { ...(store.spec as object), rateLimit } };
    };
    expect((await create(objects, withLimit({ requestsPerSecond: 0 }))).rejected).toContain(
      'spec.rateLimit.requestsPerSecond',
    );
    expect((await create(objects, withLimit({ requestsPerSecond: 5, burst: 0 }))).rejected).toContain(
      'spec.rateLimit.burst',
    );
    expect((await create(objects, withLimit({ requestsPerSecond: 0.5, burst: 2 }))).rejected).toBeUndefined();
  });

  it('rejects a kubernetes provider without exactly one auth method', async () => {
    const none = await create(objects, secretStore({ kubernetes: {} }));
    expect(none.rejected).toContain('exactly one of auth or authRef');
    const both = await create(
      objects,
      secretStore({
        kubernetes: {
          auth: { token: { bearerToken: { name: 't', key: 'token' } }, serviceAccount: { name: 'sa' } },
        },
      }),
    );
    expect(both.rejected).toContain('exactly one of cert, token or serviceAccount');
  });

  it('accepts a fake store and a ClusterSecretStore with namespace conditions', async () => {
    expect(
      (await create(objects, secretStore({ fake: { data: [{ key: 'db', value: 'x' }] } }))).rejected,
    ).toBeUndefined();
    const cluster = await create(objects, {
      apiVersion: 'ferry.dev/v1alpha1',
      kind: 'ClusterSecretStore',
      metadata: { name: `cluster-store-${namespace}` },
      spec: {
        provider: { fake: { data: [] } },
        conditions: [
          { namespaces: [namespace] },
          { namespaceSelector: { matchLabels: { team: 'a' } } },
          { namespaceRegexes: ['^team-.*$'] },
        ],
      },
    });
    expect(cluster.rejected).toBeUndefined();
    if (cluster.stored) await objects.delete(cluster.stored);
  });
});
