import { CronExpressionParser } from 'cron-parser';
import { parseDuration, type SyncWindowEntry } from '../../api/v1alpha1/index.ts';

export interface SyncWindowState {
  /** Whether any window is open at `now` (a window is open from its opening to opening + duration, both included). */
  open: boolean;
  /** The first moment after `now` at which `open` flips (Infinity: never), or a moment to look again. */
  nextChangeAt: number;
}

/** Opening times of one window: the latest at or before a moment, and the first after one. */
interface Openings {
  atOrBefore(at: number): number | undefined;
  after(at: number): number | undefined;
}

interface Window {
  openings: Openings;
  durationMs: number;
}

const descriptors: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/**
 * How many overlapping windows to walk when looking for the end of an open run. Windows that never
 * close (an @every interval no longer than its duration) stop there: the caller looks again then.
 */
const maxChainedWindows = 200;

/**
 * Whether the sync windows are open at `now`, and when that next changes. Schedules are evaluated in
 * UTC. A schedule that does not parse (admission should have refused it) never opens, as in ESO.
 */
export function syncWindowState(entries: readonly SyncWindowEntry[], now: number): SyncWindowState {
  const windows = entries.flatMap((entry) => {
    const openings = openingsOf(entry.schedule);
    return openings === undefined ? [] : [{ openings, durationMs: parseDuration(entry.duration) }];
  });
  const closesAt = openUntil(windows, now);
  if (closesAt !== undefined) return { open: true, nextChangeAt: closesAt + 1 };
  const nextOpenings = windows.map((window) => window.openings.after(now) ?? Infinity);
  return { open: false, nextChangeAt: Math.min(Infinity, ...nextOpenings) };
}

/** The last moment of the run of open windows that covers `at`, or undefined when none covers it. */
function openUntil(windows: readonly Window[], at: number): number | undefined {
  let end: number | undefined;
  let probe = at;
  for (let step = 0; step < maxChainedWindows; step++) {
    const ends = windows.flatMap((window) => {
      const opened = window.openings.atOrBefore(probe);
      return opened !== undefined && probe <= opened + window.durationMs ? [opened + window.durationMs] : [];
    });
    if (ends.length === 0) return end;
    end = Math.max(...ends);
    probe = end + 1;
  }
  return end;
}

function openingsOf(schedule: string): Openings | undefined {
  if (schedule.startsWith('@every ')) return everyOpenings(schedule.slice('@every '.length));
  const expression = descriptors[schedule] ?? schedule;
  if (expression.trim().split(/\s+/).length !== 5) return undefined;
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' });
  } catch {
    return undefined;
  }
  const parse = (currentDate: number) => CronExpressionParser.parse(expression, { currentDate, tz: 'UTC' });
  return {
    atOrBefore: (at) =>
      firing(() =>
        parse(at + 1)
          .prev()
          .getTime(),
      ),
    after: (at) => firing(() => parse(at).next().getTime()),
  };
}

/** cron-parser throws when a schedule has no firing within its search range (say, 30 February). */
function firing(find: () => number): number | undefined {
  try {
    return find();
  } catch {
    return undefined;
  }
}

/**
 * "@every 6h" opens at every multiple of 6h since the Unix epoch, so the windows do not depend on when
 * the controller looks (ESO measures from the moment it evaluates, which makes such a window always or
 * never open).
 */
function everyOpenings(interval: string): Openings | undefined {
  let everyMs: number;
  try {
    everyMs = parseDuration(interval);
  } catch {
    return undefined;
  }
  if (everyMs <= 0) return undefined;
  return {
    atOrBefore: (at) => Math.floor(at / everyMs) * everyMs,
    after: (at) => (Math.floor(at / everyMs) + 1) * everyMs,
  };
}
