// Sprig's date functions. Go passes time.Time values between them; the template value model has no
// time type, so a time travels as its Unix seconds (an int), which Sprig's date functions accept
// anyway (`date "2006-01-02" 1700000000`). The clock is the FunctionEnvironment's, and "Local" is
// UTC, as in ESO's container. `{{ now }}` therefore prints seconds where Go prints a time.Time.
import { castToInt64 } from './conversions.ts';
import { formatTime, parseTime, type ZonedTime } from './go-time-layout.ts';
import { fixed, type FunctionDefinition } from './signature.ts';
import { FunctionError, type FunctionEnvironment } from './types.ts';
import type { GoValue } from '../values.ts';

/** Go's zero time.Time, 0001-01-01 00:00:00 UTC, which toDate gives for text it cannot parse. */
const zeroTime = -62_135_596_800n;
const nanosecondsPerSecond = 1_000_000_000n;

export function dateFunctions(environment: FunctionEnvironment): Record<string, FunctionDefinition> {
  const nowSeconds = (): bigint => BigInt(Math.floor(environment.now().getTime() / 1000));
  /** Sprig takes a time or Unix seconds; anything else means now. */
  const instant = (value: GoValue): bigint => (typeof value === 'bigint' ? value : nowSeconds());
  const formatIn = (layout: string, value: GoValue, zone: string): string =>
    formatTime(inZone(instant(value), zone), layout);
  const modify = (duration: string, value: GoValue): bigint => {
    const nanoseconds = parseDuration(duration);
    if (nanoseconds === undefined) throw new FunctionError('time: invalid duration');
    return instant(value) + nanoseconds / nanosecondsPerSecond;
  };
  const dateInZone = fixed(['string', 'interface {}', 'string'], formatIn);
  const dateModify = fixed(['string', 'interface {}'], (duration, value) => {
    try {
      return modify(duration, value);
    } catch {
      return instant(value);
    }
  });
  const mustDateModify = fixed(['string', 'interface {}'], modify);
  return {
    now: fixed([], nowSeconds),
    date: fixed(['string', 'interface {}'], (layout, value) => formatIn(layout, value, 'Local')),
    dateInZone,
    date_in_zone: dateInZone,
    htmlDate: fixed(['interface {}'], (value) => formatIn('2006-01-02', value, 'Local')),
    htmlDateInZone: fixed(['interface {}', 'string'], (value, zone) => formatIn('2006-01-02', value, zone)),
    dateModify,
    date_modify: dateModify,
    mustDateModify,
    must_date_modify: mustDateModify,
    toDate: fixed(['string', 'string'], (layout, text) => parseTime(layout, text)?.epochSeconds ?? zeroTime),
    mustToDate: fixed(['string', 'string'], (layout, text) => {
      const parsed = parseTime(layout, text);
      // Go's message quotes the text, which may be secret.
      if (parsed === undefined)
        throw new FunctionError(`parsing time: the text does not match the layout "${layout}"`);
      return parsed.epochSeconds;
    }),
    unixEpoch: fixed(['interface {}'], (value) => instant(value).toString()),
    duration: fixed(['interface {}'], (seconds) =>
      formatDuration(castToInt64(seconds) * nanosecondsPerSecond),
    ),
    durationRound: fixed(['interface {}'], (value) => roundDuration(durationOf(value))),
    ago: fixed(['interface {}'], (value) =>
      formatDuration((nowSeconds() - instant(value)) * nanosecondsPerSecond),
    ),
  };
}

/** The instant as seen in a zone: UTC for "Local", "UTC", "" and unknown names (Go falls back to UTC). */
function inZone(epochSeconds: bigint, zone: string): ZonedTime {
  const utc: ZonedTime = { epochSeconds, nanoseconds: 0, offsetSeconds: 0, zoneName: 'UTC' };
  if (zone === '' || zone === 'UTC' || zone === 'Local') return utc;
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      timeZoneName: 'short',
    });
    const parts = format.formatToParts(new Date(Number(epochSeconds) * 1000));
    const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const wall = Date.UTC(
      part('year'),
      part('month') - 1,
      part('day'),
      part('hour'),
      part('minute'),
      part('second'),
    );
    const offsetSeconds = Math.round(wall / 1000 - Number(epochSeconds));
    const zoneName = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
    return {
      epochSeconds,
      nanoseconds: 0,
      offsetSeconds,
      zoneName: /^GMT[+-]/.test(zoneName) ? '' : zoneName,
    };
  } catch {
    return utc;
  }
}

const unitNanoseconds: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** time.ParseDuration, in nanoseconds; undefined if invalid. */
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
  return match?.[1] === '-' ? -total : total;
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
  const fraction = (value % unit)
    .toString()
    .padStart(unit.toString().length - 1, '0')
    .replace(/0+$/, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
}

/** Sprig's durationRound input: a duration string, nanoseconds, or a time's distance from now. */
function durationOf(value: GoValue): bigint {
  if (typeof value === 'string') return parseDuration(value) ?? 0n;
  return typeof value === 'bigint' ? value : 0n;
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
