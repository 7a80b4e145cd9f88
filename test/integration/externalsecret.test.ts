import {
  CoreV1Api,
  CustomObjectsApi,
  EventsV1Api,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';
import { syncFakeExample } from '../support/fake-example.ts';
import { externalSecretObject, fakeStoreObject, type FerryObject } from '../support/ferry-objects.ts';
import { applyObjects } from '../support/manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from '../support/namespaced-operator.ts';
import type { OperatorProcess } from '../support/operator-process.ts';
import {
  decoded,
  eventually,
  readExternalSecret,
  readSecret,
  readyCondition,
  waitForReason,
} from '../support/waiting.ts';

const api = 'ferry.dev/v1alpha1';
// Values planted in stores; none may ever show up in logs, events or status.
const planted = ['fake-password-123', 'fake-api-token', 's3cr3t-rotated-456', 's3cr3t-merge-789'];

describe('ExternalSecret controller with the fake provider (real control plane, real operator process)', () => {
  const admin = adminKubeConfig();
  const core = admin.makeApiClient(CoreV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  let namespace: string;
  let operator: OperatorProcess;

  const externalSecret = (name: string, spec: Record<string, unknown>): FerryObject =>
    externalSecretObject(namespace, name, spec);
  const fakeStore = (name: string, data: { key: string; value: string; version?: string }[]): FerryObject =>
    fakeStoreObject(namespace, name, data);

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'es');
    operator = await startNamespacedOperator(namespace);
  });

  afterAll(async () => {
    // Whatever else happened, no secret value reached a log line.
    await stopAndCheckOutput(operator, planted);
    await deleteNamespace(admin, namespace);
  });

  it('syncs the examples/fake manifests into a Secret, with status, history and an Event', async () => {
    const { es, secret } = await syncFakeExample(admin, namespace);
    expect(decoded(secret)).toEqual({
      username: 'app',
      password: 'fake-password-123',
      host: 'db.internal.example',
      'api-token': 'fake-api-token',
    });
    expect(secret?.metadata?.labels?.['ferry.dev/managed']).toBe('true');
    expect(secret?.metadata?.annotations?.['ferry.dev/data-hash']).toMatch(/^[0-9a-f]{40}$/);
    expect(secret?.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'ExternalSecret',
      name: 'app-db',
      controller: true,
    });
    expect(readyCondition(es)).toMatchObject({ status: 'True', reason: 'SecretSynced' });
    expect(es.status?.binding).toEqual({ name: 'app-db' });
    expect(es.status?.history?.at(-1)).toMatchObject({
      action: 'Created',
      reason: 'SecretSynced',
      dataHash: secret?.metadata?.annotations?.['ferry.dev/data-hash'],
    });

    const events = await admin
      .makeApiClient(EventsV1Api)
      .listNamespacedEvent({ namespace, fieldSelector: 'regarding.name=app-db' });
    expect(events.items.map((event) => event.reason)).toContain('SecretSynced');
    const metrics = (await operator.get('/metrics')).body;
    expect(metrics).toMatch(/ferry_sync_total\{kind="ExternalSecret",result="created"\} [1-9]/);
    expect(metrics).toMatch(
      /ferry_provider_calls_total\{provider="fake",operation="getSecret",result="ok"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /ferry_reconcile_duration_seconds_count\{controller="externalsecret",outcome="success"\} [1-9]/,
    );
    // Bounded labels only: no object names in metrics.
    expect(metrics).not.toContain('app-db');
    const serialized = JSON.stringify({
      status: es.status,
      events: events.items.map((event) => event.note),
      metrics,
    });
    for (const value of planted) expect(serialized).not.toContain(value);
  });

  it('restores a managed Secret that someone edits or deletes', async () => {
    await applyObjects(admin, [
      fakeStore('fake', [
        { key: '/db/credentials', value: '{"username":"app","password":"fake-password-123"}' },
      ]),
      externalSecret('drift', {
        data: [{ secretKey: 'password', remoteRef: { key: '/db/credentials', property: 'password' } }],
      }),
    ]);
    await waitForReason(admin, namespace, 'drift', 'SecretSynced');

    await core.patchNamespacedSecret({
      namespace,
      name: 'drift',
      body: [{ op: 'replace', path: '/data/password', value: Buffer.from('tampered').toString('base64') }],
    });
    await vi.waitFor(
      async () =>
        expect(decoded(await readSecret(admin, namespace, 'drift')).password).toBe('fake-password-123'),
      eventually,
    );

    await core.deleteNamespacedSecret({ namespace, name: 'drift' });
    await vi.waitFor(
      async () =>
        expect(decoded(await readSecret(admin, namespace, 'drift')).password).toBe('fake-password-123'),
      eventually,
    );
  });

  it('a store change re-reads it for periodic ExternalSecrets; refreshInterval 0 waits for a change of its own', async () => {
    const token = { data: [{ secretKey: 'token', remoteRef: { key: 'token' } }] };
    await applyObjects(admin, [
      fakeStore('rotating', [{ key: 'token', value: 'first-value' }]),
      externalSecret('rotating', { secretStoreRef: { name: 'rotating' }, refreshInterval: '1h', ...token }),
      externalSecret('once', { secretStoreRef: { name: 'rotating' }, refreshInterval: '0', ...token }),
    ]);
    await waitForReason(admin, namespace, 'rotating', 'SecretSynced');
    const synced = await waitForReason(admin, namespace, 'once', 'SecretSynced');
    await applyObjects(admin, [fakeStore('rotating', [{ key: 'token', value: 's3cr3t-rotated-456' }])]);
    // Long before its hour is up, the periodic one follows the store...
    await vi.waitFor(
      async () =>
        expect(decoded(await readSecret(admin, namespace, 'rotating')).token).toBe('s3cr3t-rotated-456'),
      eventually,
    );
    // ...while "sync once" (ESO's meaning of 0), enqueued by the same store event, does not.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(decoded(await readSecret(admin, namespace, 'once')).token).toBe('first-value');

    // A change of its own (force-sync) reads the store again.
    await custom.patchNamespacedCustomObject(
      {
        group: 'ferry.dev',
        version: 'v1alpha1',
        plural: 'externalsecrets',
        namespace,
        name: 'once',
        body: { metadata: { annotations: { 'ferry.dev/force-sync': String(Date.now()) } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await vi.waitFor(
      async () =>
        expect(decoded(await readSecret(admin, namespace, 'once')).token).toBe('s3cr3t-rotated-456'),
      eventually,
    );
    // The status is written after the Secret: wait for it rather than read it once.
    await vi.waitFor(async () => {
      const after = await readExternalSecret(admin, namespace, 'once');
      expect(after.status?.syncedResourceVersion).not.toBe(synced.status?.syncedResourceVersion);
    }, eventually);
  });

  it('refreshes periodically without writing the Secret or the status when nothing changed upstream', async () => {
    await applyObjects(admin, [
      fakeStore('steady', [{ key: 'k', value: 'v' }]),
      externalSecret('steady', {
        secretStoreRef: { name: 'steady' },
        refreshInterval: '1s',
        data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
      }),
    ]);
    await waitForReason(admin, namespace, 'steady', 'SecretSynced');
    const es = await readExternalSecret(admin, namespace, 'steady');
    const secret = await readSecret(admin, namespace, 'steady');
    await new Promise((resolve) => setTimeout(resolve, 4_000)); // about three refresh cycles
    expect((await readExternalSecret(admin, namespace, 'steady')).metadata.resourceVersion).toBe(
      es.metadata.resourceVersion,
    );
    expect((await readSecret(admin, namespace, 'steady'))?.metadata?.resourceVersion).toBe(
      secret?.metadata?.resourceVersion,
    );
    // ...while the refreshes did happen: the audit log counts them.
    const refreshes = operator
      .logs()
      .filter((entry) => entry.msg === 'refreshed; nothing changed' && entry['name'] === 'steady');
    expect(refreshes.length).toBeGreaterThanOrEqual(2);
  });

  it("paces a store's calls to its spec.rateLimit: every ExternalSecret syncs, none records a failure", async () => {
    const keys = ['a', 'b', 'c', 'd'];
    const store = fakeStore(
      'paced',
      keys.map((key) => ({ key, value: `paced-${key}` })),
    );
    await applyObjects(admin, [
      { ...store, spec: { ...(store.spec as object), rateLimit: { requestsPerSecond: 1, burst: 1 } } },
      ...keys.map((key) =>
        externalSecret(`paced-${key}`, {
          secretStoreRef: { name: 'paced' },
          data: [{ secretKey: 'value', remoteRef: { key } }],
        }),
      ),
    ]);
    for (const key of keys) {
      const es = await waitForReason(admin, namespace, `paced-${key}`, 'SecretSynced');
      expect(decoded(await readSecret(admin, namespace, `paced-${key}`))).toEqual({ value: `paced-${key}` });
      // Waiting for its turn is no failure: the only history entry is the sync.
      expect(es.status?.history?.map((entry) => entry.reason)).toEqual(['SecretSynced']);
    }
    // Four reads at one per second: those whose turn was more than a second off were queued again.
    const paced = operator.logs().filter((entry) => entry.msg === 'store calls paced');
    expect(paced.length).toBeGreaterThan(0);
  });

  it('creationPolicy Merge reports SecretMissing until its Secret exists, and merges into it once it does', async () => {
    await applyObjects(admin, [
      fakeStore('merge', [{ key: 'extra', value: 's3cr3t-merge-789' }]),
      externalSecret('merge', {
        secretStoreRef: { name: 'merge' },
        // GitOps order: the ExternalSecret first, its Secret later; no refresh is due for an hour.
        refreshInterval: '1h',
        target: { name: 'merge-target', creationPolicy: 'Merge' },
        data: [{ secretKey: 'extra', remoteRef: { key: 'extra' } }],
      }),
    ]);
    const missing = await waitForReason(admin, namespace, 'merge', 'SecretMissing');
    expect(readyCondition(missing)?.status).toBe('False');
    expect(await readSecret(admin, namespace, 'merge-target')).toBeUndefined();

    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'merge-target' }, stringData: { own: 'kept' } },
    });
    await vi.waitFor(
      async () =>
        expect(decoded(await readSecret(admin, namespace, 'merge-target'))).toEqual({
          own: 'kept',
          extra: 's3cr3t-merge-789',
        }),
      eventually,
    );
    await waitForReason(admin, namespace, 'merge', 'SecretSynced');
  });

  it('creationPolicy Orphan writes no ownerReference, and None writes no Secret', async () => {
    await applyObjects(admin, [
      fakeStore('policies', [{ key: 'k', value: 'v' }]),
      externalSecret('orphan', {
        secretStoreRef: { name: 'policies' },
        target: { creationPolicy: 'Orphan' },
        data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
      }),
      externalSecret('none', {
        secretStoreRef: { name: 'policies' },
        target: { creationPolicy: 'None' },
        data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
      }),
    ]);
    await waitForReason(admin, namespace, 'orphan', 'SecretSynced');
    await waitForReason(admin, namespace, 'none', 'SecretSynced');
    expect((await readSecret(admin, namespace, 'orphan'))?.metadata?.ownerReferences).toBeUndefined();
    expect(await readSecret(admin, namespace, 'none')).toBeUndefined();
  });

  it('deletionPolicy Delete removes the Secret once the store no longer has the data; Retain keeps it', async () => {
    await applyObjects(admin, [
      fakeStore('vanishing', [{ key: 'k', value: 'v' }]),
      externalSecret('deleting', {
        secretStoreRef: { name: 'vanishing' },
        target: { deletionPolicy: 'Delete' },
        data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
      }),
      externalSecret('retaining', {
        secretStoreRef: { name: 'vanishing' },
        data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
      }),
    ]);
    await waitForReason(admin, namespace, 'deleting', 'SecretSynced');
    await waitForReason(admin, namespace, 'retaining', 'SecretSynced');
    await applyObjects(admin, [fakeStore('vanishing', [])]);
    await waitForReason(admin, namespace, 'deleting', 'SecretDeleted');
    await vi.waitFor(
      async () => expect(await readSecret(admin, namespace, 'deleting')).toBeUndefined(),
      eventually,
    );
    const retaining = await waitForReason(admin, namespace, 'retaining', 'RemoteValueNotFound');
    expect(readyCondition(retaining)?.status).toBe('False');
    // A provider failure never deletes or blanks the Secret.
    expect(decoded(await readSecret(admin, namespace, 'retaining'))).toEqual({ k: 'v' });
  });

  it('a find that matches nothing any more: Delete removes the Secret, Retain leaves it as it is (as ESO)', async () => {
    const find = { dataFrom: [{ find: { name: { regexp: '^app-' } } }] };
    await applyObjects(admin, [
      fakeStore('findable', [
        { key: 'app-a', value: 'a-value' },
        { key: 'unrelated', value: 'x' },
      ]),
      externalSecret('find-deleting', {
        secretStoreRef: { name: 'findable' },
        target: { deletionPolicy: 'Delete' },
        ...find,
      }),
      externalSecret('find-retaining', { secretStoreRef: { name: 'findable' }, ...find }),
      // With other data still there, the Secret stays, without the find's keys (ESO does the same).
      externalSecret('find-and-data', {
        secretStoreRef: { name: 'findable' },
        target: { deletionPolicy: 'Delete' },
        data: [{ secretKey: 'other', remoteRef: { key: 'unrelated' } }],
        ...find,
      }),
    ]);
    await waitForReason(admin, namespace, 'find-and-data', 'SecretSynced');
    expect(decoded(await readSecret(admin, namespace, 'find-and-data'))).toEqual({
      'app-a': 'a-value',
      other: 'x',
    });
    await waitForReason(admin, namespace, 'find-deleting', 'SecretSynced');
    await waitForReason(admin, namespace, 'find-retaining', 'SecretSynced');
    expect(decoded(await readSecret(admin, namespace, 'find-retaining'))).toEqual({ 'app-a': 'a-value' });

    await applyObjects(admin, [fakeStore('findable', [{ key: 'unrelated', value: 'x' }])]);
    await waitForReason(admin, namespace, 'find-deleting', 'SecretDeleted');
    await vi.waitFor(
      async () => expect(await readSecret(admin, namespace, 'find-deleting')).toBeUndefined(),
      eventually,
    );
    await vi.waitFor(async () => {
      const es = await readExternalSecret(admin, namespace, 'find-retaining');
      expect(readyCondition(es)?.message).toContain('deletionPolicy Retain');
      expect(readyCondition(es)?.status).toBe('True');
    }, eventually);
    expect(decoded(await readSecret(admin, namespace, 'find-retaining'))).toEqual({ 'app-a': 'a-value' });
    await vi.waitFor(
      async () =>
        expect(decoded(await readSecret(admin, namespace, 'find-and-data'))).toEqual({ other: 'x' }),
      eventually,
    );
  });

  it('two remote keys a rewrite makes one fail the sync (InvalidSpec) rather than lose a value; the Secret is kept', async () => {
    const spec = {
      secretStoreRef: { name: 'teams' },
      dataFrom: [
        {
          find: { name: { regexp: '/password$' } },
          rewrite: [{ regexp: { source: '^[^/]*/', target: '' } }],
        },
      ],
    };
    await applyObjects(admin, [
      fakeStore('teams', [{ key: 'team-a/password', value: 'team-a-pw' }]),
      externalSecret('collapsing', spec),
    ]);
    await waitForReason(admin, namespace, 'collapsing', 'SecretSynced');
    expect(decoded(await readSecret(admin, namespace, 'collapsing'))).toEqual({ password: 'team-a-pw' });

    await applyObjects(admin, [
      fakeStore('teams', [
        { key: 'team-a/password', value: 'team-a-pw' },
        { key: 'team-b/password', value: 'team-b-pw' },
      ]),
    ]);
    const es = await waitForReason(admin, namespace, 'collapsing', 'InvalidSpec');
    expect(readyCondition(es)?.message).toContain(
      'spec.dataFrom[0].rewrite[0]: the keys "team-a/password" and "team-b/password" both become "password"',
    );
    expect(decoded(await readSecret(admin, namespace, 'collapsing'))).toEqual({ password: 'team-a-pw' });

    // The store's keys decide it: once only one is left, the Secret follows without touching the spec.
    await applyObjects(admin, [fakeStore('teams', [{ key: 'team-b/password', value: 'team-b-pw' }])]);
    await waitForReason(admin, namespace, 'collapsing', 'SecretSynced');
    expect(decoded(await readSecret(admin, namespace, 'collapsing'))).toEqual({ password: 'team-b-pw' });
  });

  it('follows a change to a store that only a sourceRef names', async () => {
    await applyObjects(admin, [
      fakeStore('main-store', [{ key: 'user', value: 'main-user' }]),
      fakeStore('side-store', [{ key: 'token', value: 'side-token-1' }]),
      externalSecret('two-stores', {
        secretStoreRef: { name: 'main-store' },
        refreshInterval: '1h',
        data: [
          { secretKey: 'user', remoteRef: { key: 'user' } },
          {
            secretKey: 'token',
            remoteRef: { key: 'token' },
            sourceRef: { storeRef: { name: 'side-store', kind: 'SecretStore' } },
          },
        ],
      }),
    ]);
    await waitForReason(admin, namespace, 'two-stores', 'SecretSynced');
    expect(decoded(await readSecret(admin, namespace, 'two-stores'))).toEqual({
      user: 'main-user',
      token: 'side-token-1',
    });
    await applyObjects(admin, [fakeStore('side-store', [{ key: 'token', value: 'side-token-2' }])]);
    await vi.waitFor(async () => {
      expect(decoded(await readSecret(admin, namespace, 'two-stores'))).toEqual({
        user: 'main-user',
        token: 'side-token-2',
      });
    }, eventually);
  });

  it('reports a property path into a value that is not JSON as InvalidSpec', async () => {
    await applyObjects(admin, [
      fakeStore('plain', [{ key: 'token', value: 'not-json' }]),
      externalSecret('bad-property', {
        secretStoreRef: { name: 'plain' },
        data: [{ secretKey: 'x', remoteRef: { key: 'token', property: 'a.b' } }],
      }),
    ]);
    const es = await waitForReason(admin, namespace, 'bad-property', 'InvalidSpec');
    expect(readyCondition(es)?.message).toContain('token');
    expect(readyCondition(es)?.message).not.toContain('not-json');
  });

  it('nullBytePolicy Fail: a value with a NUL byte is InvalidSpec, the Secret kept, and a fixed value syncs', async () => {
    // "AAE=" decodes to the bytes 0x00 0x01; "dGV4dA==" to "text".
    await applyObjects(admin, [
      fakeStore('nul-store', [{ key: 'cert', value: 'dGV4dA==' }]),
      externalSecret('nul-bytes', {
        secretStoreRef: { name: 'nul-store' },
        refreshInterval: '1s',
        data: [
          {
            secretKey: 'tls.crt',
            remoteRef: { key: 'cert', decodingStrategy: 'Base64', nullBytePolicy: 'Fail' },
          },
        ],
      }),
    ]);
    await waitForReason(admin, namespace, 'nul-bytes', 'SecretSynced');
    await applyObjects(admin, [fakeStore('nul-store', [{ key: 'cert', value: 'AAE=' }])]);
    const es = await waitForReason(admin, namespace, 'nul-bytes', 'InvalidSpec');
    expect(readyCondition(es)?.message).toContain('the value for key "tls.crt" contains NUL bytes');
    expect(decoded(await readSecret(admin, namespace, 'nul-bytes'))).toEqual({ 'tls.crt': 'text' });
    // Not a terminal spec error (the remote value may be fixed): retried at the refresh pace.
    const terminal = operator
      .logs()
      .filter((entry) => entry['name'] === 'nul-bytes' && String(entry.msg).includes('not retrying'));
    expect(terminal).toEqual([]);
    await applyObjects(admin, [fakeStore('nul-store', [{ key: 'cert', value: 'Zml4ZWQ=' }])]);
    await vi.waitFor(async () => {
      expect(decoded(await readSecret(admin, namespace, 'nul-bytes'))).toEqual({ 'tls.crt': 'fixed' });
    }, eventually);
    await waitForReason(admin, namespace, 'nul-bytes', 'SecretSynced');
  });

  it('puts template.metadata.finalizers on the Secret, and puts one back that someone removed', async () => {
    const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    await applyObjects(admin, [
      fakeStore('finalizer-store', [{ key: 'k', value: 'v' }]),
      externalSecret('kept', {
        secretStoreRef: { name: 'finalizer-store' },
        refreshInterval: '1s',
        target: { template: { metadata: { finalizers: ['example.com/keep'] } } },
        data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
      }),
    ]);
    try {
      await waitForReason(admin, namespace, 'kept', 'SecretSynced');
      expect((await readSecret(admin, namespace, 'kept'))?.metadata?.finalizers).toEqual([
        'example.com/keep',
      ]);
      await core.patchNamespacedSecret(
        { namespace, name: 'kept', body: { metadata: { finalizers: null } } },
        mergePatch,
      );
      await vi.waitFor(async () => {
        expect((await readSecret(admin, namespace, 'kept'))?.metadata?.finalizers).toEqual([
          'example.com/keep',
        ]);
      }, eventually);
    } finally {
      // Clean up as a user would: the ExternalSecret goes (its Secret waits on the finalizer), then
      // whoever holds the finalizer lets the Secret go.
      await custom.deleteNamespacedCustomObject({
        group: 'ferry.dev',
        version: 'v1alpha1',
        plural: 'externalsecrets',
        namespace,
        name: 'kept',
      });
      await vi.waitFor(async () => {
        await expect(readExternalSecret(admin, namespace, 'kept')).rejects.toThrow();
      }, eventually);
      await core.patchNamespacedSecret(
        { namespace, name: 'kept', body: { metadata: { finalizers: null } } },
        mergePatch,
      );
    }
  });

  it('reports an invalid regular expression as InvalidSpec, naming the field', async () => {
    await applyObjects(admin, [
      externalSecret('bad-regexp', { dataFrom: [{ find: { name: { regexp: '(unclosed' } } }] }),
    ]);
    const es = await waitForReason(admin, namespace, 'bad-regexp', 'InvalidSpec');
    expect(readyCondition(es)?.message).toContain('spec.dataFrom[0].find.name.regexp');
  });

  it('refuses a SecretStore of another namespace and a ClusterSecretStore whose conditions exclude this one', async () => {
    const other = await createTestNamespace(admin, 'es-other');
    try {
      await applyObjects(admin, [
        {
          ...fakeStore('elsewhere', [{ key: 'k', value: 'v' }]),
          metadata: { name: 'elsewhere', namespace: other },
        },
      ]);
      await applyObjects(admin, [
        externalSecret('cross-namespace', {
          secretStoreRef: { name: 'elsewhere' },
          data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
        }),
      ]);
      await waitForReason(admin, namespace, 'cross-namespace', 'StoreNotFound');

      const storeName = `only-${other}`;
      await custom.createClusterCustomObject({
        group: 'ferry.dev',
        version: 'v1alpha1',
        plural: 'clustersecretstores',
        body: {
          apiVersion: api,
          kind: 'ClusterSecretStore',
          metadata: { name: storeName },
          spec: {
            provider: { fake: { data: [{ key: 'k', value: 'v' }] } },
            conditions: [{ namespaces: [other] }],
          },
        },
      });
      await applyObjects(admin, [
        externalSecret('not-admitted', {
          secretStoreRef: { name: storeName, kind: 'ClusterSecretStore' },
          data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
        }),
      ]);
      const es = await waitForReason(admin, namespace, 'not-admitted', 'StoreNotAllowed');
      expect(readyCondition(es)?.message).toContain(`does not admit namespace "${namespace}"`);
      await custom.deleteClusterCustomObject({
        group: 'ferry.dev',
        version: 'v1alpha1',
        plural: 'clustersecretstores',
        name: storeName,
      });
    } finally {
      await deleteNamespace(admin, other);
    }
  });

  it('refuses a ClusterSecretStore whose namespaceSelector asks for a label named constructor the namespace lacks', async () => {
    const storeName = `needs-constructor-${namespace}`;
    const clusterStores = { group: 'ferry.dev', version: 'v1alpha1', plural: 'clustersecretstores' };
    await custom.createClusterCustomObject({
      ...clusterStores,
      body: {
        apiVersion: api,
        kind: 'ClusterSecretStore',
        metadata: { name: storeName },
        spec: {
          provider: { fake: { data: [{ key: 'k', value: 'v' }] } },
          conditions: [
            { namespaceSelector: { matchExpressions: [{ key: 'constructor', operator: 'Exists' }] } },
          ],
        },
      },
    });
    try {
      await applyObjects(admin, [
        externalSecret('inherited-label', {
          secretStoreRef: { name: storeName, kind: 'ClusterSecretStore' },
          data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
        }),
      ]);
      const es = await waitForReason(admin, namespace, 'inherited-label', 'StoreNotAllowed');
      expect(readyCondition(es)?.message).toContain(`does not admit namespace "${namespace}"`);
    } finally {
      await custom.deleteClusterCustomObject({ ...clusterStores, name: storeName });
    }
  });
});
