import { parseDuration, syncedVersionOf, type ExternalSecret } from '../../api/v1alpha1/index.ts';
import { everyInterval, type RefreshSchedule } from '../../runtime/index.ts';

/**
 * What the spec looked like at the last sync: generation plus labels and annotations, so that a
 * changed force-sync annotation (or any annotation) counts as a change, as in ESO.
 */
export const specVersion = syncedVersionOf;

export type TargetState = 'missing' | 'drifted' | 'in-sync';

export interface RefreshDecision {
  sync: boolean;
  why:
    | 'spec-changed'
    | 'never-synced'
    | 'target-missing'
    | 'target-drifted'
    | 'refresh-due'
    | 'not-due'
    | 'retry'
    | 'store-changed'
    | 'template-changed';
  /** When to look again, if nothing else happens first. */
  nextCheckAt?: number;
  /** For a periodic refresh: when it was due. Data read since then is fresh enough for it. */
  dueAt?: number;
}

/**
 * Whether to read the store now. `lastRefreshAt` is the later of status.refreshTime and the last
 * periodic check this process made that found nothing new (kept in memory: such checks write nothing).
 * `schedule` says when a periodic refresh falls due (the controller uses its store's refresh grid).
 */
export function decideRefresh(
  es: ExternalSecret,
  target: TargetState,
  lastRefreshAt: number | undefined,
  now: number,
  schedule: RefreshSchedule = everyInterval,
): RefreshDecision {
  const synced = es.status?.syncedResourceVersion;
  if (synced === undefined || lastRefreshAt === undefined) return { sync: true, why: 'never-synced' };
  if (synced !== specVersion(es.metadata)) return { sync: true, why: 'spec-changed' };
  const policy = es.spec.refreshPolicy;
  const ownsTarget = es.spec.target.creationPolicy !== 'None';
  if (ownsTarget && target === 'missing') return { sync: true, why: 'target-missing' };
  if (policy === 'CreatedOnce') return { sync: false, why: 'not-due' };
  if (ownsTarget && target === 'drifted') return { sync: true, why: 'target-drifted' };
  if (policy === 'OnChange') return { sync: false, why: 'not-due' };
  const intervalMs = parseDuration(es.spec.refreshInterval);
  if (intervalMs === 0) return { sync: false, why: 'not-due' };
  const dueAt = schedule(lastRefreshAt, intervalMs);
  return dueAt <= now
    ? { sync: true, why: 'refresh-due', dueAt }
    : { sync: false, why: 'not-due', nextCheckAt: dueAt };
}
