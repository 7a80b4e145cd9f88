import { CoreV1Api, CustomObjectsApi, KubernetesObjectApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';
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

// Values planted in stores; none may ever show up in logs, events or status.
const planted = ['com-value-1', 'com-value-2', 'com-shared-a', 'com-shared-b', 'com-kept-value'];

describe('creationPolicy CreateOrMerge (real control plane, real operator process)', () => {
  const admin = adminKubeConfig();
  const core = admin.makeApiClient(CoreV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  let namespace: string;
  let operator: OperatorProcess;

  const externalSecret = (name: string, spec: Record<string, unknown>): FerryObject =>
    externalSecretObject(namespace, name, spec);
  const fakeStore = (name: string, data: { key: string; value: string; version?: string }[]): FerryObject =>
    fakeStoreObject(namespace, name, data);
  const deleteExternalSecret = (name: string): Promise<unknown> =>
    custom.deleteNamespacedCustomObject({
      group: 'ferry.dev',
      version: 'v1alpha1',
      plural: 'externalsecrets',
      namespace,
      name,
    });
  const createSecret = (name: string, body: Record<string, unknown>): Promise<unknown> =>
    core.createNamespacedSecret({ namespace, body: { metadata: { name, namespace }, ...body } });

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'create-or-merge');
    operator = await startNamespacedOperator(namespace);
  });

  afterAll(async () => {
    await stopAndCheckOutput(operator, planted);
    await deleteNamespace(admin, namespace);
  });

  it('creates a missing Secret without an ownerReference, labelled so that it is watched', async () => {
    await applyObjects(admin, [
      fakeStore('created', [{ key: 'token', value: 'com-value-1' }]),
      externalSecret('created', {
        secretStoreRef: { name: 'created' },
        target: { creationPolicy: 'CreateOrMerge', template: { type: 'kubernetes.io/basic-auth' } },
        data: [{ secretKey: 'password', remoteRef: { key: 'token' } }],
      }),
    ]);
    const es = await waitForReason(admin, namespace, 'created', 'SecretSynced');
    expect(es.status?.history?.at(-1)?.action).toBe('Created');
    const secret = await readSecret(admin, namespace, 'created');
    expect(decoded(secret)).toEqual({ password: 'com-value-1' });
    expect(secret?.type).toBe('kubernetes.io/basic-auth');
    expect(secret?.metadata?.ownerReferences).toBeUndefined();
    expect(secret?.metadata?.labels?.['ferry.dev/managed']).toBe('true');
    expect(secret?.metadata?.labels?.['ferry.dev/owner']).toMatch(/^[0-9a-f]{40}$/);
    // Other writers may add keys to it: a whole-data hash would call that drift.
    expect(secret?.metadata?.annotations?.['ferry.dev/data-hash']).toBeUndefined();
  });

  it('merges into an existing Secret: its other keys, labels and type stay; only its own keys change', async () => {
    await createSecret('shared', {
      metadata: { name: 'shared', namespace, labels: { team: 'db' } },
      type: 'kubernetes.io/basic-auth',
      stringData: { username: 'kept-user', password: 'com-kept-value' },
    });
    await applyObjects(admin, [
      fakeStore('shared', [
        { key: 'shared-a', value: 'com-shared-a' },
        { key: 'shared-b', value: 'com-shared-b' },
      ]),
      externalSecret('shared', {
        secretStoreRef: { name: 'shared' },
        refreshInterval: '1s',
        target: {
          creationPolicy: 'CreateOrMerge',
          deletionPolicy: 'Merge',
          template: { metadata: { labels: { app: 'web' } }, mergePolicy: 'Merge' },
        },
        dataFrom: [{ find: { name: { regexp: '^shared-' } } }],
      }),
    ]);
    await waitForReason(admin, namespace, 'shared', 'SecretSynced');
    const merged = await readSecret(admin, namespace, 'shared');
    expect(decoded(merged)).toEqual({
      username: 'kept-user',
      password: 'com-kept-value',
      'shared-a': 'com-shared-a',
      'shared-b': 'com-shared-b',
    });
    expect(merged?.type).toBe('kubernetes.io/basic-auth');
    expect(merged?.metadata?.labels).toEqual({ team: 'db', app: 'web' });
    expect(merged?.metadata?.ownerReferences).toBeUndefined();

    // A remote key gone: the key Ferry wrote goes, the Secret and its other keys stay.
    await applyObjects(admin, [fakeStore('shared', [{ key: 'shared-a', value: 'com-shared-a' }])]);
    await vi.waitFor(async () => {
      expect(decoded(await readSecret(admin, namespace, 'shared'))).toEqual({
        username: 'kept-user',
        password: 'com-kept-value',
        'shared-a': 'com-shared-a',
      });
    }, eventually);

    // Every remote key gone, deletionPolicy Merge: only Ferry's keys are removed.
    await applyObjects(admin, [fakeStore('shared', [{ key: 'unrelated', value: 'x' }])]);
    await waitForReason(admin, namespace, 'shared', 'SecretDeleted');
    await vi.waitFor(async () => {
      const secret = await readSecret(admin, namespace, 'shared');
      expect(decoded(secret)).toEqual({ username: 'kept-user', password: 'com-kept-value' });
      expect(secret?.metadata?.labels?.['team']).toBe('db');
    }, eventually);
  });

  it('recreates a deleted Secret at once, even with refreshPolicy CreatedOnce', async () => {
    await applyObjects(admin, [
      fakeStore('recreated', [{ key: 'token', value: 'com-value-1' }]),
      externalSecret('recreated', {
        secretStoreRef: { name: 'recreated' },
        refreshPolicy: 'CreatedOnce',
        target: { creationPolicy: 'CreateOrMerge', immutable: true },
        data: [{ secretKey: 'token', remoteRef: { key: 'token' } }],
      }),
    ]);
    await waitForReason(admin, namespace, 'recreated', 'SecretSynced');
    const first = await readSecret(admin, namespace, 'recreated');
    expect(first?.immutable).toBe(true);

    await core.deleteNamespacedSecret({ namespace, name: 'recreated' });
    await vi.waitFor(async () => {
      const again = await readSecret(admin, namespace, 'recreated');
      expect(again?.metadata?.uid).toBeDefined();
      expect(again?.metadata?.uid).not.toBe(first?.metadata?.uid);
      expect(decoded(again)).toEqual({ token: 'com-value-1' });
      expect(again?.immutable).toBe(true);
    }, eventually);
  });

  it('recreates a Secret it merged into once that is deleted, at once, long before a refresh is due', async () => {
    await createSecret('foreign', { stringData: { own: 'theirs' } });
    await applyObjects(admin, [
      fakeStore('foreign', [{ key: 'token', value: 'com-value-2' }]),
      externalSecret('foreign', {
        secretStoreRef: { name: 'foreign' },
        refreshInterval: '1h',
        target: { creationPolicy: 'CreateOrMerge' },
        data: [{ secretKey: 'token', remoteRef: { key: 'token' } }],
      }),
    ]);
    await vi.waitFor(async () => {
      expect(decoded(await readSecret(admin, namespace, 'foreign'))).toEqual({
        own: 'theirs',
        token: 'com-value-2',
      });
    }, eventually);

    await core.deleteNamespacedSecret({ namespace, name: 'foreign' });
    await vi.waitFor(async () => {
      const recreated = await readSecret(admin, namespace, 'foreign');
      expect(decoded(recreated)).toEqual({ token: 'com-value-2' });
      // Ferry created this one: from now on it is labelled, and watched.
      expect(recreated?.metadata?.labels?.['ferry.dev/managed']).toBe('true');
    }, eventually);
  });

  it(
    'keeps the Secret when the ExternalSecret is deleted (an Owner Secret beside it is collected)',
    { timeout: 180_000 },
    async () => {
      await applyObjects(admin, [
        fakeStore('retained', [{ key: 'token', value: 'com-value-1' }]),
        externalSecret('retained', {
          secretStoreRef: { name: 'retained' },
          target: { creationPolicy: 'CreateOrMerge' },
          data: [{ secretKey: 'token', remoteRef: { key: 'token' } }],
        }),
        externalSecret('collected', {
          secretStoreRef: { name: 'retained' },
          data: [{ secretKey: 'token', remoteRef: { key: 'token' } }],
        }),
      ]);
      await waitForReason(admin, namespace, 'retained', 'SecretSynced');
      await waitForReason(admin, namespace, 'collected', 'SecretSynced');
      await deleteExternalSecret('retained');
      await deleteExternalSecret('collected');
      // The garbage collector at work: the Owner Secret goes (the collector may first have to discover
      // the ExternalSecret resource, which takes up to its 30-second discovery resync)...
      await vi.waitFor(async () => expect(await readSecret(admin, namespace, 'collected')).toBeUndefined(), {
        ...eventually,
        timeout: 120_000,
      });
      // ...and the CreateOrMerge one, which it had the same chance to collect, stays with its data.
      expect(decoded(await readSecret(admin, namespace, 'retained'))).toEqual({ token: 'com-value-1' });
    },
  );

  it('switched from Owner, drops its ownerReference and data-hash, so the Secret outlives the ExternalSecret', async () => {
    const spec = (target: Record<string, unknown>): Record<string, unknown> => ({
      secretStoreRef: { name: 'switched' },
      target,
      data: [{ secretKey: 'token', remoteRef: { key: 'token' } }],
    });
    await applyObjects(admin, [
      fakeStore('switched', [{ key: 'token', value: 'com-value-1' }]),
      externalSecret('switched', spec({})),
    ]);
    await waitForReason(admin, namespace, 'switched', 'SecretSynced');
    expect((await readSecret(admin, namespace, 'switched'))?.metadata?.ownerReferences).toHaveLength(1);

    await applyObjects(admin, [externalSecret('switched', spec({ creationPolicy: 'CreateOrMerge' }))]);
    await vi.waitFor(async () => {
      const secret = await readSecret(admin, namespace, 'switched');
      expect(secret?.metadata?.ownerReferences ?? []).toEqual([]);
      expect(secret?.metadata?.annotations?.['ferry.dev/data-hash']).toBeUndefined();
      expect(secret?.metadata?.labels?.['ferry.dev/managed']).toBe('true');
      expect(decoded(secret)).toEqual({ token: 'com-value-1' });
    }, eventually);
  });

  it('a provider failure (remote secret gone, deletionPolicy Retain) keeps the Secret as it is', async () => {
    await applyObjects(admin, [
      fakeStore('failing', [{ key: 'token', value: 'com-value-1' }]),
      externalSecret('failing', {
        secretStoreRef: { name: 'failing' },
        refreshInterval: '1s',
        target: { creationPolicy: 'CreateOrMerge' },
        data: [{ secretKey: 'token', remoteRef: { key: 'token' } }],
      }),
    ]);
    await waitForReason(admin, namespace, 'failing', 'SecretSynced');
    const before = await readSecret(admin, namespace, 'failing');
    await applyObjects(admin, [fakeStore('failing', [])]);
    const es = await waitForReason(admin, namespace, 'failing', 'RemoteValueNotFound');
    expect(readyCondition(es)?.status).toBe('False');
    const after = await readSecret(admin, namespace, 'failing');
    expect(decoded(after)).toEqual({ token: 'com-value-1' });
    expect(after?.metadata?.resourceVersion).toBe(before?.metadata?.resourceVersion);
    const serialized = JSON.stringify((await readExternalSecret(admin, namespace, 'failing')).status);
    for (const value of planted) expect(serialized).not.toContain(value);
  });

  it('Owner and Orphan still refuse a Secret they did not create, a CreateOrMerge one included', async () => {
    await createSecret('unmanaged', { stringData: { own: 'theirs' } });
    await applyObjects(admin, [
      fakeStore('refused', [{ key: 'token', value: 'com-value-2' }]),
      externalSecret('com-maker', {
        secretStoreRef: { name: 'refused' },
        target: { name: 'made-by-com', creationPolicy: 'CreateOrMerge' },
        data: [{ secretKey: 'token', remoteRef: { key: 'token' } }],
      }),
    ]);
    await waitForReason(admin, namespace, 'com-maker', 'SecretSynced');
    await applyObjects(admin, [
      externalSecret('orphan-taker', {
        secretStoreRef: { name: 'refused' },
        target: { name: 'unmanaged', creationPolicy: 'Orphan' },
        data: [{ secretKey: 'token', remoteRef: { key: 'token' } }],
      }),
      externalSecret('owner-taker', {
        secretStoreRef: { name: 'refused' },
        target: { name: 'made-by-com' },
        data: [{ secretKey: 'other', remoteRef: { key: 'token' } }],
      }),
    ]);
    for (const name of ['orphan-taker', 'owner-taker']) {
      const es = await waitForReason(admin, namespace, name, 'SecretSyncedError');
      expect(readyCondition(es)?.message).toContain(
        'already exists and is not managed by this ExternalSecret',
      );
    }
    expect(decoded(await readSecret(admin, namespace, 'unmanaged'))).toEqual({ own: 'theirs' });
    const made = await readSecret(admin, namespace, 'made-by-com');
    expect(decoded(made)).toEqual({ token: 'com-value-2' });
    expect(made?.metadata?.ownerReferences).toBeUndefined();
  });

  it('two CreateOrMerge ExternalSecrets share one Secret; neither merges into an Owner Secret', async () => {
    await applyObjects(admin, [
      fakeStore('sharing', [
        { key: 'first', value: 'com-value-1' },
        { key: 'second', value: 'com-value-2' },
      ]),
      externalSecret('first-writer', {
        secretStoreRef: { name: 'sharing' },
        target: { name: 'two-writers', creationPolicy: 'CreateOrMerge' },
        data: [{ secretKey: 'first', remoteRef: { key: 'first' } }],
      }),
      externalSecret('owner-of-its-own', {
        secretStoreRef: { name: 'sharing' },
        data: [{ secretKey: 'first', remoteRef: { key: 'first' } }],
      }),
    ]);
    await waitForReason(admin, namespace, 'first-writer', 'SecretSynced');
    await waitForReason(admin, namespace, 'owner-of-its-own', 'SecretSynced');
    const ownerSecret = await readSecret(admin, namespace, 'owner-of-its-own');
    await applyObjects(admin, [
      externalSecret('second-writer', {
        secretStoreRef: { name: 'sharing' },
        target: { name: 'two-writers', creationPolicy: 'CreateOrMerge' },
        data: [{ secretKey: 'second', remoteRef: { key: 'second' } }],
      }),
      externalSecret('intruder', {
        secretStoreRef: { name: 'sharing' },
        target: { name: 'owner-of-its-own', creationPolicy: 'CreateOrMerge' },
        data: [{ secretKey: 'second', remoteRef: { key: 'second' } }],
      }),
    ]);
    await waitForReason(admin, namespace, 'second-writer', 'SecretSynced');
    expect(decoded(await readSecret(admin, namespace, 'two-writers'))).toEqual({
      first: 'com-value-1',
      second: 'com-value-2',
    });
    const refused = await waitForReason(admin, namespace, 'intruder', 'SecretSyncedError');
    expect(readyCondition(refused)?.message).toContain('is managed by another ExternalSecret');
    const untouched = await readSecret(admin, namespace, 'owner-of-its-own');
    expect(untouched?.metadata?.resourceVersion).toBe(ownerSecret?.metadata?.resourceVersion);
  });

  it('is refused at admission with deletionPolicy Delete, as ESO refuses it', async () => {
    const objects = KubernetesObjectApi.makeApiClient(admin);
    const rejection = await objects
      .create(
        externalSecret('com-delete', {
          target: { creationPolicy: 'CreateOrMerge', deletionPolicy: 'Delete' },
          data: [{ secretKey: 'token', remoteRef: { key: 'token' } }],
        }),
      )
      .then(
        () => 'stored',
        (error: unknown) => String((error as { body?: unknown }).body),
      );
    expect(rejection).toContain('deletionPolicy Delete requires creationPolicy Owner');
  });
});
