import { hashFraction } from './hash-fraction.ts';

/**
 * A per-object offset in `[0, fraction · intervalMs)` for periodic refreshes, derived from a hash of
 * the key: ten thousand objects created together do not refresh in one wave, and one object always
 * gets the same offset (across restarts and replicas), so its refreshes stay evenly spaced.
 *
 * Add it to the refresh interval when scheduling: `requeueAfterMs: interval + refreshJitterMs(key, interval)`.
 */
export function refreshJitterMs(key: string, intervalMs: number, fraction = 0.1): number {
  if (!(intervalMs >= 0) || !Number.isFinite(intervalMs))
    throw new RangeError(`refresh interval ${intervalMs} ms: expected a finite number of milliseconds ≥ 0`);
  if (!(fraction >= 0 && fraction <= 1))
    throw new RangeError(`jitter fraction ${fraction}: expected a number from 0 to 1`);
  return Math.floor(hashFraction(key) * fraction * intervalMs);
}
