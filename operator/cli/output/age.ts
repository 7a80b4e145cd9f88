/**
 * A duration the way kubectl prints ages (k8s.io/apimachinery duration.HumanDuration): two units
 * while the larger is small (`5m30s`, `3h10m`, `2d4h`), one unit after that (`42m`, `20h`, `30d`).
 */
export function humanDuration(ms: number): string {
  // Go's int(d.Seconds()) truncates toward zero: -1.5s is -1, "0s", within the clock skew tolerated.
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return twoUnits(minutes, 'm', seconds % 60, 's');
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return twoUnits(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return twoUnits(Math.floor(hours / 24), 'd', hours % 24, 'h');
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const years = Math.floor(hours / 24 / 365);
    return twoUnits(years, 'y', Math.floor(hours / 24) % 365, 'd');
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

function twoUnits(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major}${majorUnit}` : `${major}${majorUnit}${minor}${minorUnit}`;
}

/** How long ago an RFC 3339 time was, kubectl-style; `fallback` when it is missing or unreadable. */
export function ageOf(time: string | undefined, now: number, fallback = '<unknown>'): string {
  if (time === undefined) return fallback;
  const at = Date.parse(time);
  return Number.isNaN(at) ? fallback : humanDuration(now - at);
}
