import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  installCrds,
  provideControlPlaneBinaries,
  restartComponent,
  startControlPlane,
  stopControlPlane,
  type ControlPlaneState,
} from '../controlplane/index.ts';
import { OperatorProcess } from '../support/operator-process.ts';
import { decoded, eventually, readSecret, waitForReason } from '../support/waiting.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
const api = 'ferry.dev/v1alpha1';
const namespace = 'restart';

// This suite stops the API server, so it runs its own control plane rather than the shared one.
describe('the operator rides out a kube-apiserver restart', () => {
  let state: ControlPlaneState;
  let dir: string;
  let kubeConfig: KubeConfig;
  let operator: OperatorProcess;

  const custom = (): CustomObjectsApi => kubeConfig.makeApiClient(CustomObjectsApi);
  const store = (value: string): object => ({
    apiVersion: api,
    kind: 'SecretStore',
    metadata: { name: 'fake', namespace },
    spec: {
      provider: {
        fake: {
          data: [
            { key: 'db', value },
            { key: 'other', value: 'stable' },
          ],
        },
      },
    },
  });
  const externalSecret = (name: string, key: string): object => ({
    apiVersion: api,
    kind: 'ExternalSecret',
    metadata: { name, namespace },
    spec: {
      secretStoreRef: { name: 'fake' },
      refreshInterval: '1h',
      data: [{ secretKey: 'value', remoteRef: { key } }],
    },
  });
  const create = (plural: string, body: object): Promise<unknown> =>
    custom().createNamespacedCustomObject({
      group: 'ferry.dev',
      version: 'v1alpha1',
      namespace,
      plural,
      body,
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ferry-restart-'));
    state = await startControlPlane({ binDir: await provideControlPlaneBinaries(), dir, detached: false });
    kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(state.kubeconfigPath);
    await installCrds(kubeConfig, join(repoRoot, 'crds'));
    await kubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
    operator = await OperatorProcess.start([
      `--kubeconfig=${state.kubeconfigPath}`,
      `--namespace=${namespace}`,
      `--leader-election-namespace=${namespace}`,
      // A leader that cannot renew its Lease for 10 s steps down and exits (docs/operations.md); this
      // test is about watches surviving the outage in one process.
      '--leader-elect=false',
    ]);
    await vi.waitFor(async () => expect((await operator.get('/readyz')).status).toBe(200), eventually);
  });

  afterAll(async () => {
    await operator.stop('SIGTERM').catch(() => undefined);
    await stopControlPlane(state);
    rmSync(dir, { recursive: true, force: true });
  });

  it('recovers without a restart, syncs what changed meanwhile, and rewrites nothing needlessly', async () => {
    await create('secretstores', store('before'));
    await create('externalsecrets', externalSecret('changing', 'db'));
    await create('externalsecrets', externalSecret('untouched', 'other'));
    await waitForReason(kubeConfig, namespace, 'changing', 'SecretSynced');
    await waitForReason(kubeConfig, namespace, 'untouched', 'SecretSynced');
    const untouchedBefore = await readSecret(kubeConfig, namespace, 'untouched');
    const pid = operator.pid;

    await restartComponent(state, 'kube-apiserver', 2_000);
    // Changes made right after the restart, while the operator's watches are still reconnecting.
    await custom().replaceNamespacedCustomObject({
      group: 'ferry.dev',
      version: 'v1alpha1',
      namespace,
      plural: 'secretstores',
      name: 'fake',
      body: {
        ...store('after'),
        metadata: {
          name: 'fake',
          namespace,
          resourceVersion: (
            (await custom().getNamespacedCustomObject({
              group: 'ferry.dev',
              version: 'v1alpha1',
              namespace,
              plural: 'secretstores',
              name: 'fake',
            })) as { metadata: { resourceVersion: string } }
          ).metadata.resourceVersion,
        },
      },
    });
    await create('externalsecrets', externalSecret('created-meanwhile', 'db'));

    await vi.waitFor(
      async () => expect(decoded(await readSecret(kubeConfig, namespace, 'changing')).value).toBe('after'),
      eventually,
    );
    await vi.waitFor(
      async () =>
        expect(decoded(await readSecret(kubeConfig, namespace, 'created-meanwhile')).value).toBe('after'),
      eventually,
    );
    expect(operator.pid).toBe(pid);
    expect((await operator.get('/readyz')).status).toBe(200);
    // The watches really broke and were restarted by the supervisor.
    expect((await operator.get('/metrics')).body).toMatch(
      /ferry_informer_restarts_total\{informer="[a-z-]+"\} [1-9]/,
    );
    // A Secret whose data did not change was not rewritten.
    expect((await readSecret(kubeConfig, namespace, 'untouched'))?.metadata?.resourceVersion).toBe(
      untouchedBefore?.metadata?.resourceVersion,
    );
  });
});
