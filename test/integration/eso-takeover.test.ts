// Moving from External Secrets Operator: a Secret ESO created (its labels, annotation and owner
// reference as ESO writes them) is handed over to Ferry's ExternalSecret of the same name with the
// ferry.dev/adopt annotation, and survives the deletion of ESO's ExternalSecret. The Secret is
// watched throughout: its data must never change or vanish.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  Watch,
  setHeaderOptions,
  type KubeConfig,
  type V1Secret,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { installCrds } from '../controlplane/index.ts';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';
import { externalSecretObject, fakeStoreObject } from '../support/ferry-objects.ts';
import { applyObjects } from '../support/manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from '../support/namespaced-operator.ts';
import type { OperatorProcess } from '../support/operator-process.ts';
import { decoded, eventually, readSecret, readyCondition, waitForReason } from '../support/waiting.ts';

const esoCrds = join(import.meta.dirname, '..', 'fixtures', 'eso-crds');
const esoFinalizer = 'externalsecrets.external-secrets.io/externalsecret-cleanup';
const values = { username: 'eso-era-user-4c1d', password: 'eso-era-password-7f3a' };
const esoApi = { group: 'external-secrets.io', version: 'v1', plural: 'externalsecrets' };

/** ESO's hash of a value as it labels and annotates Secrets: sha3-224 of Go's %+v of it. */
function esoHash(text: string): string {
  return createHash('sha3-224').update(text).digest('hex');
}

/** Every watch event of one Secret, with its data, from before the takeover until stopped. */
class SecretRecorder {
  readonly events: { type: string; data: Record<string, string> }[] = [];
  private stopped = false;
  private request: AbortController | undefined;
  private resourceVersion = '';

  private readonly kubeConfig: KubeConfig;
  private readonly namespace: string;
  private readonly name: string;

  constructor(kubeConfig: KubeConfig, namespace: string, name: string) {
    this.kubeConfig = kubeConfig;
    this.namespace = namespace;
    this.name = name;
  }

  async start(fromResourceVersion: string): Promise<void> {
    this.resourceVersion = fromResourceVersion;
    // A watch may end on its own; the next one resumes where it stopped, so nothing is missed.
    this.request = await new Watch(this.kubeConfig).watch(
      `/api/v1/namespaces/${this.namespace}/secrets`,
      { fieldSelector: `metadata.name=${this.name}`, resourceVersion: this.resourceVersion },
      (type: string, secret: V1Secret) => {
        this.resourceVersion = secret.metadata?.resourceVersion ?? this.resourceVersion;
        this.events.push({ type, data: decoded(secret) });
      },
      () => {
        if (!this.stopped) void this.start(this.resourceVersion);
      },
    );
  }

  stop(): void {
    this.stopped = true;
    this.request?.abort();
  }
}

describe('taking over Secrets External Secrets Operator created (real control plane, GC, real operator)', () => {
  const admin = adminKubeConfig();
  const core = admin.makeApiClient(CoreV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  let namespace: string;
  let operator: OperatorProcess;

  /** An ESO ExternalSecret and the Secret ESO wrote for it (creationPolicy Owner), as ESO writes them. */
  const esoSetup = async (name: string): Promise<V1Secret> => {
    const es = (await custom.createNamespacedCustomObject({
      ...esoApi,
      namespace,
      body: {
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name, namespace, finalizers: [esoFinalizer] },
        spec: {
          secretStoreRef: { name: 'backend', kind: 'SecretStore' },
          refreshInterval: '1h',
          target: { name, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
          data: Object.keys(values).map((key) => ({
            secretKey: key,
            remoteRef: { key: 'db', property: key },
          })),
        },
      },
    })) as { metadata: { uid: string } };
    return core.createNamespacedSecret({
      namespace,
      fieldManager: 'external-secrets',
      body: {
        metadata: {
          name,
          namespace,
          labels: {
            'reconcile.external-secrets.io/managed': 'true',
            'reconcile.external-secrets.io/created-by': esoHash(`${namespace}/${name}`),
          },
          annotations: { 'reconcile.external-secrets.io/data-hash': esoHash(JSON.stringify(values)) },
          ownerReferences: [
            {
              apiVersion: 'external-secrets.io/v1',
              kind: 'ExternalSecret',
              name,
              uid: es.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        type: 'Opaque',
        stringData: values,
      },
    });
  };

  /** Deletes ESO's ExternalSecret as the migration guide says once ESO no longer runs: its finalizer by hand. */
  const deleteEsoExternalSecret = async (name: string): Promise<void> => {
    await custom.deleteNamespacedCustomObject({ ...esoApi, namespace, name });
    await custom.patchNamespacedCustomObject(
      { ...esoApi, namespace, name, body: [{ op: 'remove', path: '/metadata/finalizers' }] },
      // The form of `kubectl patch --type=json`.
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
  };

  beforeAll(async () => {
    await installCrds(admin, esoCrds);
    namespace = await createTestNamespace(admin, 'eso-takeover');
    operator = await startNamespacedOperator(namespace);
  });
  afterAll(async () => {
    await stopAndCheckOutput(operator, Object.values(values));
    await deleteNamespace(admin, namespace);
  });

  it('refuses without the opt-in, then adopts: the data never changes or vanishes, and ESO’s deletion leaves the Secret', async () => {
    const created = await esoSetup('app-db');
    // A second ESO Secret, not adopted: shows the garbage collector would have deleted the first.
    await esoSetup('left-alone');
    const recorder = new SecretRecorder(admin, namespace, 'app-db');
    await recorder.start(created.metadata?.resourceVersion ?? '');

    await applyObjects(admin, [
      fakeStoreObject(namespace, 'fake', [{ key: 'db', value: JSON.stringify(values) }]),
      externalSecretObject(namespace, 'app-db', {
        data: Object.keys(values).map((key) => ({ secretKey: key, remoteRef: { key: 'db', property: key } })),
      }),
    ]);
    const refused = await waitForReason(admin, namespace, 'app-db', 'SecretSyncedError');
    expect(readyCondition(refused)?.message).toBe(
      'Secret "app-db" is managed by External Secrets Operator for its ExternalSecret "app-db"; to hand it over to this ExternalSecret without deleting it, annotate this ExternalSecret ferry.dev/adopt="true" (docs/migrate-from-eso.md), or choose another target.name',
    );

    await custom.patchNamespacedCustomObject(
      {
        group: 'ferry.dev',
        version: 'v1alpha1',
        plural: 'externalsecrets',
        namespace,
        name: 'app-db',
        body: { metadata: { annotations: { 'ferry.dev/adopt': 'true' } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const adopted = await waitForReason(admin, namespace, 'app-db', 'SecretSynced');
    expect(readyCondition(adopted)?.message).toBe(
      'Secret "app-db" taken over from External Secrets Operator (ferry.dev/adopt)',
    );
    const ferryUid = (
      (await custom.getNamespacedCustomObject({
        group: 'ferry.dev',
        version: 'v1alpha1',
        plural: 'externalsecrets',
        namespace,
        name: 'app-db',
      })) as { metadata: { uid: string } }
    ).metadata.uid;

    const secret = await readSecret(admin, namespace, 'app-db');
    expect(secret?.metadata?.uid).toBe(created.metadata?.uid);
    expect(decoded(secret)).toEqual(values);
    expect(secret?.metadata?.ownerReferences).toEqual([
      expect.objectContaining({ apiVersion: 'ferry.dev/v1alpha1', kind: 'ExternalSecret', uid: ferryUid }),
    ]);
    const markers = { ...secret?.metadata?.labels, ...secret?.metadata?.annotations };
    expect(Object.keys(markers).filter((key) => key.startsWith('reconcile.external-secrets.io/'))).toEqual(
      [],
    );
    expect(secret?.metadata?.labels).toMatchObject({ 'ferry.dev/managed': 'true' });
    expect(secret?.metadata?.annotations?.['ferry.dev/data-hash']).toBeDefined();
    // ESO's writes are Ferry's now: nothing of ESO's field manager is left to keep a key alive.
    expect(secret?.metadata?.managedFields?.map((entry) => entry.manager)).not.toContain('external-secrets');

    await deleteEsoExternalSecret('app-db');
    await deleteEsoExternalSecret('left-alone');
    // The garbage collector deletes the Secret ESO still owns (once its discovery, refreshed every
    // 30 s, knows ESO's new kind)...
    await vi.waitFor(async () => expect(await readSecret(admin, namespace, 'left-alone')).toBeUndefined(), {
      timeout: 120_000,
      interval: 500,
    });
    // ...and not the one handed over.
    expect(decoded(await readSecret(admin, namespace, 'app-db'))).toEqual(values);
    await vi.waitFor(
      async () =>
        expect(
          await custom.getNamespacedCustomObject({ ...esoApi, namespace, name: 'app-db' }).then(
            () => 'present',
            () => 'gone',
          ),
        ).toBe('gone'),
      eventually,
    );
    recorder.stop();

    // Watched throughout: modified (handed over), never deleted, and always the same data.
    expect(recorder.events.length).toBeGreaterThan(0);
    expect(recorder.events.filter((event) => event.type !== 'MODIFIED')).toEqual([]);
    for (const event of recorder.events) expect(event.data).toEqual(values);
    expect(readyCondition(await waitForReason(admin, namespace, 'app-db', 'SecretSynced'))?.reason).toBe(
      'SecretSynced',
    );
  });
});
