import type { KubernetesObject } from '@kubernetes/client-node';

export type StoreKind = 'SecretStore' | 'ClusterSecretStore';

/**
 * One queue serves both kinds: `namespace/name` for a SecretStore, `/name` for a
 * ClusterSecretStore (no namespace is empty, so the two never collide).
 */
export function storeKeyOf(object: KubernetesObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

export function parseStoreKey(key: string): { kind: StoreKind; namespace: string; name: string } {
  const slash = key.indexOf('/');
  const namespace = key.slice(0, slash);
  const name = key.slice(slash + 1);
  return { kind: namespace === '' ? 'ClusterSecretStore' : 'SecretStore', namespace, name };
}
