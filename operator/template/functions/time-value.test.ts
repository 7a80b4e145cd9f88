// Go's time.Time as a template value: the calendar arithmetic under it, Go's `==`, JSON and the
// monotonic reading. What templates print through these is compared with Go in
// test/template/functions-dates.test.ts; the expectations here are Go's documented behaviour,
// checked against the oracle where a template can reach it (noted per case).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eq } from '../compare.ts';
import { sprint } from '../fmt.ts';
import { civilFromDays, daysFromCivil } from './civil-calendar.ts';
import { encodeJson } from './json.ts';
import { parseTime } from './go-time-layout.ts';
import { fixedZone, GoTime, localLocation, utcLocation } from './time-value.ts';
import { GoDuration, GoMonth, GoWeekday } from './time-units.ts';
import { FunctionError } from './types.ts';
import type { GoValue } from '../values.ts';

const parsed = (layout: string, text: string): GoTime => {
  const result = parseTime(layout, text);
  if (result === undefined) throw new Error(`${text} does not match ${layout}`);
  return GoTime.fromParsed(result);
};
const call = (time: GoTime, name: string, ...args: GoValue[]): string => {
  const found = time.methods().get(name);
  if (found === undefined) throw new Error(`no method ${name}`);
  return sprint(found.call(...args));
};

describe('the civil calendar', () => {
  it('agrees with JavaScript Date wherever Date reaches', () => {
    const dayRange = 100_000_000; // Date's ±8.64e15 ms
    fc.assert(
      fc.property(fc.integer({ min: -dayRange, max: dayRange }), (day) => {
        const date = new Date(day * 86_400_000);
        const civil = civilFromDays(BigInt(day));
        expect([civil.year, civil.month, civil.day]).toEqual([
          BigInt(date.getUTCFullYear()),
          date.getUTCMonth() + 1,
          date.getUTCDate(),
        ]);
        expect(daysFromCivil(civil.year, civil.month, BigInt(civil.day))).toBe(BigInt(day));
      }),
    );
  });

  it('counts a day past the month end into the next month, as time.Date does', () => {
    expect(civilFromDays(daysFromCivil(2024n, 1, 32n))).toEqual({ year: 2024n, month: 2, day: 1 });
    expect(civilFromDays(daysFromCivil(2023n, 2, 29n))).toEqual({ year: 2023n, month: 3, day: 1 });
    expect(civilFromDays(daysFromCivil(2024n, 3, 0n))).toEqual({ year: 2024n, month: 2, day: 29 });
  });

  it('reaches years Date cannot hold', () => {
    const far = GoTime.zero().addDate(300_000n, 0n, 0n);
    expect(far.stringer()).toBe('300001-01-01 00:00:00 +0000 UTC');
    expect(call(far, 'Year')).toBe('300001');
  });
});

describe('time.Time', () => {
  const may = parsed('2006-01-02', '2024-05-01');

  it('prints as Time.String, with the monotonic reading when it has one', () => {
    expect(may.stringer()).toBe('2024-05-01 00:00:00 +0000 UTC');
    expect(new GoTime(1_500_000_000n, localLocation, 12_345n).stringer()).toBe(
      '1970-01-01 00:00:01.5 +0000 UTC m=+0.000012345',
    );
    expect(parsed('2006-01-02Z07:00', '2024-05-01+02:30').stringer()).toBe('2024-05-01 00:00:00 +0230 +0230');
  });

  it('drops the monotonic reading where Go does: UTC, Local, AddDate, Truncate, Round; Add keeps it', () => {
    const now = new GoTime(0n, localLocation, 5n);
    expect(now.add(1n).monotonic).toBe(6n);
    expect(now.withLocation(utcLocation).monotonic).toBeUndefined();
    expect(now.addDate(0n, 0n, 1n).monotonic).toBeUndefined();
    expect(now.toMultiple(0n, false).monotonic).toBeUndefined();
    expect(now.add(2n ** 63n).monotonic).toBeUndefined(); // it would overflow an int64
  });

  it("compares as Go's ==: instant, location and monotonic reading (oracle: eq cases)", () => {
    expect(eq(may, parsed('2006-01-02', '2024-05-01'))).toBe(true);
    expect(eq(may, may.withLocation(utcLocation))).toBe(false); // Local is not UTC, though it shows UTC
    expect(eq(may, may.withLocation(localLocation))).toBe(true);
    // Go caches unnamed whole-hour zones, but makes each other fixed zone anew.
    expect(eq(parsed('Z07:00', '+02:00'), parsed('Z07:00', '+02:00'))).toBe(true);
    expect(eq(parsed('Z07:00', '+02:30'), parsed('Z07:00', '+02:30'))).toBe(false);
    expect(fixedZone('', 7200)).toBe(fixedZone('', 7200));
    expect(eq(new GoTime(0n, localLocation, 1n), new GoTime(0n, localLocation))).toBe(false);
  });

  it('writes RFC 3339 with nanoseconds as JSON, and fails outside years 0-9999 as MarshalJSON does', () => {
    const precise = parsed('2006-01-02T15:04:05.999999999Z07:00', '2024-01-02T03:04:05.12345+02:00');
    expect(encodeJson(precise, { escapeHtml: true })).toBe('"2024-01-02T03:04:05.12345+02:00"');
    expect(() => may.addDate(8000n, 0n, 0n).jsonValue()).toThrow(FunctionError);
    expect(() => may.addDate(-2025n, 0n, 0n).jsonValue()).toThrow('year outside of range [0,9999]');
  });

  it('has the methods templates call (oracle: functions-dates.test.ts)', () => {
    const time = parsed('2006-01-02T15:04:05.999999999Z07:00', '2024-01-02T03:04:05.123456789+02:00');
    expect(call(time, 'Format', 'Jan 2 15:04')).toBe('Jan 2 03:04');
    expect(call(time, 'Unix')).toBe('1704157445');
    expect(call(time, 'UnixMilli')).toBe('1704157445123');
    expect(call(time, 'UnixNano')).toBe('1704157445123456789');
    expect(call(time, 'Month')).toBe('January');
    expect(call(time, 'Weekday')).toBe('Tuesday');
    expect(call(time, 'Nanosecond')).toBe('123456789');
    expect(call(time, 'UTC')).toBe('2024-01-02 01:04:05.123456789 +0000 UTC');
    expect(call(time, 'Add', 3_600_000_000_000n)).toBe('2024-01-02 04:04:05.123456789 +0200 +0200');
    expect(call(time, 'Add', new GoDuration(-1n))).toBe('2024-01-02 03:04:05.123456788 +0200 +0200');
    expect(() => call(time, 'Add', 'x')).toThrow('wrong type for value; expected time.Duration; got string');
    expect(call(time, 'Sub', may)).toBe('-2878h55m54.876543211s');
    expect(call(time, 'Truncate', 3_600_000_000_000n)).toBe('2024-01-02 03:00:00 +0200 +0200');
    expect(call(time, 'Round', 1_000_000_000n)).toBe('2024-01-02 03:04:05 +0200 +0200');
    expect(call(GoTime.zero(), 'IsZero')).toBe('true');
    expect(call(GoTime.zero(), 'UnixNano')).toBe('-6795364578871345152'); // Go's int64 overflow
  });
});

describe('time.Month, time.Weekday and time.Duration', () => {
  it("print their names, or Go's %!Month(n) outside the range", () => {
    expect(sprint(new GoMonth(5n), new GoWeekday(1n))).toBe('May Monday');
    expect(new GoMonth(13n).stringer()).toBe('%!Month(13)');
    expect(new GoDuration(5_400_000_000_000n).stringer()).toBe('1h30m0s');
  });

  it('are numbers in JSON', () => {
    expect(encodeJson([new GoMonth(5n), new GoDuration(7n)], { escapeHtml: true })).toBe('[5,7]');
  });

  it('give a Duration in units as Go does', () => {
    const duration = new GoDuration(5_400_000_000_001n);
    const method = (name: string): string => sprint(duration.methods().get(name)?.call() ?? null);
    expect(method('Hours')).toBe('1.5000000000002778');
    expect(method('Minutes')).toBe('90.00000000001667');
    expect(method('Seconds')).toBe('5400.000000001');
    expect(method('Milliseconds')).toBe('5400000');
  });
});

describe('every time.Time method', () => {
  const times = [
    GoTime.zero(),
    parsed('2006-01-02T15:04:05.999999999Z07:00', '2024-01-02T03:04:05.123456789+02:00'),
    new GoTime(2n ** 62n, localLocation, 2n ** 62n),
  ];
  const argument = fc.oneof(
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
    fc.bigInt({ min: -5n, max: 5n }),
    fc.string({ maxLength: 8 }),
    fc.constantFrom<GoValue>(null, 1.5, new GoDuration(-(2n ** 63n)), new GoMonth(1n), ...times),
  );

  it.each([...(times[1]?.methods().keys() ?? [])])(
    '%s returns a value or a FunctionError for any arguments',
    (name) => {
      fc.assert(
        fc.property(fc.constantFrom(...times), fc.array(argument, { maxLength: 3 }), (time, args) => {
          try {
            const result =
              time
                .methods()
                .get(name)
                ?.call(...args) ?? null;
            sprint(result); // and it prints
          } catch (error) {
            expect(error).toBeInstanceOf(FunctionError);
          }
        }),
        { numRuns: 60 },
      );
    },
  );
});
