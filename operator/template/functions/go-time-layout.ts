// Go's time layouts ("2006-01-02T15:04:05Z07:00"): formatting and parsing a wall-clock time with a
// zone offset, as time.Time's Format and time.Parse do for the layout elements Go defines.
import { civilFromDays, daysFromCivil, floorDivide } from './civil-calendar.ts';
import { withoutTrailing } from '../trailing-characters.ts';

/** A civil time: the instant is `epochSeconds` (+ `nanoseconds`), shown at `offsetSeconds` east of UTC. */
export interface ZonedTime {
  epochSeconds: bigint;
  nanoseconds: number;
  offsetSeconds: number;
  zoneName: string;
}

type Element = { kind: 'literal'; text: string } | { kind: 'element'; code: string; digits?: number };

/** Go's month and weekday names, as layouts and time.Month / time.Weekday print them. */
export const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
export const weekdayNames = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
const isDigitChar = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';

/** Go's nextStdChunk, applied to the whole layout. */
export function parseLayout(layout: string): Element[] {
  const elements: Element[] = [];
  let literal = '';
  const push = (code: string, length: number, digits?: number): void => {
    if (literal !== '') elements.push({ kind: 'literal', text: literal });
    literal = '';
    elements.push(digits === undefined ? { kind: 'element', code } : { kind: 'element', code, digits });
    index += length;
  };
  let index = 0;
  while (index < layout.length) {
    const rest = layout.slice(index);
    const char = rest.charAt(0);
    if (rest.startsWith('January')) push('January', 7);
    else if (rest.startsWith('Jan')) push('Jan', 3);
    else if (rest.startsWith('Monday')) push('Monday', 6);
    else if (rest.startsWith('Mon')) push('Mon', 3);
    else if (rest.startsWith('MST')) push('MST', 3);
    else if (char === '0' && /^0[1-6]/.test(rest)) push(rest.slice(0, 2), 2);
    else if (rest.startsWith('002')) push('002', 3);
    else if (rest.startsWith('15')) push('15', 2);
    else if (char === '1') push('1', 1);
    else if (rest.startsWith('2006')) push('2006', 4);
    else if (char === '2') push('2', 1);
    else if (rest.startsWith('_2006')) {
      literal += '_';
      index += 1;
      push('2006', 4);
    } else if (rest.startsWith('__2')) push('__2', 3);
    else if (rest.startsWith('_2')) push('_2', 2);
    else if (char === '3' || char === '4' || char === '5') push(char, 1);
    else if (rest.startsWith('PM')) push('PM', 2);
    else if (rest.startsWith('pm')) push('pm', 2);
    else if (char === '-' || char === 'Z') {
      const zone = ['070000', '07:00:00', '0700', '07:00', '07'].find((form) => rest.startsWith(char + form));
      if (zone === undefined) {
        literal += char;
        index++;
      } else push(char + zone, zone.length + 1);
    } else if ((char === '.' || char === ',') && (rest.charAt(1) === '0' || rest.charAt(1) === '9')) {
      let end = 1;
      while (rest.charAt(end) === rest.charAt(1)) end++;
      if (isDigitChar(rest.charAt(end))) {
        literal += char;
        index++;
      } else push(`${char}${rest.charAt(1)}`, end, end - 1);
    } else {
      literal += char;
      index++;
    }
  }
  if (literal !== '') elements.push({ kind: 'literal', text: literal });
  return elements;
}

interface Civil {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
  yearDay: number; // 1-366
}

const secondsPerDay = 86_400n;

export function civilOf(time: ZonedTime): Civil {
  const local = time.epochSeconds + BigInt(time.offsetSeconds);
  const days = floorDivide(local, secondsPerDay);
  const secondOfDay = Number(local - days * secondsPerDay);
  const { year, month, day } = civilFromDays(days);
  return {
    year: Number(year),
    month,
    day,
    hour: Math.floor(secondOfDay / 3600),
    minute: Math.floor(secondOfDay / 60) % 60,
    second: secondOfDay % 60,
    weekday: Number(floorDivide(days + 4n, 7n) * -7n + days + 4n), // 1970-01-01 was a Thursday
    yearDay: Number(days - daysFromCivil(year, 1, 1n)) + 1,
  };
}

const pad = (value: number, width: number, fill = '0'): string => String(value).padStart(width, fill);
/** Go's appendInt: the sign, then the magnitude padded with zeros. */
const padSigned = (value: number, width: number): string =>
  (value < 0 ? '-' : '') + pad(Math.abs(value), width);

/** time.Time.Format */
export function formatTime(time: ZonedTime, layout: string): string {
  const civil = civilOf(time);
  let result = '';
  for (const element of parseLayout(layout)) {
    if (element.kind === 'literal') result += element.text;
    else result += formatElement(element.code, element.digits ?? 0, civil, time);
  }
  return result;
}

function formatElement(code: string, digits: number, civil: Civil, time: ZonedTime): string {
  const hour12 = civil.hour % 12 === 0 ? 12 : civil.hour % 12;
  switch (code) {
    case 'January':
      return monthNames[civil.month - 1] ?? '';
    case 'Jan':
      return (monthNames[civil.month - 1] ?? '').slice(0, 3);
    case 'Monday':
      return weekdayNames[civil.weekday] ?? '';
    case 'Mon':
      return (weekdayNames[civil.weekday] ?? '').slice(0, 3);
    case 'MST':
      return time.zoneName !== '' ? time.zoneName : formatOffset(time.offsetSeconds, '-0700');
    case '01':
      return pad(civil.month, 2);
    case '1':
      return String(civil.month);
    case '02':
      return pad(civil.day, 2);
    case '2':
      return String(civil.day);
    case '_2':
      return pad(civil.day, 2, ' ');
    case '002':
      return pad(civil.yearDay, 3);
    case '__2':
      return pad(civil.yearDay, 3, ' ');
    case '03':
      return pad(hour12, 2);
    case '3':
      return String(hour12);
    case '15':
      return pad(civil.hour, 2);
    case '04':
      return pad(civil.minute, 2);
    case '4':
      return String(civil.minute);
    case '05':
      return pad(civil.second, 2);
    case '5':
      return String(civil.second);
    case '06':
      return padSigned(civil.year % 100, 2);
    case '2006':
      return padSigned(civil.year, 4);
    case 'PM':
      return civil.hour >= 12 ? 'PM' : 'AM';
    case 'pm':
      return civil.hour >= 12 ? 'pm' : 'am';
  }
  if (code.startsWith('-') || code.startsWith('Z')) {
    if (code.startsWith('Z') && time.offsetSeconds === 0) return 'Z';
    return formatOffset(time.offsetSeconds, code);
  }
  // Fractional seconds: .000 keeps its digits, .999 drops trailing zeros (and the point if nothing is left).
  const fraction = pad(time.nanoseconds, 9).slice(0, digits);
  if (code.endsWith('0')) return code.charAt(0) + fraction;
  const trimmed = withoutTrailing(fraction, '0');
  return trimmed === '' ? '' : code.charAt(0) + trimmed;
}

function formatOffset(offsetSeconds: number, form: string): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetSeconds);
  const hours = pad(Math.floor(magnitude / 3600), 2);
  const minutes = pad(Math.floor(magnitude / 60) % 60, 2);
  const seconds = pad(magnitude % 60, 2);
  const colon = form.includes(':') ? ':' : '';
  const body = form.slice(1);
  if (body === '07') return sign + hours;
  if (body === '0700' || body === '07:00') return sign + hours + colon + minutes;
  return sign + hours + colon + minutes + colon + seconds;
}

/** The zone a parsed text named: none, UTC ("Z" or "UTC"), a numeric offset, or an abbreviation
 * such as "EST" (whose offset Go cannot know: 0, except GMT+3 style names). */
export type ParsedZone =
  | { kind: 'none' }
  | { kind: 'utc' }
  | { kind: 'offset'; offsetSeconds: number; name: string }
  | { kind: 'abbreviation'; offsetSeconds: number; name: string };

/** A parsed time: the instant (already moved by the offset the text gave) and the zone it named. */
export interface ParsedTime {
  epochSeconds: bigint;
  nanoseconds: number;
  zone: ParsedZone;
}

/** time.Parse's reading of the text; which location the result gets is the caller's (see
 * time-value.ts). Undefined when the text does not match the layout. */
export function parseTime(layout: string, text: string): ParsedTime | undefined {
  const fields = {
    year: 1,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    nanos: 0,
    pm: undefined as boolean | undefined,
  };
  let offset: number | undefined;
  let utc = false;
  let zoneName = '';
  let rest = text;
  const take = (pattern: RegExp): string | undefined => {
    const match = pattern.exec(rest);
    if (match === null) return undefined;
    rest = rest.slice(match[0].length);
    return match[0];
  };
  for (const element of parseLayout(layout)) {
    if (element.kind === 'literal') {
      if (!rest.startsWith(element.text)) return undefined;
      rest = rest.slice(element.text.length);
      continue;
    }
    const code = element.code;
    let value: string | undefined;
    switch (code) {
      case 'January':
      case 'Jan': {
        const names = code === 'Jan' ? monthNames.map((name) => name.slice(0, 3)) : monthNames;
        const found = names.findIndex((name) => rest.toLowerCase().startsWith(name.toLowerCase()));
        if (found < 0) return undefined;
        rest = rest.slice((names[found] ?? '').length);
        fields.month = found + 1;
        continue;
      }
      case 'Monday':
      case 'Mon': {
        const names = code === 'Mon' ? weekdayNames.map((name) => name.slice(0, 3)) : weekdayNames;
        const found = names.find((name) => rest.toLowerCase().startsWith(name.toLowerCase()));
        if (found === undefined) return undefined;
        rest = rest.slice(found.length);
        continue;
      }
      case 'MST':
        value = take(/^(UTC|GMT([+-]\d\d?)?|[A-Z]{3,5}|[+-]\d\d)/);
        if (value === undefined) return undefined;
        if (value === 'UTC') utc = true;
        else zoneName = value;
        continue;
      case '2006':
        value = take(/^\d{4}/);
        if (value !== undefined) fields.year = Number(value);
        break;
      case '06':
        value = take(/^\d\d/);
        if (value !== undefined) fields.year = Number(value) + (Number(value) >= 69 ? 1900 : 2000);
        break;
      case '01':
      case '1':
        value = take(code === '01' ? /^\d\d/ : /^\d\d?/);
        if (value !== undefined) fields.month = Number(value);
        break;
      case '02':
      case '2':
      case '_2':
        value = take(code === '02' ? /^\d\d/ : code === '2' ? /^\d\d?/ : /^[ \d]\d?/);
        if (value !== undefined) fields.day = Number(value.trim());
        break;
      case '15':
        value = take(/^\d\d?/);
        if (value !== undefined) fields.hour = Number(value);
        break;
      case '03':
      case '3':
        value = take(code === '03' ? /^\d\d/ : /^\d\d?/);
        if (value !== undefined) fields.hour = Number(value);
        break;
      case '04':
      case '4':
        value = take(code === '04' ? /^\d\d/ : /^\d\d?/);
        if (value !== undefined) fields.minute = Number(value);
        break;
      case '05':
      case '5':
        value = take(code === '05' ? /^\d\d/ : /^\d\d?/);
        if (value !== undefined) fields.second = Number(value);
        // Go accepts a fraction after the seconds even when the layout has none.
        if (/^[.,]\d/.test(rest) && !/^[.,][09]/.test(layout.slice(layout.indexOf(code) + code.length))) {
          const fraction = take(/^[.,]\d+/) ?? '.0';
          fields.nanos = Number(fraction.slice(1, 10).padEnd(9, '0'));
        }
        break;
      case 'PM':
      case 'pm':
        value = take(/^(AM|PM|am|pm)/);
        if (value !== undefined) fields.pm = value.toUpperCase() === 'PM';
        break;
      default:
        if (code.startsWith('-') || code.startsWith('Z')) {
          if (code.startsWith('Z') && rest.startsWith('Z')) {
            rest = rest.slice(1);
            utc = true;
            continue;
          }
          value = take(/^[+-]\d\d(:?\d\d(:?\d\d)?)?/);
          if (value === undefined) return undefined;
          const digits = value.replaceAll(':', '');
          const seconds =
            Number(digits.slice(1, 3)) * 3600 +
            Number(digits.slice(3, 5) || '0') * 60 +
            Number(digits.slice(5, 7) || '0');
          offset = value.startsWith('-') ? -seconds : seconds;
          continue;
        }
        value = take(/^[.,]\d+/);
        if (value !== undefined) fields.nanos = Number(value.slice(1, 10).padEnd(9, '0'));
        else if (code.endsWith('9')) continue;
    }
    if (value === undefined) return undefined;
  }
  if (rest !== '') return undefined;
  if (fields.pm !== undefined) {
    if (fields.hour > 12) return undefined;
    if (fields.pm && fields.hour < 12) fields.hour += 12;
    if (!fields.pm && fields.hour === 12) fields.hour = 0;
  }
  const { year, month, day, hour, minute, second } = fields;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const days = daysFromCivil(BigInt(year), month, BigInt(day));
  if (civilFromDays(days).day !== day) return undefined; // past the month's end
  const wallSeconds = days * secondsPerDay + BigInt(hour * 3600 + minute * 60 + second);
  const zone = parsedZone(utc, offset, zoneName);
  // A numeric offset says where the wall clock was; Go takes a "GMT+3" name's offset as the zone
  // to show the UTC wall time in (03:00 +0300 for "00:00 GMT+3").
  const offsetSeconds = zone.kind === 'offset' ? zone.offsetSeconds : 0;
  return { epochSeconds: wallSeconds - BigInt(offsetSeconds), nanoseconds: fields.nanos, zone };
}

function parsedZone(utc: boolean, offset: number | undefined, name: string): ParsedZone {
  if (utc) return { kind: 'utc' };
  if (offset !== undefined) return { kind: 'offset', offsetSeconds: offset, name };
  if (name === '') return { kind: 'none' };
  // Go cannot know an abbreviation's offset; only "GMT+3" (hours, within ±23) says it.
  const gmt = /^GMT([+-]\d+)$/.exec(name);
  const hours = gmt === null ? 0 : Number(gmt[1]);
  return { kind: 'abbreviation', offsetSeconds: Math.abs(hours) <= 23 ? hours * 3600 : 0, name };
}
