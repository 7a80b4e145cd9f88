// Sprig's date functions, taking and returning Go's time.Time (time-value.ts) as Sprig does: `now`,
// `toDate` and `dateModify` return one, `unixEpoch` and `dateModify` require one, and `date`,
// `dateInZone`, `htmlDate`, `ago` take a time or Unix seconds (an int), anything else meaning now.
//
// The clock is the FunctionEnvironment's, a JavaScript Date: milliseconds, so a time from `now` has
// zeros below the millisecond where Go's has nanoseconds. Its monotonic reading (which Go prints as
// `m=+0.001234567`) counts from the first `now` of this function set. "Local" is UTC, as in ESO's
// container.
import { formatTime, parseTime } from './go-time-layout.ts';
import { fixed, type FunctionDefinition } from './signature.ts';
import { GoTime, localLocation, utcLocation } from './time-value.ts';
import { formatDuration, parseDuration } from './time-units.ts';
import { inNamedZone, isKnownZone } from './time-zones.ts';
import { FunctionError, type FunctionEnvironment } from './types.ts';
import type { GoValue } from '../values.ts';

const nanosecondsPerSecond = 1_000_000_000n;
const int64Max = 2n ** 63n - 1n;
const int64Min = -(2n ** 63n);

export function dateFunctions(environment: FunctionEnvironment): Record<string, FunctionDefinition> {
  let clockStart: bigint | undefined;
  const now = (): GoTime => {
    const nanos = BigInt(environment.now().getTime()) * 1_000_000n;
    clockStart ??= nanos;
    return new GoTime(nanos, localLocation, nanos - clockStart);
  };
  /** Sprig's `interface{}` date: a time, Unix seconds, or (anything else) now. */
  const timeOf = (value: GoValue): GoTime => {
    if (value instanceof GoTime) return value;
    return typeof value === 'bigint' ? GoTime.fromUnixSeconds(value) : now();
  };
  const formatIn = (layout: string, value: GoValue, zone: string): string => {
    const time = timeOf(value);
    if (zone === 'Local') return time.withLocation(localLocation).format(layout);
    if (zone === '' || zone === 'UTC' || !isKnownZone(zone))
      return time.withLocation(utcLocation).format(layout);
    const { epochSeconds, nanoseconds } = time.zoned();
    return formatTime(inNamedZone(epochSeconds, nanoseconds, zone), layout);
  };
  /** time.Since(t): by the monotonic readings when both times have one, as Go's is. */
  const since = (time: GoTime): bigint => now().sub(time);
  const modify = (duration: string, time: GoTime): GoTime => {
    const nanoseconds = parseDuration(duration);
    // Go's message quotes the duration text (`time: invalid duration "x"`), which may be secret.
    if (nanoseconds === undefined) throw new FunctionError('time: invalid duration');
    return time.add(nanoseconds);
  };
  const dateInZone = fixed(['string', 'interface {}', 'string'], formatIn);
  const dateModify = fixed(['string', 'time.Time'], (duration, time) => {
    const nanoseconds = parseDuration(duration);
    return nanoseconds === undefined ? time : (time as GoTime).add(nanoseconds);
  });
  const mustDateModify = fixed(['string', 'time.Time'], (duration, time) => modify(duration, time as GoTime));
  return {
    now: fixed([], now),
    date: fixed(['string', 'interface {}'], (layout, value) => formatIn(layout, value, 'Local')),
    dateInZone,
    date_in_zone: dateInZone,
    htmlDate: fixed(['interface {}'], (value) => formatIn('2006-01-02', value, 'Local')),
    htmlDateInZone: fixed(['interface {}', 'string'], (value, zone) => formatIn('2006-01-02', value, zone)),
    dateModify,
    date_modify: dateModify,
    mustDateModify,
    must_date_modify: mustDateModify,
    toDate: fixed(['string', 'string'], (layout, text) => {
      const parsed = parseTime(layout, text);
      return parsed === undefined ? GoTime.zero() : GoTime.fromParsed(parsed);
    }),
    mustToDate: fixed(['string', 'string'], (layout, text) => {
      const parsed = parseTime(layout, text);
      // Go's message quotes the text, which may be secret.
      if (parsed === undefined)
        throw new FunctionError(`parsing time: the text does not match the layout "${layout}"`);
      return GoTime.fromParsed(parsed);
    }),
    unixEpoch: fixed(['time.Time'], (time) => (time as GoTime).unixSeconds.toString()),
    // Sprig reads a string or an int64 as seconds; every template integer is taken as one here.
    duration: fixed(['interface {}'], (seconds) =>
      formatDuration(BigInt.asIntN(64, secondsOf(seconds) * nanosecondsPerSecond)),
    ),
    durationRound: fixed(['interface {}'], (value) =>
      roundDuration(value instanceof GoTime ? since(value) : durationOf(value)),
    ),
    ago: fixed(['interface {}'], (value) => formatDuration(roundToSecond(since(timeOf(value))))),
  };
}

/** Sprig's duration input: strconv.ParseInt(s, 10, 64) of a string (0 if invalid, the nearest
 * int64 if out of range, as ParseInt returns with its error), or an integer. */
function secondsOf(value: GoValue): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value !== 'string' || !/^[+-]?\d+$/.test(value)) return 0n;
  const parsed = BigInt(value);
  return parsed > int64Max ? int64Max : parsed < int64Min ? int64Min : parsed;
}

/** Sprig's durationRound input: a duration string (0 if invalid) or nanoseconds. */
function durationOf(value: GoValue): bigint {
  if (typeof value === 'string') return parseDuration(value) ?? 0n;
  return typeof value === 'bigint' ? BigInt.asIntN(64, value) : 0n;
}

/** Duration.Round(time.Second): halves away from zero. */
function roundToSecond(nanoseconds: bigint): bigint {
  const remainder = nanoseconds % nanosecondsPerSecond;
  const truncated = nanoseconds - remainder;
  const magnitude = remainder < 0n ? -remainder : remainder;
  if (magnitude + magnitude < nanosecondsPerSecond) return truncated;
  return truncated + (nanoseconds < 0n ? -nanosecondsPerSecond : nanosecondsPerSecond);
}

function roundDuration(nanoseconds: bigint): string {
  const magnitude = nanoseconds < 0n ? -nanoseconds : nanoseconds;
  const hour = 3_600_000_000_000n;
  const units: [bigint, string][] = [
    [hour * 24n * 365n, 'y'],
    [hour * 24n * 30n, 'mo'],
    [hour * 24n, 'd'],
    [hour, 'h'],
    [60_000_000_000n, 'm'],
    [nanosecondsPerSecond, 's'],
  ];
  for (const [size, suffix] of units) if (magnitude > size) return `${magnitude / size}${suffix}`;
  return '0s';
}
