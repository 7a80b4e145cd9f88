// The SecretStore / ClusterSecretStore controller against the run's real API server, with the real
// operator process: validation outcomes, no status churn, and a store recovering re-syncing its
// ExternalSecrets.
import {
  CoreV1Api,
  CustomObjectsApi,
  EventsV1Api,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  adminKubeConfig,
  createSecretReader,
  createTestNamespace,
  deleteNamespace,
  mintServiceAccountToken,
} from '../support/cluster.ts';
import { applyObjects } from '../support/manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from '../support/namespaced-operator.ts';
import type { OperatorProcess } from '../support/operator-process.ts';
import { decoded, eventually, readSecret, waitForReason } from '../support/waiting.ts';

const api = 'ferry.dev/v1alpha1';
const waitLong = { timeout: 60_000, interval: 200 };
// Values planted in stores; none may ever show up in logs, events or status.
const planted = ['fake-store-value-Qm3', 'k8s-pass-Zr4'];

type StoreKind = 'SecretStore' | 'ClusterSecretStore';

interface StoreObject {
  metadata: { name: string; resourceVersion: string; generation: number; uid: string };
  status?: {
    conditions?: {
      type: string;
      status: string;
      reason: string;
      message: string;
      lastTransitionTime: string;
    }[];
    capabilities?: string;
    observedGeneration?: number;
  };
}

function readyOf(store: StoreObject) {
  return store.status?.conditions?.find((condition) => condition.type === 'Ready');
}

/** The API server's URL and CA, from the run's admin kubeconfig: what a kubernetes store connects to. */
function apiServer(admin: KubeConfig): { url: string; caBundle: string } {
  const cluster = admin.getCurrentCluster();
  if (!cluster?.caData) throw new Error('unexpected admin kubeconfig');
  return { url: cluster.server, caBundle: cluster.caData };
}

/** A ServiceAccount, and when `canRead`, a Role letting it get and list the namespace's Secrets. */

describe('SecretStore controller (real control plane, real operator process)', () => {
  const admin = adminKubeConfig();
  const core = admin.makeApiClient(CoreV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  const clusterStores: string[] = [];
  const tokens: string[] = [];
  let namespace: string;
  let operator: OperatorProcess;

  const readStore = async (kind: StoreKind, name: string, inNamespace = namespace): Promise<StoreObject> =>
    (kind === 'SecretStore'
      ? await custom.getNamespacedCustomObject({
          group: 'ferry.dev',
          version: 'v1alpha1',
          plural: 'secretstores',
          namespace: inNamespace,
          name,
        })
      : await custom.getClusterCustomObject({
          group: 'ferry.dev',
          version: 'v1alpha1',
          plural: 'clustersecretstores',
          name,
        })) as StoreObject;

  /** Waits until the store's Ready condition has `reason`, and returns the store. */
  const waitForStoreReason = (
    kind: StoreKind,
    name: string,
    reason: string,
    timing = eventually,
  ): Promise<StoreObject> =>
    vi.waitFor(async () => {
      const store = await readStore(kind, name);
      const ready = readyOf(store);
      if (ready?.reason !== reason)
        throw new Error(
          `Ready reason is ${ready?.reason ?? 'unset'} (${ready?.message ?? ''}), want ${reason}`,
        );
      return store;
    }, timing);

  const store = (
    kind: StoreKind,
    name: string,
    provider: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ): KubernetesObject & { spec: unknown } => ({
    apiVersion: api,
    kind,
    metadata: kind === 'SecretStore' ? { name, namespace } : { name },
    spec: { provider, ...extra },
  });
  const kubernetesProvider = (auth: Record<string, unknown>): Record<string, unknown> => ({
    kubernetes: { server: apiServer(admin), auth, remoteNamespace: namespace },
  });

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'ss');
    operator = await startNamespacedOperator(namespace);
  });

  afterAll(async () => {
    await stopAndCheckOutput(operator, [...planted, ...tokens]);
    for (const name of clusterStores) {
      await custom
        .deleteClusterCustomObject({
          group: 'ferry.dev',
          version: 'v1alpha1',
          plural: 'clustersecretstores',
          name,
        })
        .catch(() => undefined);
    }
    await deleteNamespace(admin, namespace);
  });

  it('validates a fake store: Ready=True Valid, capabilities ReadOnly, no status churn on revalidation', async () => {
    await applyObjects(admin, [
      store(
        'SecretStore',
        'fake',
        { fake: { data: [{ key: 'k', value: 'fake-store-value-Qm3' }] } },
        {
          refreshInterval: 1,
        },
      ),
    ]);
    const valid = await waitForStoreReason('SecretStore', 'fake', 'Valid');
    expect(readyOf(valid)).toMatchObject({ status: 'True', reason: 'Valid' });
    expect(valid.status?.capabilities).toBe('ReadOnly');
    expect(valid.status?.observedGeneration).toBe(valid.metadata.generation);

    // Revalidated every second; the status says the same, so it is not written again.
    const validations = async (): Promise<number> => {
      const metrics = (await operator.get('/metrics')).body;
      const line = metrics
        .split('\n')
        .find((text) =>
          /^ferry_provider_calls_total\{.*provider="fake".*operation="validate".*result="ok"/.test(text),
        );
      return Number(line?.split(' ').at(-1) ?? 0);
    };
    const before = await validations();
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect((await readStore('SecretStore', 'fake')).metadata.resourceVersion).toBe(
      valid.metadata.resourceVersion,
    );
    expect((await validations()) - before).toBeGreaterThanOrEqual(2);

    // A spec change is validated at once and observed.
    await applyObjects(admin, [
      store('SecretStore', 'fake', { fake: { data: [{ key: 'k', value: 'v2' }] } }, { refreshInterval: 1 }),
    ]);
    await vi.waitFor(async () => {
      const changed = await readStore('SecretStore', 'fake');
      expect(changed.metadata.generation).toBe(valid.metadata.generation + 1);
      expect(changed.status?.observedGeneration).toBe(changed.metadata.generation);
      // Still Valid: the transition time stays where it was.
      expect(readyOf(changed)?.lastTransitionTime).toBe(readyOf(valid)?.lastTransitionTime);
    }, eventually);
  });

  it('reports ValidationFailed, with a Warning Event, for an identity RBAC does not let read Secrets', async () => {
    await createSecretReader(admin, namespace, 'outsider', false);
    await applyObjects(admin, [
      store('SecretStore', 'no-rbac', kubernetesProvider({ serviceAccount: { name: 'outsider' } })),
    ]);
    const failed = await waitForStoreReason('SecretStore', 'no-rbac', 'ValidationFailed');
    expect(readyOf(failed)?.status).toBe('False');
    expect(readyOf(failed)?.message).toContain('kubernetes provider could not use the store');
    expect(failed.status?.capabilities).toBe('ReadOnly');

    await vi.waitFor(async () => {
      const events = await admin
        .makeApiClient(EventsV1Api)
        .listNamespacedEvent({ namespace, fieldSelector: 'regarding.name=no-rbac' });
      expect(events.items.map((event) => [event.type, event.reason])).toContainEqual([
        'Warning',
        'ValidationFailed',
      ]);
    }, eventually);

    // Retried with backoff, but the same failure is not written again.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await readStore('SecretStore', 'no-rbac')).metadata.resourceVersion).toBe(
      failed.metadata.resourceVersion,
    );
  });

  it('validates ClusterSecretStores too, and only SecretStores of its own namespace', async () => {
    const other = await createTestNamespace(admin, 'ss-other');
    try {
      await applyObjects(admin, [
        {
          ...store('SecretStore', 'elsewhere', { fake: { data: [] } }),
          metadata: { name: 'elsewhere', namespace: other },
        },
      ]);
      const fakeName = `fake-${namespace}`;
      const brokenName = `broken-${namespace}`;
      clusterStores.push(fakeName, brokenName);
      await applyObjects(admin, [
        store('ClusterSecretStore', fakeName, { fake: { data: [{ key: 'k', value: 'v' }] } }),
        // A ClusterSecretStore has no namespace of its own: each credential must name one.
        store(
          'ClusterSecretStore',
          brokenName,
          kubernetesProvider({ token: { bearerToken: { name: 'creds', key: 'token' } } }),
        ),
      ]);
      const valid = await waitForStoreReason('ClusterSecretStore', fakeName, 'Valid');
      expect(valid.status?.capabilities).toBe('ReadOnly');
      const broken = await waitForStoreReason('ClusterSecretStore', brokenName, 'InvalidProviderConfig');
      expect(readyOf(broken)?.message).toContain(
        `ClusterSecretStore "${brokenName}": credential "token" needs a namespace`,
      );

      // Out of its namespace: never validated (the store above was, in the same moments).
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await readStore('SecretStore', 'elsewhere', other)).status).toBeUndefined();
    } finally {
      await deleteNamespace(admin, other);
    }
  });

  it('a store whose credential Secret is missing recovers once it exists, and its ExternalSecret syncs', async () => {
    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'source' }, stringData: { password: 'k8s-pass-Zr4' } },
    });
    await applyObjects(admin, [
      store(
        'SecretStore',
        'recovering',
        kubernetesProvider({ token: { bearerToken: { name: 'reader-token', key: 'token' } } }),
      ),
      {
        apiVersion: api,
        kind: 'ExternalSecret',
        metadata: { name: 'recovered', namespace },
        spec: {
          secretStoreRef: { name: 'recovering' },
          data: [{ secretKey: 'password', remoteRef: { key: 'source', property: 'password' } }],
        },
      } as KubernetesObject & { spec: unknown },
    ]);
    const invalid = await waitForStoreReason('SecretStore', 'recovering', 'InvalidProviderConfig');
    expect(readyOf(invalid)?.status).toBe('False');
    expect(readyOf(invalid)?.message).toBe(
      `credential "token": cannot read Secret ${namespace}/reader-token: NotFound`,
    );
    await waitForReason(admin, namespace, 'recovered', 'StoreNotReady');
    expect(await readSecret(admin, namespace, 'recovered')).toBeUndefined();

    await createSecretReader(admin, namespace, 'reader', true);
    const token = await mintServiceAccountToken(admin, namespace, 'reader');
    tokens.push(token);
    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'reader-token' }, stringData: { token } },
    });

    const recovered = await waitForStoreReason('SecretStore', 'recovering', 'Valid', waitLong);
    expect(readyOf(recovered)?.status).toBe('True');
    await waitForReason(admin, namespace, 'recovered', 'SecretSynced');
    expect(decoded(await readSecret(admin, namespace, 'recovered'))).toEqual({ password: 'k8s-pass-Zr4' });

    const serialized = JSON.stringify([invalid.status, recovered.status]);
    for (const value of [...planted, token]) expect(serialized).not.toContain(value);
  });
});
