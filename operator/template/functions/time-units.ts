// Go's small named types around time.Time, as template values: time.Month and time.Weekday (which
// print as "May" and "Monday") and time.Duration (which prints as "1h2m3s"), with Duration's
// parsing and printing. In Go all three are integer types: GoObjects with a String() method whose
// number (namedInteger) `printf "%d"`, `eq 11 now.Month`, `if` and Sprig's number casts read.
import { GoObject, type GoMethod, type GoValue } from '../values.ts';
import { monthNames, weekdayNames } from './go-time-layout.ts';
import { method } from './signature.ts';
import { withoutTrailing } from '../trailing-characters.ts';

/** A named integer type whose String() names its value; encoding/json writes the number. */
abstract class NamedInteger extends GoObject {
  readonly value: bigint;

  constructor(value: bigint) {
    super();
    this.value = value;
  }

  override namedInteger(): { value: bigint; kind: 'int' | 'int64' } {
    // Month and Weekday are ints in Go, Duration an int64.
    return { value: this.value, kind: this.goType === 'time.Duration' ? 'int64' : 'int' };
  }

  override methods(): ReadonlyMap<string, GoMethod> {
    return new Map([['String', method('String', [], () => this.stringer())]]);
  }

  abstract override stringer(): string;

  override jsonValue(): GoValue {
    return this.value;
  }

  override equals(other: GoObject): boolean {
    return other instanceof NamedInteger && other.goType === this.goType && other.value === this.value;
  }
}

/** time.Month: 1 is January. */
export class GoMonth extends NamedInteger {
  readonly goType = 'time.Month';

  override stringer(): string {
    return monthNames[Number(this.value) - 1] ?? `%!Month(${this.value})`;
  }
}

/** time.Weekday: 0 is Sunday. */
export class GoWeekday extends NamedInteger {
  readonly goType = 'time.Weekday';

  override stringer(): string {
    return weekdayNames[Number(this.value)] ?? `%!Weekday(${this.value})`;
  }
}

const nanosecondsPerSecond = 1_000_000_000n;

/** time.Duration: an int64 count of nanoseconds. */
export class GoDuration extends NamedInteger {
  readonly goType = 'time.Duration';

  override stringer(): string {
    return formatDuration(this.value);
  }

  override methods(): ReadonlyMap<string, GoMethod> {
    const ns = this.value;
    const inUnit = (unit: bigint): number => Number(ns / unit) + Number(ns % unit) / Number(unit);
    return new Map([
      ['String', method('String', [], () => this.stringer())],
      ['Hours', method('Hours', [], () => inUnit(3_600n * nanosecondsPerSecond))],
      ['Minutes', method('Minutes', [], () => inUnit(60n * nanosecondsPerSecond))],
      ['Seconds', method('Seconds', [], () => inUnit(nanosecondsPerSecond))],
      ['Milliseconds', method('Milliseconds', [], () => ns / 1_000_000n)],
      ['Microseconds', method('Microseconds', [], () => ns / 1_000n)],
      ['Nanoseconds', method('Nanoseconds', [], () => ns)],
    ]);
  }
}

const int64Max = 2n ** 63n - 1n;
const int64Min = -(2n ** 63n);

/** Go's saturating conversion of a difference of two times to a Duration (Time.Sub). */
export function saturatedDuration(nanoseconds: bigint): bigint {
  return nanoseconds > int64Max ? int64Max : nanoseconds < int64Min ? int64Min : nanoseconds;
}

const unitNanoseconds: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: nanosecondsPerSecond,
  m: 60n * nanosecondsPerSecond,
  h: 3_600n * nanosecondsPerSecond,
};

/** time.ParseDuration, in nanoseconds; undefined if invalid or beyond an int64. */
export function parseDuration(text: string): bigint | undefined {
  const match = /^([+-]?)(.*)$/s.exec(text);
  const body = match?.[2] ?? '';
  if (body === '0') return 0n;
  if (body === '') return undefined;
  const part = /(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0n;
  let index = 0;
  while (index < body.length) {
    part.lastIndex = index;
    const found = part.exec(body);
    if (found === null || (found[1] === '' && (found[2] ?? '') === '')) return undefined;
    const unit = unitNanoseconds[found[3] ?? ''] ?? 1n;
    const whole = BigInt(found[1] || '0') * unit;
    const fractionDigits = found[2] ?? '';
    const fraction =
      fractionDigits === '' ? 0n : (BigInt(fractionDigits) * unit) / 10n ** BigInt(fractionDigits.length);
    total += whole + fraction;
    index = part.lastIndex;
  }
  const negative = match?.[1] === '-';
  if (total > (negative ? -int64Min : int64Max)) return undefined;
  return negative ? -total : total;
}

/** time.Duration.String: "1h2m3.5s", "1.5ms", "0s". */
export function formatDuration(nanoseconds: bigint): string {
  if (nanoseconds === 0n) return '0s';
  const negative = nanoseconds < 0n;
  const magnitude = negative ? -nanoseconds : nanoseconds;
  let text: string;
  if (magnitude < nanosecondsPerSecond) {
    const [unit, size] =
      magnitude < 1_000n ? ['ns', 1n] : magnitude < 1_000_000n ? ['µs', 1_000n] : ['ms', 1_000_000n];
    text = decimal(magnitude, size) + unit;
  } else {
    const hours = magnitude / 3_600_000_000_000n;
    const minutes = (magnitude / 60_000_000_000n) % 60n;
    const seconds = decimal(magnitude % 60_000_000_000n, nanosecondsPerSecond) + 's';
    text = hours > 0n ? `${hours}h${minutes}m${seconds}` : minutes > 0n ? `${minutes}m${seconds}` : seconds;
  }
  return negative ? '-' + text : text;
}

function decimal(value: bigint, unit: bigint): string {
  const whole = value / unit;
  const fraction = withoutTrailing((value % unit).toString().padStart(unit.toString().length - 1, '0'), '0');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
}
