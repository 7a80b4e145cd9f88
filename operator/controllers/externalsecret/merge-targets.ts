import type { KubernetesObject } from '@kubernetes/client-node';

/** What mergeTargetsOf reads of an ExternalSecret as the cache holds it (not yet validated). */
interface MergeTargetFields {
  target?: { name?: string; creationPolicy?: string };
}

/** The id of a Secret in a UsersIndex of merge targets. */
export function secretId(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/**
 * The Secret an ExternalSecret adds its keys to with creationPolicy Merge or CreateOrMerge, as a
 * one-element list (none for other policies). Such a Secret may carry no label of Ferry's (someone
 * else creates it, perhaps after the ExternalSecret), so the watch of managed Secrets does not hear
 * it: the controller listens for these names among the other Secrets, so that a Merge target
 * created later is merged at once, not at the next refresh.
 */
export function mergeTargetsOf(es: KubernetesObject): string[] {
  const target = (es as { spec?: MergeTargetFields }).spec?.target;
  const policy = target?.creationPolicy;
  if (policy !== 'Merge' && policy !== 'CreateOrMerge') return [];
  const name = target?.name || es.metadata?.name;
  return name ? [secretId(es.metadata?.namespace ?? '', name)] : [];
}
