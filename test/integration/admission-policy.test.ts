// config/admission on a real kube-apiserver: the ValidatingAdmissionPolicy that lets a cluster
// operator raise the floor under refresh intervals at admission. Test files share one control plane,
// so the binding is narrowed to this file's namespace and to objects carrying its label; everything
// else is the shipped manifests, as kustomize builds them.
import {
  AdmissionregistrationV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  type KubernetesObject,
  type V1ValidatingAdmissionPolicy,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';
import { kustomizeBuild } from '../support/kustomize.ts';
import { applyObjects } from '../support/manifests.ts';
import { eventually } from '../support/waiting.ts';

type Manifest = KubernetesObject & { spec: Record<string, unknown> };
interface ShippedObject {
  kind: string;
  metadata: Record<string, unknown>;
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

describe('config/admission: a refresh floor raised at admission (ValidatingAdmissionPolicy)', () => {
  const admin = adminKubeConfig();
  const objects = KubernetesObjectApi.makeApiClient(admin);
  const admission = admin.makeApiClient(AdmissionregistrationV1Api);
  const core = admin.makeApiClient(CoreV1Api);
  let namespace: string;
  let policyName: string;
  let counter = 0;

  const selected = () => ({ 'ferry.dev/admission-test': namespace });
  const externalSecret = (refreshInterval: string): Manifest => ({
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'ExternalSecret',
    metadata: { name: `es-${String(++counter)}`, namespace, labels: selected() },
    spec: {
      secretStoreRef: { name: 's' },
      refreshInterval,
      data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
    },
  });
  const clusterStore = (refreshInterval: number | undefined): Manifest => ({
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'ClusterSecretStore',
    metadata: { name: `${namespace}-css-${String(++counter)}`, labels: selected() },
    spec: { provider: { fake: { data: [] } }, ...(refreshInterval === undefined ? {} : { refreshInterval }) },
  });
  const rejectionOf = async (manifest: Manifest): Promise<string | undefined> => {
    try {
      const stored = await objects.create(manifest);
      if (manifest.kind === 'ClusterSecretStore') await objects.delete(stored);
      return undefined;
    } catch (error) {
      const body = (error as { body?: unknown }).body;
      return (JSON.parse(String(body)) as { message: string }).message;
    }
  };

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'admission-policy');
    policyName = `ferry-min-refresh-interval-${namespace}`;
    // Plain JSON as kustomize wrote it; the shipped objects, placed and narrowed to this file.
    const shipped = (await kustomizeBuild('config/admission')) as unknown as ShippedObject[];
    const placed = shipped.map((object): ShippedObject => {
      if (object.kind === 'ConfigMap') return { ...object, metadata: { ...object.metadata, namespace } };
      if (object.kind === 'ValidatingAdmissionPolicy') {
        return { ...object, metadata: { ...object.metadata, name: policyName } };
      }
      const paramRef = object.spec?.['paramRef'] as Record<string, unknown>;
      return {
        ...object,
        metadata: { ...object.metadata, name: policyName },
        spec: {
          ...object.spec,
          policyName,
          paramRef: { ...paramRef, namespace },
          matchResources: {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
            objectSelector: { matchLabels: selected() },
          },
        },
      };
    });
    expect(placed.map((object) => object.kind).sort()).toEqual([
      'ConfigMap',
      'ValidatingAdmissionPolicy',
      'ValidatingAdmissionPolicyBinding',
    ]);
    await applyObjects(admin, placed);
    // The API server compiles a new policy and binding in the background: wait until they bite.
    await vi.waitFor(async () => expect(await rejectionOf(externalSecret('5s'))).toBeDefined(), eventually);
  });

  afterAll(async () => {
    await admission.deleteValidatingAdmissionPolicyBinding({ name: policyName }).catch(() => undefined);
    await admission.deleteValidatingAdmissionPolicy({ name: policyName }).catch(() => undefined);
    await deleteNamespace(admin, namespace);
  });

  it('type-checks against the CRDs without warnings', async () => {
    const policy: V1ValidatingAdmissionPolicy = await admission.readValidatingAdmissionPolicy({
      name: policyName,
    });
    expect(policy.status?.typeChecking?.expressionWarnings ?? []).toEqual([]);
  });

  it('refuses an ExternalSecret under the floor, saying the floor, where it is kept and what to do', async () => {
    expect(await rejectionOf(externalSecret('59s'))).toContain(
      `denied request: spec.refreshInterval 59s is below this cluster's minimum refresh interval of 1m: use at least 1m, or "0" to sync once (the floor is kept in ConfigMap ${namespace}/ferry-admission, key minRefreshInterval, by the cluster operator)`,
    );
  });

  it('admits "0", the floor itself and more', async () => {
    for (const interval of ['0', '1m', '60s', '1h'])
      expect(await rejectionOf(externalSecret(interval))).toBeUndefined();
  });

  it('refuses a store re-validated more often than the floor, and admits one left at the default', async () => {
    expect(await rejectionOf(clusterStore(30))).toContain(
      "spec.refreshInterval 30 (seconds) is below this cluster's minimum refresh interval of 1m",
    );
    expect(await rejectionOf(clusterStore(undefined))).toBeUndefined();
    expect(await rejectionOf(clusterStore(0))).toBeUndefined();
    expect(await rejectionOf(clusterStore(60))).toBeUndefined();
  });

  it('does not refuse an edit that leaves an interval admitted under a lower floor unchanged', async () => {
    const olderMetadata = { name: 'older', namespace, labels: selected() };
    const older: Manifest = { ...externalSecret('1m'), metadata: olderMetadata };
    await objects.create(older);
    await core.patchNamespacedConfigMap({
      namespace,
      name: 'ferry-admission',
      body: [{ op: 'replace', path: '/data/minRefreshInterval', value: '5m' }],
    });
    await vi.waitFor(async () => expect(await rejectionOf(externalSecret('2m'))).toBeDefined(), eventually);
    const annotated: Manifest = { ...older, metadata: { ...olderMetadata, annotations: { note: 'edited' } } };
    await applyObjects(admin, [annotated]);
    const shortened: Manifest = { ...annotated, spec: { ...older.spec, refreshInterval: '2m' } };
    await expect(applyObjects(admin, [shortened])).rejects.toThrow(
      "below this cluster's minimum refresh interval of 5m",
    );
  });
});
