// config/namespaced, moved to a fresh namespace the way its kustomization says (an overlay that
// sets `namespace:`), applied with server-side apply, then the real operator run as the
// ServiceAccount it creates, with the flags and environment of its Deployment: a Role in one
// namespace is all it has, and all it needs. The same identity is refused everything elsewhere.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CoreV1Api, CustomObjectsApi, KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../../support/cluster.ts';
import {
  findObject,
  startDeployedOperator,
  writeServiceAccountKubeconfig,
} from '../../support/deployed-operator.ts';
import { kustomizeBuild } from '../../support/kustomize.ts';
import { applyObjects } from '../../support/manifests.ts';
import { stopAndCheckOutput } from '../../support/namespaced-operator.ts';
import type { OperatorProcess } from '../../support/operator-process.ts';
import { decoded, readSecret, readyCondition, waitForReason } from '../../support/waiting.ts';
import { serverSideApply } from './manifests.ts';

const api = 'ferry.dev/v1alpha1';
const repoRoot = join(import.meta.dirname, '..', '..', '..');
const planted = ['namespaced-value-Wd8', 'elsewhere-value-Hy6'];

describe('config/namespaced: one namespace, a Role, no ClusterSecretStores', () => {
  const admin = adminKubeConfig();
  const namespace = `ferry-ns-${randomBytes(3).toString('hex')}`;
  const clusterStoreName = `ns-${randomBytes(3).toString('hex')}`;
  let manifests: KubernetesObject[];
  let otherNamespace: string;
  let dir: string;
  let asOperator: KubeConfig;
  let operator: OperatorProcess | undefined;

  beforeAll(async () => {
    // The overlay config/namespaced documents for another namespace, kept outside the repository.
    dir = mkdtempSync(join(tmpdir(), 'ferry-namespaced-'));
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        `namespace: ${namespace}`,
        `resources: [${relative(dir, join(repoRoot, 'config', 'namespaced'))}]`,
        '',
      ].join('\n'),
    );
    manifests = await kustomizeBuild(dir);
    await serverSideApply(admin, manifests);
    otherNamespace = await createTestNamespace(admin, 'ns-elsewhere');
    await applyObjects(admin, [
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'elsewhere', namespace: otherNamespace },
        stringData: { value: 'elsewhere-value-Hy6' },
      } as KubernetesObject,
      {
        apiVersion: api,
        kind: 'ClusterSecretStore',
        metadata: { name: clusterStoreName },
        spec: { provider: { fake: { data: [{ key: '/shared', value: 'cluster-value' }] } } },
      } as KubernetesObject,
    ]);
    const kubeconfigPath = await writeServiceAccountKubeconfig(admin, { namespace, name: 'ferry' }, dir);
    asOperator = new KubeConfig();
    asOperator.loadFromFile(kubeconfigPath);
    operator = await startDeployedOperator(
      findObject(manifests, 'Deployment', 'ferry'),
      { namespace, name: 'ferry-namespaced-test' },
      kubeconfigPath,
      ['--log-level=debug'],
    );
  });

  afterAll(async () => {
    if (operator) await stopAndCheckOutput(operator, planted);
    await admin
      .makeApiClient(CustomObjectsApi)
      .deleteClusterCustomObject({
        group: 'ferry.dev',
        version: 'v1alpha1',
        plural: 'clustersecretstores',
        name: clusterStoreName,
      })
      .catch(() => undefined);
    await deleteNamespace(admin, namespace);
    if (otherNamespace) await deleteNamespace(admin, otherNamespace);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('moves every namespaced object into the chosen namespace and grants no ClusterRole', () => {
    const placed = manifests.filter((object) => object.metadata?.namespace !== undefined);
    expect(new Set(placed.map((object) => object.metadata?.namespace))).toEqual(new Set([namespace]));
    expect(manifests.filter((object) => object.kind === 'ClusterRoleBinding')).toEqual([]);
    expect(manifests.find((object) => object.kind === 'Namespace')?.metadata?.name).toBe(namespace);
  });

  it('becomes ready with every informer namespaced, and watches no ClusterSecretStores', async () => {
    const readiness = await operator?.get('/readyz?verbose');
    expect(readiness?.status).toBe(200);
    expect(readiness?.body).toContain('informer/externalsecrets');
    expect(readiness?.body).not.toContain('clustersecretstores');
    expect((await operator?.get('/metrics'))?.body).toMatch(/^ferry_leader 1$/m);
  });

  it('syncs an ExternalSecret of its namespace', async () => {
    await applyObjects(admin, [
      {
        apiVersion: api,
        kind: 'SecretStore',
        metadata: { name: 'fake', namespace },
        spec: { provider: { fake: { data: [{ key: '/value', value: 'namespaced-value-Wd8' }] } } },
      } as KubernetesObject,
      {
        apiVersion: api,
        kind: 'ExternalSecret',
        metadata: { name: 'synced', namespace },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { name: 'fake', kind: 'SecretStore' },
          data: [{ secretKey: 'value', remoteRef: { key: '/value' } }],
        },
      } as KubernetesObject,
    ]);
    await waitForReason(admin, namespace, 'synced', 'SecretSynced');
    expect(decoded(await readSecret(admin, namespace, 'synced'))).toEqual({ value: 'namespaced-value-Wd8' });
  });

  it('tells an ExternalSecret that names a ClusterSecretStore that they are disabled here', async () => {
    await applyObjects(admin, [
      {
        apiVersion: api,
        kind: 'ExternalSecret',
        metadata: { name: 'wants-cluster-store', namespace },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { name: clusterStoreName, kind: 'ClusterSecretStore' },
          data: [{ secretKey: 'shared', remoteRef: { key: '/shared' } }],
        },
      } as KubernetesObject,
    ]);
    const es = await waitForReason(admin, namespace, 'wants-cluster-store', 'ClusterSecretStoresDisabled');
    expect(readyCondition(es)).toMatchObject({
      status: 'False',
      message: `ClusterSecretStore "${clusterStoreName}" cannot be used: ClusterSecretStores are disabled in this installation (--cluster-stores=false); use a SecretStore in namespace "${namespace}"`,
    });
    expect(await readSecret(admin, namespace, 'wants-cluster-store')).toBeUndefined();
  });

  it('holds its Lease and its data-hash key in its own namespace, and was never refused', async () => {
    const core = admin.makeApiClient(CoreV1Api);
    const hashKey = await core.readNamespacedSecret({ namespace, name: 'ferry-data-hash-key' });
    expect(Buffer.from(hashKey.data?.['key'] ?? '', 'base64')).toHaveLength(32);
    const refusals = (operator?.logs() ?? []).filter((entry) =>
      /forbidden|\b403\b/i.test(JSON.stringify(entry)),
    );
    expect(refusals).toEqual([]);
  });

  it('is refused Secrets of another namespace, cluster-wide lists and ClusterSecretStores', async () => {
    const core = asOperator.makeApiClient(CoreV1Api);
    const custom = asOperator.makeApiClient(CustomObjectsApi);
    const refused = { code: 403 };
    await expect(
      core.readNamespacedSecret({ namespace: otherNamespace, name: 'elsewhere' }),
    ).rejects.toMatchObject(refused);
    await expect(core.listNamespacedSecret({ namespace: otherNamespace })).rejects.toMatchObject(refused);
    await expect(core.listSecretForAllNamespaces()).rejects.toMatchObject(refused);
    await expect(core.listConfigMapForAllNamespaces()).rejects.toMatchObject(refused);
    await expect(core.readNamespace({ name: otherNamespace })).rejects.toMatchObject(refused);
    await expect(
      custom.listClusterCustomObject({
        group: 'ferry.dev',
        version: 'v1alpha1',
        plural: 'clustersecretstores',
      }),
    ).rejects.toMatchObject(refused);
    await expect(
      custom.listClusterCustomObject({ group: 'ferry.dev', version: 'v1alpha1', plural: 'externalsecrets' }),
    ).rejects.toMatchObject(refused);
    // …while the same identity reads its own namespace: the refusals are about scope.
    await expect(core.listNamespacedSecret({ namespace })).resolves.toHaveProperty('items');
  });
});
