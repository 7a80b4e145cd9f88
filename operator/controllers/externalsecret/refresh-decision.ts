import { syncedVersionOf, type ExternalSecret } from '../../api/v1alpha1/index.ts';
import { everyInterval, type RefreshSchedule } from '../../runtime/index.ts';
import { refreshIntervalMs } from './refresh-floor.ts';
import { syncWindowState } from './sync-windows.ts';

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
    | 'outside-sync-window'
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
 * `schedule` says when a periodic refresh falls due (the controller uses its store's refresh grid);
 * `minIntervalMs` is the operator's floor under refreshInterval (--min-refresh-interval).
 */
export function decideRefresh(
  es: ExternalSecret,
  target: TargetState,
  lastRefreshAt: number | undefined,
  now: number,
  schedule: RefreshSchedule = everyInterval,
  minIntervalMs = 0,
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
  const intervalMs = refreshIntervalMs(es.spec, minIntervalMs);
  if (intervalMs === 0) return { sync: false, why: 'not-due' };
  const dueAt = schedule(lastRefreshAt, intervalMs);
  if (dueAt > now) return { sync: false, why: 'not-due', nextCheckAt: dueAt };
  const allowedFrom = periodicRefreshAllowedFrom(es.spec.syncWindows, now);
  if (allowedFrom > now) {
    // As ESO: a blocked refresh changes nothing in status; it waits for the windows to allow it.
    return {
      sync: false,
      why: 'outside-sync-window',
      ...(Number.isFinite(allowedFrom) ? { nextCheckAt: allowedFrom } : {}),
    };
  }
  // A refresh the windows held back was due when they let it through: older shared reads will not do.
  const releasedAt = Math.min(periodicRefreshAllowedFrom(es.spec.syncWindows, dueAt), now);
  return { sync: true, why: 'refresh-due', dueAt: releasedAt };
}

/**
 * Whether a change to a store or a template source the ExternalSecret uses makes it sync. Only
 * periodic refreshing follows them; OnChange, CreatedOnce and refreshInterval 0 ("sync once, then
 * only when the ExternalSecret itself changes", as in ESO) follow their own spec. A failed sync is
 * retried whatever this says.
 */
export function followsSourceChanges(
  spec: Pick<ExternalSecret['spec'], 'refreshPolicy' | 'refreshInterval'>,
): boolean {
  // The operator's floor never turns 0 into an interval, so it does not matter here.
  return spec.refreshPolicy === 'Periodic' && refreshIntervalMs(spec, 0) > 0;
}

/** `now` when spec.syncWindows allow a periodic refresh now, else when they next may (Infinity: never). */
function periodicRefreshAllowedFrom(syncWindows: ExternalSecret['spec']['syncWindows'], now: number): number {
  if (syncWindows === undefined) return now;
  const { open, nextChangeAt } = syncWindowState(syncWindows.windows, now);
  const allowed = syncWindows.kind === 'allow' ? open : !open;
  return allowed ? now : nextChangeAt;
}
