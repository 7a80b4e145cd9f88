// Sprig's date formatting, called directly
// Every expectation is what Go's text/template + Sprig v3.3.0 rendered for `{{ NAME ARGS... }}`
// (Go 1.26), recorded from the oracle: "out" rows are the printed result, "err" rows the reason
// after Go's `error calling NAME:`. test/template/functions-*.test.ts re-check a share of them live.
import { describe, expect, it } from 'vitest';
import { sprint } from '../fmt.ts';
import type { GoValue } from '../values.ts';
import { templateFunctions } from './index.ts';
import { expectGolden, render, type GoldenCase } from './test-support.ts';
import { GoTime } from './time-value.ts';

const cases: GoldenCase[] = [
  ['out', 'date', ['2006-01-02', 1700000000n], '2023-11-14'],
  ['out', 'date', ['2006-01-02', 0n], '1970-01-01'],
  ['out', 'dateInZone', ['2006-01-02', 1700000000n, 'America/New_York'], '2023-11-14'],
  ['out', 'dateInZone', ['2006-01-02', 1700000000n, 'Asia/Kolkata'], '2023-11-15'],
  ['out', 'dateInZone', ['2006-01-02', 1700000000n, 'Nope/Zone'], '2023-11-14'],
  ['out', 'date', ['2006-01-02T15:04:05Z07:00', 1700000000n], '2023-11-14T22:13:20Z'],
  ['out', 'date', ['2006-01-02T15:04:05Z07:00', 0n], '1970-01-01T00:00:00Z'],
  [
    'out',
    'dateInZone',
    ['2006-01-02T15:04:05Z07:00', 1700000000n, 'America/New_York'],
    '2023-11-14T17:13:20-05:00',
  ],
  [
    'out',
    'dateInZone',
    ['2006-01-02T15:04:05Z07:00', 1700000000n, 'Asia/Kolkata'],
    '2023-11-15T03:43:20+05:30',
  ],
  ['out', 'dateInZone', ['2006-01-02T15:04:05Z07:00', 1700000000n, 'Nope/Zone'], '2023-11-14T22:13:20Z'],
  ['out', 'date', ['Mon Jan 2 15:04:05 MST 2006', 1700000000n], 'Tue Nov 14 22:13:20 UTC 2023'],
  ['out', 'date', ['Mon Jan 2 15:04:05 MST 2006', 0n], 'Thu Jan 1 00:00:00 UTC 1970'],
  [
    'out',
    'dateInZone',
    ['Mon Jan 2 15:04:05 MST 2006', 1700000000n, 'America/New_York'],
    'Tue Nov 14 17:13:20 EST 2023',
  ],
  [
    'out',
    'dateInZone',
    ['Mon Jan 2 15:04:05 MST 2006', 1700000000n, 'Nope/Zone'],
    'Tue Nov 14 22:13:20 UTC 2023',
  ],
  [
    'out',
    'date',
    ['Monday, January 02, 2006 03:04:05 PM', 1700000000n],
    'Tuesday, November 14, 2023 10:13:20 PM',
  ],
  ['out', 'date', ['Monday, January 02, 2006 03:04:05 PM', 0n], 'Thursday, January 01, 1970 12:00:00 AM'],
  [
    'out',
    'dateInZone',
    ['Monday, January 02, 2006 03:04:05 PM', 1700000000n, 'America/New_York'],
    'Tuesday, November 14, 2023 05:13:20 PM',
  ],
  [
    'out',
    'dateInZone',
    ['Monday, January 02, 2006 03:04:05 PM', 1700000000n, 'Asia/Kolkata'],
    'Wednesday, November 15, 2023 03:43:20 AM',
  ],
  [
    'out',
    'dateInZone',
    ['Monday, January 02, 2006 03:04:05 PM', 1700000000n, 'Nope/Zone'],
    'Tuesday, November 14, 2023 10:13:20 PM',
  ],
  ['out', 'date', ['06/1/2 3:4:5 pm', 1700000000n], '23/11/14 10:13:20 pm'],
  ['out', 'date', ['06/1/2 3:4:5 pm', 0n], '70/1/1 12:0:0 am'],
  ['out', 'dateInZone', ['06/1/2 3:4:5 pm', 1700000000n, 'America/New_York'], '23/11/14 5:13:20 pm'],
  ['out', 'dateInZone', ['06/1/2 3:4:5 pm', 1700000000n, 'Asia/Kolkata'], '23/11/15 3:43:20 am'],
  ['out', 'dateInZone', ['06/1/2 3:4:5 pm', 1700000000n, 'Nope/Zone'], '23/11/14 10:13:20 pm'],
  ['out', 'date', ['_2 __2 002 .000 ,999 .999999999', 1700000000n], '14 318 318 .000  '],
  ['out', 'date', ['_2 __2 002 .000 ,999 .999999999', 0n], ' 1   1 001 .000  '],
  [
    'out',
    'dateInZone',
    ['_2 __2 002 .000 ,999 .999999999', 1700000000n, 'America/New_York'],
    '14 318 318 .000  ',
  ],
  [
    'out',
    'dateInZone',
    ['_2 __2 002 .000 ,999 .999999999', 1700000000n, 'Asia/Kolkata'],
    '15 319 319 .000  ',
  ],
  ['out', 'dateInZone', ['_2 __2 002 .000 ,999 .999999999', 1700000000n, 'Nope/Zone'], '14 318 318 .000  '],
  ['out', 'date', ['-0700 -07:00 -07 Z0700 Z07:00:00 -070000', 1700000000n], '+0000 +00:00 +00 Z Z +000000'],
  ['out', 'date', ['-0700 -07:00 -07 Z0700 Z07:00:00 -070000', 0n], '+0000 +00:00 +00 Z Z +000000'],
  [
    'out',
    'dateInZone',
    ['-0700 -07:00 -07 Z0700 Z07:00:00 -070000', 1700000000n, 'America/New_York'],
    '-0500 -05:00 -05 -0500 -05:00:00 -050000',
  ],
  [
    'out',
    'dateInZone',
    ['-0700 -07:00 -07 Z0700 Z07:00:00 -070000', 1700000000n, 'Asia/Kolkata'],
    '+0530 +05:30 +05 +0530 +05:30:00 +053000',
  ],
  [
    'out',
    'dateInZone',
    ['-0700 -07:00 -07 Z0700 Z07:00:00 -070000', 1700000000n, 'Nope/Zone'],
    '+0000 +00:00 +00 Z Z +000000',
  ],
  ['out', 'date', ['20060102150405', 1700000000n], '20231114221320'],
  ['out', 'date', ['20060102150405', 0n], '19700101000000'],
  ['out', 'dateInZone', ['20060102150405', 1700000000n, 'America/New_York'], '20231114171320'],
  ['out', 'dateInZone', ['20060102150405', 1700000000n, 'Asia/Kolkata'], '20231115034320'],
  ['out', 'dateInZone', ['20060102150405', 1700000000n, 'Nope/Zone'], '20231114221320'],
  ['out', 'date', ['2006-01-02T15:04:05.000Z', 1700000000n], '2023-11-14T22:13:20.000Z'],
  ['out', 'date', ['2006-01-02T15:04:05.000Z', 0n], '1970-01-01T00:00:00.000Z'],
  [
    'out',
    'dateInZone',
    ['2006-01-02T15:04:05.000Z', 1700000000n, 'America/New_York'],
    '2023-11-14T17:13:20.000Z',
  ],
  [
    'out',
    'dateInZone',
    ['2006-01-02T15:04:05.000Z', 1700000000n, 'Asia/Kolkata'],
    '2023-11-15T03:43:20.000Z',
  ],
  ['out', 'dateInZone', ['2006-01-02T15:04:05.000Z', 1700000000n, 'Nope/Zone'], '2023-11-14T22:13:20.000Z'],
  ['out', 'date', ['Jan _2 15:04:05', 1700000000n], 'Nov 14 22:13:20'],
  ['out', 'date', ['Jan _2 15:04:05', 0n], 'Jan  1 00:00:00'],
  ['out', 'dateInZone', ['Jan _2 15:04:05', 1700000000n, 'America/New_York'], 'Nov 14 17:13:20'],
  ['out', 'dateInZone', ['Jan _2 15:04:05', 1700000000n, 'Asia/Kolkata'], 'Nov 15 03:43:20'],
  ['out', 'dateInZone', ['Jan _2 15:04:05', 1700000000n, 'Nope/Zone'], 'Nov 14 22:13:20'],
  ['out', 'htmlDate', [1700000000n], '2023-11-14'],
  ['out', 'htmlDateInZone', [1700000000n, 'Australia/Sydney'], '2023-11-15'],
  ['out', 'date_in_zone', ['15:04', 1700000000n, 'UTC'], '22:13'],
];

describe("Sprig's date formatting, called directly", () => {
  it.each(cases)('%s of %s(%o)', (...row) => {
    expectGolden(row, expect);
  });

  it('reads the clock from the environment: a time.Time in Local, its monotonic reading from the first now', () => {
    let clock = new Date('2024-01-02T03:04:05.678Z');
    const pinned = templateFunctions({ now: () => clock, randomBytes: (length) => new Uint8Array(length) });
    const call = (name: string, ...args: GoValue[]): GoValue => pinned.get(name)?.(...args) ?? null;
    const first = call('now');
    expect(first).toBeInstanceOf(GoTime);
    // A JavaScript clock has milliseconds: the nanoseconds below them are zeros.
    expect(sprint(first)).toBe('2024-01-02 03:04:05.678 +0000 UTC m=+0.000000000');
    clock = new Date('2024-01-02T03:04:06.679Z');
    const second = call('now');
    expect(sprint(second)).toBe('2024-01-02 03:04:06.679 +0000 UTC m=+1.001000000');
    expect(sprint(call('dateModify', '1h', second))).toBe(
      '2024-01-02 04:04:06.679 +0000 UTC m=+3601.001000000',
    );
    expect(call('unixEpoch', second)).toBe('1704164646');
    expect(call('date', '2006-01-02 15:04:05.000', second)).toBe('2024-01-02 03:04:06.679');
    expect(call('date', '2006', 'not a time')).toBe('2024'); // Sprig formats anything else as now
    expect(call('ago', 1704164585n)).toBe('1m2s'); // 61.679s, rounded to the second
    expect(call('ago', first)).toBe('1s'); // by the monotonic readings
    expect(call('durationRound', first)).toBe('1s');
    expect(call('dateModify', 'bogus', second)).toBe(second);
    expect(() => call('mustDateModify', 'bogus', second)).toThrow('time: invalid duration');
    expect(() => call('mustDateModify', 'bogus', second)).not.toThrow(/bogus/);
  });

  it('parses with toDate in Local, giving the zero time for text that does not match', () => {
    expect(render('toDate', ['2006-01-02', '2024-05-01'])).toBe('2024-05-01 00:00:00 +0000 UTC');
    expect(render('toDate', ['2006-01-02', '2024-02-30'])).toBe('0001-01-01 00:00:00 +0000 UTC');
    expect(() => render('mustToDate', ['2006-01-02', 'hunter2'])).toThrow(
      /^parsing time: the text does not match/,
    );
    expect(() => render('mustToDate', ['2006-01-02', 'hunter2'])).not.toThrow(/hunter2/);
  });

  it('formats durations as Go does', () => {
    expect(render('duration', ['3661'])).toBe('1h1m1s');
    expect(render('duration', ['-61'])).toBe('-1m1s');
    expect(render('duration', ['x'])).toBe('0s');
    expect(render('duration', ['99999999999999999999'])).toBe('-1s'); // ParseInt's int64 max, times 1e9, wraps
    expect(render('duration', ['0'])).toBe('0s');
    expect(render('durationRound', ['2h5m'])).toBe('2h');
  });
});
