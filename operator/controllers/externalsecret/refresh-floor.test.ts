import { describe, expect, it } from 'vitest';
import { refreshFloorNote, refreshIntervalMs } from './refresh-floor.ts';

describe('the operator’s refresh floor (--min-refresh-interval)', () => {
  it.each([
    ['1ms', 30_000, 30_000],
    ['29s', 30_000, 30_000],
    ['30s', 30_000, 30_000],
    ['1h', 30_000, 3_600_000],
    ['0', 30_000, 0],
  ])(
    'refreshInterval %s with a floor of %i ms refreshes every %i ms',
    (refreshInterval, floorMs, expected) => {
      expect(refreshIntervalMs({ refreshInterval }, floorMs)).toBe(expected);
    },
  );

  it('says so in a note while the floor raises the interval, naming the flag', () => {
    expect(refreshFloorNote({ refreshInterval: '5s', refreshPolicy: 'Periodic' }, 300_000)).toBe(
      "refreshInterval 5s is below this operator's minimum, so it refreshes every 5m (--min-refresh-interval, set by the cluster operator)",
    );
    expect(refreshFloorNote({ refreshInterval: '1500ms', refreshPolicy: 'Periodic' }, 90_000)).toContain(
      'refreshes every 90s',
    );
    expect(refreshFloorNote({ refreshInterval: '5s', refreshPolicy: 'Periodic' }, 7_200_000)).toContain(
      'refreshes every 2h',
    );
  });

  it('adds no note when nothing is raised or nothing refreshes periodically', () => {
    expect(refreshFloorNote({ refreshInterval: '1h', refreshPolicy: 'Periodic' }, 30_000)).toBeUndefined();
    expect(refreshFloorNote({ refreshInterval: '0', refreshPolicy: 'Periodic' }, 30_000)).toBeUndefined();
    expect(refreshFloorNote({ refreshInterval: '5s', refreshPolicy: 'OnChange' }, 30_000)).toBeUndefined();
  });
});
