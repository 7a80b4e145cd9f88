import { goDurationPattern } from './common.ts';

const unitMs: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds of a Go duration string (`1h30m`, `500ms`, `0`). Throws on anything else. */
export function parseDuration(text: string): number {
  return Math.round(exactDurationMs(text));
}

/** Milliseconds of a Go duration string, unrounded: for floors, where "999.9999ms" is below 1s. */
export function exactDurationMs(text: string): number {
  if (!new RegExp(goDurationPattern).test(text)) {
    throw new Error(`"${text}": expected a duration such as "30s", "5m" or "1h"`);
  }
  if (text === '0') return 0;
  let total = 0;
  // Sticky: each match starts where the last ended (the text is checked above), never a rescan.
  for (const [, amount, unit] of text.matchAll(/([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/gy)) {
    total += Number(amount) * (unitMs[unit ?? ''] ?? 0);
  }
  return total;
}
