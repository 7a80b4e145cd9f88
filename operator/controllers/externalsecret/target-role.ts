import type { V1ObjectMeta } from '@kubernetes/client-node';
import { dataHashAnnotation, ownerLabel, type ExternalSecret } from '../../api/v1alpha1/index.ts';

/**
 * What the target Secret is to this ExternalSecret, which decides what a sync writes and compares:
 * - `owned` (Owner, Orphan): the Secret is this ExternalSecret's alone — Ferry's markers, its type,
 *   and drift measured on all of its data;
 * - `created` (CreateOrMerge, a Secret it creates or created before): Ferry's labels, so the Secret is
 *   watched and recognised, and its type; other writers may add keys, so no data-hash, and only this
 *   ExternalSecret's keys are compared;
 * - `merged` (Merge, or CreateOrMerge into a Secret someone else created): its keys and the
 *   template's metadata only; the Secret, its type and its other keys belong to whoever created it.
 */
export type TargetRole = 'owned' | 'created' | 'merged';

export function targetRole(
  es: ExternalSecret,
  live: { metadata: V1ObjectMeta } | undefined,
  owner: string,
): TargetRole {
  switch (es.spec.target.creationPolicy) {
    case 'Merge':
      return 'merged';
    case 'CreateOrMerge':
      return !live || live.metadata.labels?.[ownerLabel] === owner ? 'created' : 'merged';
    default:
      return 'owned';
  }
}

/** The policies that add keys to a Secret other writers may share: compared and written key by key. */
export function mergesKeys(es: ExternalSecret): boolean {
  const policy = es.spec.target.creationPolicy;
  return policy === 'Merge' || policy === 'CreateOrMerge';
}

/**
 * Whether the Secret is another ExternalSecret's alone (Owner or Orphan: its owner label and a
 * data-hash). Keys merged into it would look like drift to that ExternalSecret at every one of its
 * syncs; ESO refuses such a Secret too.
 */
export function ownedByAnother(live: { metadata: V1ObjectMeta }, owner: string): boolean {
  const liveOwner = live.metadata.labels?.[ownerLabel];
  return (
    liveOwner !== undefined &&
    liveOwner !== owner &&
    live.metadata.annotations?.[dataHashAnnotation] !== undefined
  );
}
