// Named time zones (time.LoadLocation), for dateInZone and htmlDateInZone: the offset and the
// abbreviation a zone had at an instant, from the ICU data Node ships (Intl), since Ferry reads no
// files. ICU names fewer abbreviations than Go's tzdata; where it has none, the offset is written as
// tzdata writes zones without one ("-03", "+0530").
import type { ZonedTime } from './go-time-layout.ts';

/** Locales whose ICU names cover the common abbreviations: EST/PST (US), CET/BST (GB), IST (IN), AEDT (AU). */
const abbreviationLocales = ['en-US', 'en-GB', 'en-IN', 'en-AU'];

/** Zones without daylight saving whose tzdata abbreviation ICU's English names lack. */
const constantAbbreviations: Readonly<Record<string, string>> = {
  'Asia/Tokyo': 'JST',
  'Asia/Seoul': 'KST',
  'Asia/Shanghai': 'CST',
  'Asia/Taipei': 'CST',
  'Asia/Hong_Kong': 'HKT',
  'Asia/Karachi': 'PKT',
  'Asia/Jakarta': 'WIB',
  'Europe/Moscow': 'MSK',
  'Africa/Johannesburg': 'SAST',
  'Africa/Lagos': 'WAT',
  'Africa/Nairobi': 'EAT',
  // ICU resolves these to UTC, whose abbreviation they do not share.
  GMT: 'GMT',
  'Etc/GMT': 'GMT',
  Greenwich: 'GMT',
};

/** ICU names that tzdata no longer uses ("GST" for the Gulf is "+04" there). */
const notTzdataAbbreviations = new Set(['GST']);

/** Whether time.LoadLocation would find the zone: Go reads a tzdata file by that exact name, so
 * Intl's case-insensitive matching and its "+05:00" offsets are not zones here. */
export function isKnownZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone) || zone.includes('..')) return false;
  const resolved = canonicalName(zone);
  if (resolved === undefined) return false;
  // An alias (US/Eastern) resolves to another name; a canonical name must match in case.
  return resolved === zone || resolved.toLowerCase() !== zone.toLowerCase();
}

/** ICU's canonical name of a zone (Asia/Calcutta is Asia/Kolkata), undefined if it knows none. */
function canonicalName(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The instant as seen in a named zone that isKnownZone accepted. */
export function inNamedZone(epochSeconds: bigint, nanoseconds: number, zone: string): ZonedTime {
  const milliseconds = Number(epochSeconds) * 1000;
  const offsetSeconds = zoneOffset(milliseconds, zone);
  return {
    epochSeconds,
    nanoseconds,
    offsetSeconds,
    zoneName: abbreviation(milliseconds, zone, offsetSeconds),
  };
}

function zoneOffset(milliseconds: number, zone: string): number {
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    const parts = format.formatToParts(new Date(milliseconds));
    const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const year = parts.find((p) => p.type === 'era')?.value === 'BC' ? 1 - part('year') : part('year');
    const wall = new Date(0);
    wall.setUTCFullYear(year, part('month') - 1, part('day'));
    wall.setUTCHours(part('hour'), part('minute'), part('second'), 0);
    const offset = Math.round((wall.getTime() - Math.floor(milliseconds / 1000) * 1000) / 1000);
    return Number.isFinite(offset) ? offset : 0;
  } catch {
    return 0; // beyond the range Intl can show
  }
}

function abbreviation(milliseconds: number, zone: string, offsetSeconds: number): string {
  // Before standard time, tzdata keeps each place's local mean time: an offset to the second.
  if (offsetSeconds % 60 !== 0) return 'LMT';
  const constant = constantAbbreviations[zone] ?? constantAbbreviations[canonicalName(zone) ?? zone];
  if (constant !== undefined) return constant;
  for (const locale of abbreviationLocales) {
    try {
      const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' }).formatToParts(
        new Date(milliseconds),
      );
      const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
      if (/^[A-Z]{2,5}$/.test(name) && !notTzdataAbbreviations.has(name)) return name;
    } catch {
      break;
    }
  }
  const sign = offsetSeconds < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetSeconds);
  const hours = String(Math.floor(magnitude / 3600)).padStart(2, '0');
  const minutes = Math.floor(magnitude / 60) % 60;
  return sign + hours + (minutes === 0 ? '' : String(minutes).padStart(2, '0'));
}
