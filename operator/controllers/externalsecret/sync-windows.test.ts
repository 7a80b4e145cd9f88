import { describe, expect, it } from 'vitest';
import { syncWindowState } from './sync-windows.ts';

const at = (iso: string) => Date.parse(iso);

describe('syncWindowState', () => {
  describe('a cron schedule, evaluated in UTC', () => {
    // Every day 22:00–24:00 UTC: the window spans midnight.
    const nightly = [{ schedule: '0 22 * * *', duration: '2h' }];

    it('is open from the opening to the end of the duration, both included', () => {
      expect(syncWindowState(nightly, at('2026-03-10T22:00:00Z'))).toEqual({
        open: true,
        nextChangeAt: at('2026-03-11T00:00:00Z') + 1,
      });
      expect(syncWindowState(nightly, at('2026-03-10T23:59:59Z')).open).toBe(true);
      expect(syncWindowState(nightly, at('2026-03-11T00:00:00Z')).open).toBe(true);
    });

    it('is closed a moment after the duration and says when it opens next', () => {
      expect(syncWindowState(nightly, at('2026-03-11T00:00:01Z'))).toEqual({
        open: false,
        nextChangeAt: at('2026-03-11T22:00:00Z'),
      });
      expect(syncWindowState(nightly, at('2026-03-10T21:59:59Z'))).toEqual({
        open: false,
        nextChangeAt: at('2026-03-10T22:00:00Z'),
      });
    });

    it('honours the day-of-week field (2026-03-13 is a Friday)', () => {
      const weekdayNights = [{ schedule: '0 22 * * 1-5', duration: '1h' }];
      expect(syncWindowState(weekdayNights, at('2026-03-13T22:30:00Z')).open).toBe(true);
      expect(syncWindowState(weekdayNights, at('2026-03-14T22:30:00Z'))).toEqual({
        open: false,
        nextChangeAt: at('2026-03-16T22:00:00Z'),
      });
    });

    it('honours minute, day-of-month and month fields', () => {
      const quarterly = [{ schedule: '30 6 1 1,4,7,10 *', duration: '30m' }];
      expect(syncWindowState(quarterly, at('2026-04-01T06:45:00Z')).open).toBe(true);
      expect(syncWindowState(quarterly, at('2026-04-02T06:45:00Z'))).toEqual({
        open: false,
        nextChangeAt: at('2026-07-01T06:30:00Z'),
      });
    });
  });

  describe('descriptors', () => {
    it.each([
      [
        '@hourly',
        '2026-03-10T10:00:00Z',
        '2026-03-10T10:05:00Z',
        '2026-03-10T10:20:00Z',
        '2026-03-10T11:00:00Z',
      ],
      [
        '@daily',
        '2026-03-10T00:00:00Z',
        '2026-03-10T00:05:00Z',
        '2026-03-10T00:20:00Z',
        '2026-03-11T00:00:00Z',
      ],
      [
        '@midnight',
        '2026-03-10T00:00:00Z',
        '2026-03-10T00:05:00Z',
        '2026-03-10T00:20:00Z',
        '2026-03-11T00:00:00Z',
      ],
      [
        '@weekly',
        '2026-03-08T00:00:00Z',
        '2026-03-08T00:05:00Z',
        '2026-03-08T00:20:00Z',
        '2026-03-15T00:00:00Z',
      ],
      [
        '@monthly',
        '2026-03-01T00:00:00Z',
        '2026-03-01T00:05:00Z',
        '2026-03-01T00:20:00Z',
        '2026-04-01T00:00:00Z',
      ],
      [
        '@yearly',
        '2026-01-01T00:00:00Z',
        '2026-01-01T00:05:00Z',
        '2026-01-01T00:20:00Z',
        '2027-01-01T00:00:00Z',
      ],
      [
        '@annually',
        '2026-01-01T00:00:00Z',
        '2026-01-01T00:05:00Z',
        '2026-01-01T00:20:00Z',
        '2027-01-01T00:00:00Z',
      ],
    ])('%s opens at its firing (%s) for the duration', (schedule, opening, inside, outside, nextOpening) => {
      const windows = [{ schedule, duration: '10m' }];
      expect(syncWindowState(windows, at(inside))).toEqual({
        open: true,
        nextChangeAt: at(opening) + 10 * 60_000 + 1,
      });
      expect(syncWindowState(windows, at(outside))).toEqual({ open: false, nextChangeAt: at(nextOpening) });
    });
  });

  describe('@every', () => {
    it('opens at every multiple of the interval since the Unix epoch, whenever it is asked', () => {
      const windows = [{ schedule: '@every 6h', duration: '1h' }];
      expect(syncWindowState(windows, at('2026-03-10T06:30:00Z'))).toEqual({
        open: true,
        nextChangeAt: at('2026-03-10T07:00:00Z') + 1,
      });
      expect(syncWindowState(windows, at('2026-03-10T07:30:00Z'))).toEqual({
        open: false,
        nextChangeAt: at('2026-03-10T12:00:00Z'),
      });
    });

    it('takes compound durations', () => {
      const windows = [{ schedule: '@every 1h30m', duration: '15m' }];
      expect(syncWindowState(windows, at('1970-01-01T01:40:00Z')).open).toBe(true);
      expect(syncWindowState(windows, at('1970-01-01T02:00:00Z'))).toEqual({
        open: false,
        nextChangeAt: at('1970-01-01T03:00:00Z'),
      });
    });

    it('stays open when the duration covers the interval, and names a later moment to look again', () => {
      const now = at('2026-03-10T06:30:00Z');
      const state = syncWindowState([{ schedule: '@every 1h', duration: '2h' }], now);
      expect(state.open).toBe(true);
      expect(state.nextChangeAt).toBeGreaterThan(now + 24 * 3_600_000);
    });
  });

  describe('several windows', () => {
    it('is open while any of them is', () => {
      const windows = [
        { schedule: '0 9 * * *', duration: '1h' },
        { schedule: '0 17 * * *', duration: '1h' },
      ];
      expect(syncWindowState(windows, at('2026-03-10T17:15:00Z')).open).toBe(true);
      expect(syncWindowState(windows, at('2026-03-10T12:00:00Z'))).toEqual({
        open: false,
        nextChangeAt: at('2026-03-10T17:00:00Z'),
      });
    });

    it('closes only when the last of overlapping windows does', () => {
      const windows = [
        { schedule: '0 9 * * *', duration: '2h' },
        { schedule: '0 10 * * *', duration: '2h' },
      ];
      expect(syncWindowState(windows, at('2026-03-10T09:30:00Z'))).toEqual({
        open: true,
        nextChangeAt: at('2026-03-10T12:00:00Z') + 1,
      });
    });
  });

  describe('schedules that never open', () => {
    it('ignores a schedule that does not parse, as ESO does', () => {
      expect(
        syncWindowState([{ schedule: '61 * * * *', duration: '1h' }], at('2026-03-10T00:00:00Z')),
      ).toEqual({ open: false, nextChangeAt: Infinity });
    });

    it('never opens a schedule with no date (30 February)', () => {
      expect(
        syncWindowState([{ schedule: '0 0 30 2 *', duration: '1h' }], at('2026-03-10T00:00:00Z')),
      ).toEqual({ open: false, nextChangeAt: Infinity });
    });
  });
});
