import { CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { externalSecretObject, fakeStoreObject, type FerryObject } from '../support/ferry-objects.ts';
import { OperatorProcess } from '../support/operator-process.ts';
import { startPrivateControlPlane, type PrivateControlPlane } from '../support/private-control-plane.ts';
import {
  decoded,
  eventually,
  readSecret,
  readyCondition,
  type ExternalSecretObject,
} from '../support/waiting.ts';

const burstNamespace = 'fair-burst';
const neighbourNamespace = 'fair-neighbour';
const burstSize = 2_000;
const spec = { refreshInterval: '1h', data: [{ secretKey: 'password', remoteRef: { key: 'db' } }] };

// Two namespaces need an operator that watches every namespace, so this suite runs its own control
// plane: on the shared one it would also reconcile the other suites' ExternalSecrets.
describe("the work queue is fair across namespaces: a burst in one does not hold back another's first ExternalSecret", () => {
  let controlPlane: PrivateControlPlane;
  let kubeConfig: KubeConfig;
  let operator: OperatorProcess | undefined;

  const custom = (): CustomObjectsApi => kubeConfig.makeApiClient(CustomObjectsApi);
  const create = (plural: string, body: FerryObject): Promise<unknown> =>
    custom().createNamespacedCustomObject({
      group: 'ferry.dev',
      version: 'v1alpha1',
      namespace: body.metadata?.namespace ?? '',
      plural,
      body,
    });
  const notReadyIn = async (namespace: string): Promise<number> => {
    const list = (await custom().listNamespacedCustomObject({
      group: 'ferry.dev',
      version: 'v1alpha1',
      namespace,
      plural: 'externalsecrets',
    })) as { items: ExternalSecretObject[] };
    return list.items.filter((es) => readyCondition(es)?.status !== 'True').length;
  };

  beforeAll(async () => {
    controlPlane = await startPrivateControlPlane('fair-queue');
    kubeConfig = controlPlane.kubeConfig;
    const core = kubeConfig.makeApiClient(CoreV1Api);
    for (const name of [burstNamespace, neighbourNamespace]) {
      await core.createNamespace({ body: { metadata: { name } } });
      await create('secretstores', fakeStoreObject(name, 'fake', [{ key: 'db', value: `${name}-password` }]));
    }
    // The burst, applied as a GitOps sync would: many at once. Applied before the operator starts,
    // so that all of it is queued when the neighbour arrives however fast this machine creates.
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        for (let index = next++; index < burstSize; index = next++)
          await create('externalsecrets', externalSecretObject(burstNamespace, `app-${index}`, spec));
      }),
    );
  });

  afterAll(async () => {
    await operator?.stop('SIGTERM').catch(() => undefined);
    await controlPlane.stop();
  });

  it('syncs the neighbour while most of a 2,000-ExternalSecret burst still waits, and the burst goes on', async () => {
    const ferry = await OperatorProcess.start([
      `--kubeconfig=${controlPlane.kubeconfigPath}`,
      `--leader-election-namespace=${burstNamespace}`,
    ]);
    operator = ferry;
    // Ready once its caches synced: the whole burst is queued by then.
    await vi.waitFor(async () => expect((await ferry.get('/readyz')).status).toBe(200), {
      ...eventually,
      timeout: 60_000,
    });

    await create('externalsecrets', externalSecretObject(neighbourNamespace, 'first', spec));
    const neighbourSecret = await vi.waitFor(
      async () => {
        const secret = await readSecret(kubeConfig, neighbourNamespace, 'first');
        if (!secret) throw new Error('the neighbour namespace has no Secret yet');
        return secret;
      },
      { timeout: 60_000, interval: 50 },
    );
    const burstWaiting = await notReadyIn(burstNamespace);

    expect(decoded(neighbourSecret)).toEqual({ password: `${neighbourNamespace}-password` });
    // First-in-first-out, the neighbour would have come after the whole burst (at most the workers'
    // worth of it still in flight); in its turn, it comes before most of it.
    expect(burstWaiting).toBeGreaterThan(burstSize / 2);
    // And the burst is not starved by its neighbour: it keeps draining.
    await vi.waitFor(async () => expect(await notReadyIn(burstNamespace)).toBeLessThan(burstWaiting - 100), {
      timeout: 60_000,
      interval: 500,
    });
  });
});
