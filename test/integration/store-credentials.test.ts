// The controller's credential resolution against a real API server: the ServiceAccount annotations
// that Azure and GKE workload identity read (as ESO does) when a store names no ids of its own, and
// a cached store client rebuilt when an object its credentials came from changes.
import { CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SecretStore } from '../../operator/api/v1alpha1/index.ts';
import { resolveCredentials, StoreClients } from '../../operator/controllers/store-clients/index.ts';
import { ClusterClient } from '../../operator/kube/index.ts';
import { getProvider, type Provider } from '../../operator/providers/index.ts';
import {
  adminKubeConfig,
  createSecretReader,
  createTestNamespace,
  deleteNamespace,
  mintServiceAccountToken,
} from '../support/cluster.ts';

const text = (bytes: Uint8Array | undefined): string | undefined =>
  bytes && Buffer.from(bytes).toString('utf8');

function provider(name: string): Provider<unknown> {
  const found = getProvider(name);
  if (!found) throw new Error(`no provider ${name}`);
  return found;
}
const azurekvProvider = provider('azurekv');
const gcpsmProvider = provider('gcpsm');

describe('ServiceAccount annotations as store credentials (real API server)', () => {
  const admin = adminKubeConfig();
  const kube = new ClusterClient(admin, 'store-credentials-test');
  let namespace: string;
  const scope = () => ({ kind: 'SecretStore' as const, name: 'store', namespace });

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'store-credentials');
    const core = admin.makeApiClient(CoreV1Api);
    const annotations = {
      'azure.workload.identity/client-id': '11111111-2222-3333-4444-555555555555',
      'azure.workload.identity/tenant-id': 'contoso.onmicrosoft.com',
      'iam.gke.io/gcp-service-account': 'reader@project.iam.gserviceaccount.com',
    };
    await core.createNamespacedServiceAccount({
      namespace,
      body: { metadata: { name: 'annotated', annotations } },
    });
    await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'plain' } } });
  });

  afterAll(async () => {
    await deleteNamespace(admin, namespace);
  });

  const azure = (account: string) =>
    azurekvProvider.configSchema.parse({
      vaultUrl: 'https://my-vault.vault.azure.net',
      authType: 'WorkloadIdentity',
      serviceAccountRef: { name: account },
    });
  const gke = (account: string) =>
    gcpsmProvider.configSchema.parse({
      projectID: 'project',
      auth: {
        workloadIdentity: {
          serviceAccountRef: { name: account },
          clusterLocation: 'europe-west1',
          clusterName: 'prod',
        },
      },
    });

  it('Azure: the client and tenant ids come from the annotations, beside a token for the exchange', async () => {
    const { values } = await resolveCredentials(
      azurekvProvider.credentialRefs(azure('annotated')),
      scope(),
      kube,
    );
    expect(text(values['clientId'])).toBe('11111111-2222-3333-4444-555555555555');
    expect(text(values['tenantId'])).toBe('contoso.onmicrosoft.com');
    expect(text(values['serviceAccountToken'])?.split('.')).toHaveLength(3);
  });

  it('Azure: without a client-id annotation the store says what to add; the tenant one is optional', async () => {
    await expect(
      resolveCredentials(azurekvProvider.credentialRefs(azure('plain')), scope(), kube),
    ).rejects.toThrow(
      `credential "clientId": ServiceAccount ${namespace}/plain has no annotation "azure.workload.identity/client-id"; annotate it, or name the value in the store`,
    );
  });

  it('GKE: the Google service account to impersonate comes from the annotation, and is left out without it', async () => {
    const annotated = await resolveCredentials(gcpsmProvider.credentialRefs(gke('annotated')), scope(), kube);
    expect(text(annotated.values['gcpServiceAccount'])).toBe('reader@project.iam.gserviceaccount.com');
    const plain = await resolveCredentials(gcpsmProvider.credentialRefs(gke('plain')), scope(), kube);
    expect(Object.keys(plain.values)).toEqual(['subjectToken']);
  });
});

describe('a cached store client and the objects its credentials came from (real API server)', () => {
  const admin = adminKubeConfig();
  const core = admin.makeApiClient(CoreV1Api);
  const kube = new ClusterClient(admin, 'store-credentials-test');
  let namespace: string;

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'store-client-freshness');
    await createSecretReader(admin, namespace, 'reader', true);
    const token = await mintServiceAccountToken(admin, namespace, 'reader');
    const caData = admin.getCurrentCluster()?.caData ?? '';
    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'creds' }, stringData: { token } },
    });
    await core.createNamespacedConfigMap({
      namespace,
      body: {
        metadata: { name: 'cluster-ca' },
        data: { 'ca.crt': Buffer.from(caData, 'base64').toString('utf8') },
      },
    });
  });

  afterAll(async () => {
    await deleteNamespace(admin, namespace);
  });

  it('builds a new client once a caProvider ConfigMap changes, and keeps it while nothing does', async () => {
    const clients = new StoreClients(kube, { credentialCheckIntervalMs: 50 });
    const store = SecretStore.parse({
      apiVersion: 'ferry.dev/v1alpha1',
      kind: 'SecretStore',
      metadata: { name: 'cluster', namespace, uid: 'uid-1', generation: 1 },
      spec: {
        provider: {
          kubernetes: {
            server: {
              url: admin.getCurrentCluster()?.server,
              caProvider: { type: 'ConfigMap', name: 'cluster-ca', key: 'ca.crt' },
            },
            auth: { token: { bearerToken: { name: 'creds', key: 'token' } } },
            remoteNamespace: namespace,
          },
        },
      },
    });
    const first = await clients.forStore(store);
    expect(await first.validate(new AbortController().signal)).toBe('Ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Due for a look, but nothing changed: the same client.
    expect(await clients.forStore(store)).toBe(first);
    await vi.waitFor(async () => expect(await clients.forStore(store)).toBe(first));

    // A new resourceVersion of the ConfigMap (a CA bundle rotated in place).
    await core.patchNamespacedConfigMap(
      { namespace, name: 'cluster-ca', body: { metadata: { labels: { rotated: 'yes' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    let rebuilt: unknown;
    await vi.waitFor(
      async () => {
        rebuilt = await clients.forStore(store);
        expect(rebuilt).not.toBe(first);
      },
      { timeout: 10_000, interval: 60 },
    );
    const second = await clients.forStore(store);
    expect(second).toBe(rebuilt);
    expect(await second.validate(new AbortController().signal)).toBe('Ready');
  });
});
