import { describe, expect, it } from 'vitest';
import { everyInterval, refreshGrid } from './refresh-grid.ts';

const minute = 60_000;
const hour = 60 * minute;

describe('refreshGrid', () => {
  it('is never later than one interval after the last refresh, and never at or before it', () => {
    const schedule = refreshGrid('SecretStore/team-a/vault');
    for (let last = 1_700_000_000_000; last < 1_700_000_000_000 + 3 * hour; last += 7 * minute + 13) {
      const due = schedule(last, hour);
      expect(due).toBeLessThanOrEqual(last + hour);
      expect(due).toBeGreaterThan(last);
    }
  });

  it('brings the objects of one group onto the same instants after their first refresh', () => {
    const schedule = refreshGrid('ClusterSecretStore//shared');
    // Synced at scattered times, e.g. as they were created over a day.
    const syncedAt = [0, 11, 29, 47, 58].map((m) => 1_700_000_000_000 + m * minute + 123);
    const first = syncedAt.map((at) => schedule(at, hour));
    // Every first refresh falls on one grid point or the next: the same instants, hour by hour.
    expect(new Set(first.map((at) => at % hour)).size).toBe(1);
    expect(Math.max(...first) - Math.min(...first)).toBeLessThanOrEqual(hour);
    // ...and they stay there, one interval apart.
    expect(first.map((at) => schedule(at, hour))).toEqual(first.map((at) => at + hour));
  });

  it('gives different groups different phases', () => {
    const at = 1_700_000_000_000;
    const dues = new Set(
      ['a', 'b', 'c', 'd', 'e'].map((group) => refreshGrid(`SecretStore/ns/${group}`)(at, hour)),
    );
    expect(dues.size).toBe(5);
  });

  it('lines up grids whose intervals divide each other', () => {
    const schedule = refreshGrid('SecretStore/ns/store');
    const hourly = schedule(schedule(1_700_000_000_000, hour), hour);
    const halfHourly = schedule(schedule(1_700_000_000_000, 30 * minute), 30 * minute);
    expect(Math.abs(hourly - halfHourly) % (30 * minute)).toBe(0);
  });

  it('everyInterval is due exactly one interval later', () => {
    expect(everyInterval(1000, hour)).toBe(1000 + hour);
  });
});
