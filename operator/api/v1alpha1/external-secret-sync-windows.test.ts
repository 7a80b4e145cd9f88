import { describe, expect, it } from 'vitest';
import { SyncWindows } from './index.ts';

/** The messages the schema gives for one window, empty when it is accepted. */
function problems(schedule: string, duration = '1h'): string[] {
  const parsed = SyncWindows.safeParse({ kind: 'allow', windows: [{ schedule, duration }] });
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('spec.syncWindows schema', () => {
  it.each([
    '0 22 * * 1-5',
    '*/15 8-18 * * MON-FRI',
    '0 0 1,15 JAN,JUL ?',
    '@hourly',
    '@daily',
    '@midnight',
    '@weekly',
    '@monthly',
    '@yearly',
    '@annually',
    '@every 6h',
    '@every 1h30m',
    '@every 1m',
    '@every 0.5h',
  ])('accepts %s', (schedule) => {
    expect(problems(schedule)).toEqual([]);
  });

  it.each([
    ['0 22 * *', 'expected a 5-field cron expression'],
    ['0 0 22 * * *', 'expected a 5-field cron expression'],
    ['0 22 * * L', 'expected a 5-field cron expression'],
    ['0 22 * * 5#3', 'expected a 5-field cron expression'],
    ['H 22 * * *', 'expected a 5-field cron expression'],
    ['@weekdays', 'expected a 5-field cron expression'],
    ['@every 1 hour', 'expected a 5-field cron expression'],
    ['@every 0s', '"@every" needs an interval of at least 1m (cron\'s own granularity)'],
    ['@every 1ns', '"@every" needs an interval of at least 1m (cron\'s own granularity)'],
    ['@every 59s', '"@every" needs an interval of at least 1m (cron\'s own granularity)'],
    ['@every 59.9999999s', '"@every" needs an interval of at least 1m (cron\'s own granularity)'],
    ['61 * * * *', 'cron expression: Constraint error, got value 61 expected range 0-59'],
    ['0 0 30 2 *', 'cron expression: Invalid explicit day of month definition'],
  ])('refuses %s with a message saying what to fix', (schedule, message) => {
    const found = problems(schedule);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`windows.0.schedule: ${message}`);
  });

  it('refuses a duration below a minute or malformed, an empty list and a capitalised kind', () => {
    for (const duration of ['0s', '1ns', '59s', '0.99m'])
      expect(problems('@daily', duration)).toEqual([
        'windows.0.duration: a sync window lasts at least 1m (cron\'s own granularity), such as "30m" or "8h"',
      ]);
    expect(problems('@daily', '1m')).toEqual([]);
    expect(problems('@daily', '60s')).toEqual([]);
    expect(problems('@daily', '1 hour')).toEqual([
      'windows.0.duration: expected a duration such as "30s", "5m" or "1h"',
    ]);
    expect(SyncWindows.safeParse({ kind: 'allow', windows: [] }).success).toBe(false);
    expect(
      SyncWindows.safeParse({ kind: 'Allow', windows: [{ schedule: '@daily', duration: '1h' }] }).success,
    ).toBe(false);
  });
});
