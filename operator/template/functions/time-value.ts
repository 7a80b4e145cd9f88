// Go's time.Time as a template value: what `now`, `toDate` and `dateModify` return and `date`,
// `unixEpoch` and the time's own methods (`.Year`, `.Format "2006"`, `.Add`, …) take. It holds the
// instant in nanoseconds since 1970 (a bigint, so Go's whole range from year 1 and beyond fits),
// its location, and — for a time from `now` — a monotonic clock reading, as Go's does.
//
// Locations: UTC, Local and fixed zones. "Local" is UTC, as in ESO's container, but is a location of
// its own, as in Go: Go's `==` (template `eq`) compares locations by identity, so `eq $t $t.UTC` is
// false for a time from `toDate`. Named zones (`dateInZone`) only format; no method here moves a
// time into one (`.In` is not provided).
import { goTypeName } from '../fmt.ts';
import { GoObject, type GoMethod, type GoValue } from '../values.ts';
import { daysFromCivil, floorDivide } from './civil-calendar.ts';
import { civilOf, formatTime, type ParsedTime, type ZonedTime } from './go-time-layout.ts';
import { ArgumentError, method } from './signature.ts';
import { GoDuration, GoMonth, GoWeekday, saturatedDuration } from './time-units.ts';
import { FunctionError } from './types.ts';

/** A *time.Location. UTC and Local are single values; each fixed zone Go makes is a new one, except
 * the unnamed whole-hour zones Go caches (so `eq` of two times parsed from "+02:00" is true). */
export class GoLocation {
  readonly name: string;
  readonly offsetSeconds: number;
  /** The zone abbreviation times print with: "UTC", "EST", or "" for an unnamed offset (+0200). */
  readonly abbreviation: string;

  constructor(name: string, offsetSeconds: number, abbreviation: string) {
    this.name = name;
    this.offsetSeconds = offsetSeconds;
    this.abbreviation = abbreviation;
  }
}

export const utcLocation = new GoLocation('UTC', 0, 'UTC');
export const localLocation = new GoLocation('Local', 0, 'UTC');
const unnamedHourZones = new Map<number, GoLocation>();

/** time.FixedZone(name, offset). */
export function fixedZone(name: string, offsetSeconds: number): GoLocation {
  const cacheable = name === '' && offsetSeconds % 3600 === 0 && Math.abs(offsetSeconds) <= 14 * 3600;
  if (!cacheable) return new GoLocation(name, offsetSeconds, name);
  let zone = unnamedHourZones.get(offsetSeconds);
  if (zone === undefined) unnamedHourZones.set(offsetSeconds, (zone = new GoLocation('', offsetSeconds, '')));
  return zone;
}

const nanosecondsPerSecond = 1_000_000_000n;
/** 0001-01-01 00:00:00 UTC, Go's zero time, in seconds since 1970. */
const zeroTimeSeconds = -62_135_596_800n;
const int64 = (value: bigint): bigint => BigInt.asIntN(64, value);

/** The RFC 3339 layout with nanoseconds, which encoding/json writes a time in. */
const rfc3339Nano = '2006-01-02T15:04:05.999999999Z07:00';
/** The layout of Time.String. */
const stringLayout = '2006-01-02 15:04:05.999999999 -0700 MST';

export class GoTime extends GoObject {
  readonly goType = 'time.Time';
  readonly unixNanos: bigint;
  readonly location: GoLocation;
  /** Go's monotonic clock reading (nanoseconds since the process started), only on `now`'s times
   * and the times Add makes of them. */
  readonly monotonic: bigint | undefined;

  constructor(unixNanos: bigint, location: GoLocation, monotonic?: bigint) {
    super();
    this.unixNanos = unixNanos;
    this.location = location;
    this.monotonic = monotonic;
  }

  /** time.Time{}: year 1, UTC, which toDate returns for text it cannot parse. */
  static zero(): GoTime {
    return new GoTime(zeroTimeSeconds * nanosecondsPerSecond, utcLocation);
  }

  /** time.Unix(seconds, 0), in Local. */
  static fromUnixSeconds(seconds: bigint): GoTime {
    return new GoTime(seconds * nanosecondsPerSecond, localLocation);
  }

  /** time.ParseInLocation(layout, text, time.Local)'s choice of location for what the text said. */
  static fromParsed(parsed: ParsedTime): GoTime {
    const nanos = parsed.epochSeconds * nanosecondsPerSecond + BigInt(parsed.nanoseconds);
    const { zone } = parsed;
    switch (zone.kind) {
      case 'none':
        return new GoTime(nanos, localLocation);
      case 'utc':
        return new GoTime(nanos, utcLocation);
      case 'offset':
        // Go uses Local when the offset (and name, if any) is Local's own, which here is UTC's.
        if (zone.offsetSeconds === 0 && (zone.name === '' || zone.name === 'UTC'))
          return new GoTime(nanos, localLocation);
        return new GoTime(nanos, fixedZone(zone.name, zone.offsetSeconds));
      case 'abbreviation':
        return new GoTime(nanos, fixedZone(zone.name, zone.offsetSeconds));
    }
  }

  get unixSeconds(): bigint {
    return floorDivide(this.unixNanos, nanosecondsPerSecond);
  }

  /** The time as a layout formats it, in its own location. */
  zoned(): ZonedTime {
    const seconds = this.unixSeconds;
    return {
      epochSeconds: seconds,
      nanoseconds: Number(this.unixNanos - seconds * nanosecondsPerSecond),
      offsetSeconds: this.location.offsetSeconds,
      zoneName: this.location.abbreviation,
    };
  }

  format(layout: string): string {
    return formatTime(this.zoned(), layout);
  }

  /** The same instant in another location; like Go's setLoc, it drops the monotonic reading. */
  withLocation(location: GoLocation): GoTime {
    return new GoTime(this.unixNanos, location);
  }

  /** Time.Add: the monotonic reading moves too (and is dropped if it would overflow an int64). */
  add(nanoseconds: bigint): GoTime {
    const monotonic = this.monotonic === undefined ? undefined : this.monotonic + nanoseconds;
    const keep = monotonic !== undefined && int64(monotonic) === monotonic;
    return new GoTime(this.unixNanos + nanoseconds, this.location, keep ? monotonic : undefined);
  }

  /** Time.Sub, saturating at the Duration range; by the monotonic readings when both have one. */
  sub(other: GoTime): bigint {
    if (this.monotonic !== undefined && other.monotonic !== undefined)
      return saturatedDuration(this.monotonic - other.monotonic);
    return saturatedDuration(this.unixNanos - other.unixNanos);
  }

  /** Time.Compare: -1, 0 or +1, by the monotonic readings when both have one. */
  compare(other: GoTime): number {
    const difference =
      this.monotonic !== undefined && other.monotonic !== undefined
        ? this.monotonic - other.monotonic
        : this.unixNanos - other.unixNanos;
    return difference < 0n ? -1 : difference > 0n ? 1 : 0;
  }

  /** Time.AddDate: the civil date moved (and normalised, so Oct 31 + 1 month is Dec 1), the clock kept. */
  addDate(years: bigint, months: bigint, days: bigint): GoTime {
    const civil = civilOf(this.zoned());
    const monthIndex = BigInt(civil.month - 1) + months;
    const year = BigInt(civil.year) + years + floorDivide(monthIndex, 12n);
    const month = Number(monthIndex - floorDivide(monthIndex, 12n) * 12n) + 1;
    const dayCount = daysFromCivil(year, month, BigInt(civil.day) + days);
    const clock = BigInt(civil.hour * 3600 + civil.minute * 60 + civil.second);
    const seconds = dayCount * 86_400n + clock - BigInt(this.location.offsetSeconds);
    const nanos = BigInt(this.zoned().nanoseconds);
    return new GoTime(seconds * nanosecondsPerSecond + nanos, this.location);
  }

  /** Time.Truncate and Time.Round: to a multiple of `step` since Go's zero time; none for step <= 0. */
  toMultiple(step: bigint, round: boolean): GoTime {
    if (step <= 0n) return this.withLocation(this.location);
    const sinceZero = this.unixNanos - zeroTimeSeconds * nanosecondsPerSecond;
    const remainder = sinceZero - floorDivide(sinceZero, step) * step;
    const up = round && remainder + remainder >= step;
    return new GoTime(this.unixNanos - remainder + (up ? step : 0n), this.location);
  }

  override stringer(): string {
    const text = this.format(stringLayout);
    if (this.monotonic === undefined) return text;
    const sign = this.monotonic < 0n ? '-' : '+';
    const magnitude = this.monotonic < 0n ? -this.monotonic : this.monotonic;
    const fraction = (magnitude % nanosecondsPerSecond).toString().padStart(9, '0');
    return `${text} m=${sign}${magnitude / nanosecondsPerSecond}.${fraction}`;
  }

  /** Time.MarshalJSON. */
  override jsonValue(): GoValue {
    const year = civilOf(this.zoned()).year;
    if (year < 0 || year > 9999)
      throw new FunctionError(
        'json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: year outside of range [0,9999]',
      );
    return this.format(rfc3339Nano);
  }

  /** Go's `==`: the same instant, location and monotonic reading. */
  override equals(other: GoObject): boolean {
    return (
      other instanceof GoTime &&
      other.unixNanos === this.unixNanos &&
      other.location === this.location &&
      other.monotonic === this.monotonic
    );
  }

  override methods(): ReadonlyMap<string, GoMethod> {
    return timeMethods(this);
  }
}

/** A Duration argument: an integer constant (Go converts it) or a Duration value. Go refuses a
 * non-constant int here, which a template value cannot tell from a constant; Ferry accepts it. For
 * a constant of another kind Go says `expected integer; found "x"`; Ferry names the type. */
function durationArgument(value: GoValue): bigint {
  if (typeof value === 'bigint') return value;
  if (value instanceof GoDuration) return value.value;
  throw new ArgumentError(`wrong type for value; expected time.Duration; got ${goTypeName(value)}`);
}

function timeArgument(value: GoObject): GoTime {
  if (value instanceof GoTime) return value;
  throw new ArgumentError(`wrong type for value; expected time.Time; got ${value.goType}`);
}

function timeMethods(time: GoTime): ReadonlyMap<string, GoMethod> {
  const civil = (): ReturnType<typeof civilOf> => civilOf(time.zoned());
  const seconds = time.unixSeconds;
  const nanosecond = time.unixNanos - seconds * nanosecondsPerSecond;
  const entries: [string, GoMethod][] = [
    ['String', method('String', [], () => time.stringer())],
    ['Format', method('Format', ['string'], (layout) => time.format(layout))],
    ['Unix', method('Unix', [], () => seconds)],
    ['UnixMilli', method('UnixMilli', [], () => int64(seconds * 1_000n + nanosecond / 1_000_000n))],
    ['UnixMicro', method('UnixMicro', [], () => int64(seconds * 1_000_000n + nanosecond / 1_000n))],
    ['UnixNano', method('UnixNano', [], () => int64(time.unixNanos))],
    ['Year', method('Year', [], () => BigInt(civil().year))],
    ['Month', method('Month', [], () => new GoMonth(BigInt(civil().month)))],
    ['Day', method('Day', [], () => BigInt(civil().day))],
    ['Hour', method('Hour', [], () => BigInt(civil().hour))],
    ['Minute', method('Minute', [], () => BigInt(civil().minute))],
    ['Second', method('Second', [], () => BigInt(civil().second))],
    ['Nanosecond', method('Nanosecond', [], () => nanosecond)],
    ['YearDay', method('YearDay', [], () => BigInt(civil().yearDay))],
    ['Weekday', method('Weekday', [], () => new GoWeekday(BigInt(civil().weekday)))],
    ['IsZero', method('IsZero', [], () => time.unixNanos === zeroTimeSeconds * nanosecondsPerSecond)],
    ['UTC', method('UTC', [], () => time.withLocation(utcLocation))],
    ['Local', method('Local', [], () => time.withLocation(localLocation))],
    ['Add', method('Add', ['interface {}'], (d) => time.add(durationArgument(d)))],
    ['AddDate', method('AddDate', ['int', 'int', 'int'], (y, m, d) => time.addDate(y, m, d))],
    ['Sub', method('Sub', ['time.Time'], (other) => new GoDuration(time.sub(timeArgument(other))))],
    ['Before', method('Before', ['time.Time'], (other) => time.compare(timeArgument(other)) < 0)],
    ['After', method('After', ['time.Time'], (other) => time.compare(timeArgument(other)) > 0)],
    ['Equal', method('Equal', ['time.Time'], (other) => time.compare(timeArgument(other)) === 0)],
    ['Compare', method('Compare', ['time.Time'], (other) => BigInt(time.compare(timeArgument(other))))],
    ['Truncate', method('Truncate', ['interface {}'], (d) => time.toMultiple(durationArgument(d), false))],
    ['Round', method('Round', ['interface {}'], (d) => time.toMultiple(durationArgument(d), true))],
  ];
  return new Map(entries);
}
