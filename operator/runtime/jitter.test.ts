import { describe, expect, it } from 'vitest';

import { refreshJitterMs } from './jitter.ts';

const hourMs = 3_600_000;

describe('refreshJitterMs', () => {
  it('gives the same key the same offset every time', () => {
    expect(refreshJitterMs('team-a/db-credentials', hourMs)).toBe(
      refreshJitterMs('team-a/db-credentials', hourMs),
    );
    expect(refreshJitterMs('team-a/db-credentials', hourMs)).not.toBe(
      refreshJitterMs('team-b/db-credentials', hourMs),
    );
  });

  it('spreads 10,000 keys created together across the window, all within bounds', () => {
    const windowMs = 0.1 * hourMs;
    const bucketCount = 100;
    const perBucket = new Array<number>(bucketCount).fill(0);
    for (let index = 0; index < 10_000; index++) {
      const offset = refreshJitterMs(`load-test/es-${String(index).padStart(5, '0')}`, hourMs, 0.1);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(windowMs);
      expect(Number.isInteger(offset)).toBe(true);
      const bucket = Math.floor((offset / windowMs) * bucketCount);
      perBucket[bucket] = (perBucket[bucket] ?? 0) + 1;
    }
    // Uniform would be 100 per bucket; every bucket is used and none holds a wave.
    expect(perBucket.every((count) => count > 50 && count < 150)).toBe(true);
  });

  it('stays inside the window for any fraction and is zero when there is no window', () => {
    expect(refreshJitterMs('a/b', hourMs, 0)).toBe(0);
    expect(refreshJitterMs('a/b', 0)).toBe(0);
    expect(refreshJitterMs('a/b', 10, 1)).toBeLessThan(10);
  });

  it('rejects an interval or fraction that makes no sense, saying what was expected', () => {
    expect(() => refreshJitterMs('a/b', -1)).toThrow(/expected a finite number of milliseconds/);
    expect(() => refreshJitterMs('a/b', Number.NaN)).toThrow(RangeError);
    expect(() => refreshJitterMs('a/b', hourMs, 1.5)).toThrow(/expected a number from 0 to 1/);
  });
});
