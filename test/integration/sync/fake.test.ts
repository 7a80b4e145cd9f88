// The fake provider through the end-to-end cases: its "remote" is the store's own spec, so a put
// re-applies the SecretStore with the new data.
import type { KubernetesObject } from '@kubernetes/client-node';
import { adminKubeConfig } from '../../support/cluster.ts';
import { applyObjects } from '../../support/manifests.ts';
import { describeSyncConformance, type SyncTarget } from '../../support/sync-conformance.ts';

describeSyncConformance('fake', { binary: false, tags: false, path: true, credentials: false }, () => {
  const admin = adminKubeConfig();
  const data = new Map<string, string>();
  let storeNamespace = '';
  const provider = (): Record<string, unknown> => ({
    fake: { data: [...data].map(([key, value]) => ({ key, value })) },
  });
  const reapply = (): Promise<void> =>
    applyObjects(admin, [
      {
        apiVersion: 'ferry.dev/v1alpha1',
        kind: 'SecretStore',
        metadata: { name: 'store', namespace: storeNamespace },
        spec: { provider: provider() },
      } as KubernetesObject,
    ]);
  const target: SyncTarget = {
    store: (namespace) => {
      storeNamespace = namespace;
      return Promise.resolve({ provider: provider() });
    },
    put: async (name, value) => {
      data.set(name, typeof value === 'string' ? value : Buffer.from(value).toString('utf8'));
      await reapply();
    },
    remove: async (name) => {
      data.delete(name);
      await reapply();
    },
  };
  return Promise.resolve(target);
});
