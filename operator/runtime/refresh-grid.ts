import { hashFraction } from './hash-fraction.ts';

/** When a periodic refresh last ran, and how often it runs → when the next one is due. */
export type RefreshSchedule = (lastRefreshAt: number, intervalMs: number) => number;

/** Due one interval after the last refresh. */
export const everyInterval: RefreshSchedule = (lastRefreshAt, intervalMs) => lastRefreshAt + intervalMs;

const dayMs = 24 * 60 * 60_000;

/**
 * Refreshes on a grid shared by one group of objects (the ExternalSecrets of one store): due at the
 * latest point `phase + k·interval` no later than one interval after the last refresh. So a refresh
 * is never later than the interval promises — the first one after a sync may come early — and from
 * then on every object of the group with the same interval refreshes at the same instants. That
 * wave is what lets one read of a remote secret serve all the ExternalSecrets that use it (see
 * coalescingClient's readingSince). Different groups get different phases (a hash of the group), so
 * their waves spread over the interval; grids of intervals that divide each other line up, as the
 * phase is taken modulo each interval.
 */
export function refreshGrid(group: string): RefreshSchedule {
  const phaseMs = Math.floor(hashFraction(group) * dayMs);
  return (lastRefreshAt, intervalMs) => {
    if (!(intervalMs > 0)) return lastRefreshAt + intervalMs;
    const latest = lastRefreshAt + intervalMs;
    const sincePoint = (((latest - phaseMs) % intervalMs) + intervalMs) % intervalMs;
    return latest - sincePoint;
  };
}

/**
 * The grid of one store, shared by every ExternalSecret whose first store it is. The operator
 * schedules on it and `ferry status` predicts from it, so both name the group the same way here.
 */
export function storeRefreshGrid(store: { kind: string; namespace: string; name: string }): RefreshSchedule {
  const namespace = store.kind === 'SecretStore' ? store.namespace : '';
  const group = `${store.kind}/${namespace}/${store.name}`;
  // Asked twice per reconcile; the phase costs a SHA-256, so grids are kept (a few per store).
  let grid = storeGrids.get(group);
  if (!grid) {
    if (storeGrids.size >= 4096) storeGrids.clear();
    grid = refreshGrid(group);
    storeGrids.set(group, grid);
  }
  return grid;
}

const storeGrids = new Map<string, RefreshSchedule>();
