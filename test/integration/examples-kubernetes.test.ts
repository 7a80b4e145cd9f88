// examples/kubernetes, applied as written (namespaces substituted) against the real control plane
// with a real operator process: the example is known to work, down to the bytes of the Secret.
import { type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';
import { applyObjects, loadExampleInNamespaces } from '../support/manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from '../support/namespaced-operator.ts';
import type { OperatorProcess } from '../support/operator-process.ts';
import { decoded, readSecret, readyCondition, waitForReason } from '../support/waiting.ts';

// The example's values; none may show up in the operator's output or the ExternalSecret's status.
const exampleValues = ['example-db-password-4821', 'example-billing-key-7730', 'example-mail-key-1954'];

/**
 * The example's store reaches "this cluster" at its in-cluster address. The operator of this test
 * runs outside the cluster, so the store is pointed at the test API server and its CA instead:
 * the only change made to the example besides the namespaces.
 */
function reachableFromOutside(
  objects: KubernetesObject[],
  server: string,
  caData: string,
): KubernetesObject[] {
  return objects.map((object) => {
    if (object.kind !== 'SecretStore') return object;
    const store = object as KubernetesObject & {
      spec: { provider: { kubernetes: Record<string, unknown> } };
    };
    return {
      ...store,
      spec: {
        ...store.spec,
        provider: {
          kubernetes: { ...store.spec.provider.kubernetes, server: { url: server, caBundle: caData } },
        },
      },
    } as KubernetesObject;
  });
}

describe('examples/kubernetes (real control plane, real operator process)', () => {
  const admin = adminKubeConfig();
  let appNamespace: string;
  let remoteNamespace: string;
  let operator: OperatorProcess;

  beforeAll(async () => {
    appNamespace = await createTestNamespace(admin, 'example-app');
    remoteNamespace = await createTestNamespace(admin, 'example-team-secrets');
    operator = await startNamespacedOperator(appNamespace);
  });

  afterAll(async () => {
    await stopAndCheckOutput(operator, exampleValues);
    await deleteNamespace(admin, appNamespace);
    await deleteNamespace(admin, remoteNamespace);
  });

  it('reads the Secrets of another namespace as a ServiceAccount and writes the Secret the example describes', async () => {
    // The example's namespaces "app" and "team-secrets" become this test's own.
    const namespaces = { app: appNamespace, 'team-secrets': remoteNamespace };
    const cluster = admin.getCurrentCluster();
    if (!cluster?.caData) throw new Error('the admin kubeconfig has no inline CA');
    await applyObjects(admin, [
      ...loadExampleInNamespaces('kubernetes/remote-namespace.yaml', namespaces),
      ...reachableFromOutside(
        loadExampleInNamespaces('kubernetes/secret-store.yaml', namespaces),
        cluster.server,
        cluster.caData,
      ),
      ...loadExampleInNamespaces('kubernetes/external-secret.yaml', namespaces),
    ]);

    const es = await waitForReason(admin, appNamespace, 'app-db', 'SecretSynced');
    expect(readyCondition(es)?.status).toBe('True');
    const secret = await readSecret(admin, appNamespace, 'app-db');
    expect(decoded(secret)).toEqual({
      username: 'app',
      password: 'example-db-password-4821',
      host: 'db.team-secrets.svc',
      'billing-api-key': 'example-billing-key-7730',
      'mail-api-key': 'example-mail-key-1954',
    });
    expect(secret?.type).toBe('Opaque');
    expect(secret?.metadata?.labels?.['ferry.dev/managed']).toBe('true');
    expect(secret?.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'ExternalSecret', name: 'app-db' });
    const status = JSON.stringify(es.status);
    for (const value of exampleValues) expect(status).not.toContain(value);
  });
});
