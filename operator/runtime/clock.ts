/** A pending timer; cancelling one that already fired does nothing. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Time as the runtime sees it. Everything that waits takes a Clock, so tests drive time with a
 * ManualClock and never sleep.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
}

// Node fires a timer longer than 2³¹−1 ms at once (with a warning); longer waits are chained.
const longestNodeTimerMs = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const dueAt = Date.now() + Math.max(0, ms);
    let timer: NodeJS.Timeout;
    const arm = (): void => {
      const remaining = dueAt - Date.now();
      if (remaining > longestNodeTimerMs) {
        timer = setTimeout(arm, longestNodeTimerMs);
      } else {
        timer = setTimeout(fn, Math.max(0, remaining));
      }
    };
    arm();
    return { cancel: () => clearTimeout(timer) };
  },
};

interface ManualTimer {
  dueAt: number;
  sequence: number;
  fn: () => void;
}

/** A clock for tests: time stands still until `advance` moves it and fires the timers that fall due. */
export class ManualClock implements Clock {
  private current: number;
  private timers: ManualTimer[] = [];
  private nextSequence = 0;

  constructor(startMs = 0) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer: ManualTimer = { dueAt: this.current + Math.max(0, ms), sequence: this.nextSequence++, fn };
    this.timers.push(timer);
    return {
      cancel: () => {
        this.timers = this.timers.filter((pending) => pending !== timer);
      },
    };
  }

  /**
   * Moves time forward by `ms`, firing due timers in due order (ties in the order they were set).
   * Time stands at each timer's due time while it runs, so timers it sets inside the window fire too.
   */
  advance(ms: number): void {
    const target = this.current + ms;
    for (let timer = this.nextDue(target); timer; timer = this.nextDue(target)) {
      this.timers = this.timers.filter((pending) => pending !== timer);
      this.current = Math.max(this.current, timer.dueAt);
      timer.fn();
    }
    this.current = target;
  }

  /** How many timers are waiting to fire. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  private nextDue(limit: number): ManualTimer | undefined {
    let earliest: ManualTimer | undefined;
    for (const timer of this.timers) {
      if (timer.dueAt > limit) continue;
      if (
        !earliest ||
        timer.dueAt < earliest.dueAt ||
        (timer.dueAt === earliest.dueAt && timer.sequence < earliest.sequence)
      )
        earliest = timer;
    }
    return earliest;
  }
}
