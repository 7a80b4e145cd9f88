import type { KubernetesObject } from '@kubernetes/client-node';
import { conditionReady } from '../../api/v1alpha1/index.ts';

/** ExternalSecrets that are not Ready, by reason: how many, and since when the oldest has been. */
export type NotReadyByReason = Map<string, { count: number; oldestSince: number }>;

/** The reason of an ExternalSecret that has no Ready condition yet (never reconciled). */
export const notSyncedYet = 'NotSyncedYet';

interface ConditionsView {
  status?: {
    conditions?: { type?: string; status?: string; reason?: string; lastTransitionTime?: string }[];
  };
}

/**
 * Summarises the cache for the readiness metrics: bounded by the set of reasons, never by objects,
 * so an alert can say "an ExternalSecret has not been Ready for 10 minutes" without a label per name.
 * Not Ready since the Ready condition's last transition, or since creation when it has none.
 */
export function notReadyByReason(objects: readonly KubernetesObject[]): NotReadyByReason {
  const summary: NotReadyByReason = new Map();
  for (const object of objects) {
    const ready = (object as ConditionsView).status?.conditions?.find((c) => c.type === conditionReady);
    if (ready?.status === 'True') continue;
    const reason = ready?.reason || notSyncedYet;
    const since = Date.parse(ready?.lastTransitionTime ?? String(object.metadata?.creationTimestamp ?? ''));
    const entry = summary.get(reason) ?? { count: 0, oldestSince: Number.POSITIVE_INFINITY };
    entry.count += 1;
    if (!Number.isNaN(since)) entry.oldestSince = Math.min(entry.oldestSince, since);
    summary.set(reason, entry);
  }
  return summary;
}
