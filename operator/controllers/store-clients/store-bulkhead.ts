import { systemClock, type Clock, type TimerHandle } from '../../runtime/index.ts';

/**
 * The store has as many calls in flight as its bulkhead allows. The reconcile is not failed and
 * nothing is recorded: it is queued again as soon as a slot is handed to it (`slotFree`), or after
 * `retryAfterMs` should that never happen. Waiting this way holds no shared worker.
 */
export class StoreBusyError extends Error {
  override name = 'StoreBusyError';
  readonly retryAfterMs: number;
  /** Resolves when a slot is kept for this caller: queue it again then. */
  readonly slotFree: Promise<void>;

  constructor(limit: number, retryAfterMs: number, slotFree: Promise<void>) {
    super(`the store has ${String(limit)} calls in flight, its limit: waiting for a free slot`);
    this.retryAfterMs = retryAfterMs;
    this.slotFree = slotFree;
  }
}

/** A slot of a bulkhead, held while one sync reads from the store; `release` is idempotent. */
export interface BulkheadSlot {
  release(): void;
}

interface Waiter {
  promise: Promise<undefined>;
  resolve: (value: undefined) => void;
}

export interface BulkheadOptions {
  /** Calls in flight at most. */
  limit: number;
  /** How long a slot handed to a waiter is kept for it before it goes to the next one. Default 5 s. */
  holdForWaiterMs?: number;
  /** Fallback requeue of a waiter, should no slot be handed to it: `[0.5, 1.5)` times this. Default 10 s. */
  retryAfterMs?: number;
  clock?: Clock;
  random?: () => number;
  /** Called when the bulkhead has nothing in flight, kept or waiting: it may be dropped. */
  onIdle?: () => void;
}

/**
 * A bounded number of slots for one store (and namespace). A caller that finds none free is not
 * held: it gets StoreBusyError and is remembered, by key, in arrival order. A freed slot is kept for
 * the longest-waiting key for a while (`holdForWaiterMs`), so the key woken is the one that gets it
 * — not whichever reconcile reaches the store first — and waiters are served in turn.
 */
export class StoreBulkhead {
  readonly limit: number;
  private inFlight = 0;
  /** Slots kept for a woken key, until it comes or its hold runs out. */
  private readonly kept = new Map<string, TimerHandle>();
  private readonly waiters = new Map<string, Waiter>();
  private readonly holdForWaiterMs: number;
  private readonly retryAfterMs: number;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly onIdle: (() => void) | undefined;

  constructor(options: BulkheadOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1)
      throw new RangeError(`bulkhead limit ${String(options.limit)}: expected a whole number of at least 1`);
    this.limit = options.limit;
    this.holdForWaiterMs = options.holdForWaiterMs ?? 5_000;
    this.retryAfterMs = options.retryAfterMs ?? 10_000;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.onIdle = options.onIdle;
  }

  /** Calls in flight now. */
  get callsInFlight(): number {
    return this.inFlight;
  }

  /** Keys waiting for a slot. */
  get waiting(): number {
    return this.waiters.size;
  }

  /** A slot for `key`, or StoreBusyError (thrown) when none is free for it. */
  enter(key: string): BulkheadSlot {
    const kept = this.kept.get(key);
    if (kept) {
      kept.cancel();
      this.kept.delete(key);
      return this.take();
    }
    if (this.inFlight + this.kept.size < this.limit && this.waiters.size === 0) return this.take();
    throw new StoreBusyError(this.limit, this.retryAfterMs * (0.5 + this.random()), this.waitFor(key));
  }

  /** Wakes every waiter without keeping slots for them: their next try fails fast (an open circuit). */
  wakeAll(): void {
    const waiters = [...this.waiters.values()];
    this.waiters.clear();
    for (const waiter of waiters) waiter.resolve(undefined);
    this.checkIdle();
  }

  private take(): BulkheadSlot {
    this.inFlight += 1;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
        this.handOn();
      },
    };
  }

  private waitFor(key: string): Promise<void> {
    const existing = this.waiters.get(key);
    if (existing) return existing.promise;
    const { promise, resolve } = Promise.withResolvers<undefined>();
    this.waiters.set(key, { promise, resolve });
    // A slot may be free while others wait for theirs (a kept slot ran out): hand it on now.
    this.handOn();
    return promise;
  }

  /** Keeps each free slot for the longest-waiting key, and wakes it. */
  private handOn(): void {
    while (this.inFlight + this.kept.size < this.limit) {
      const next = this.waiters.entries().next();
      if (next.done) break;
      const [key, waiter] = next.value;
      this.waiters.delete(key);
      this.kept.set(
        key,
        this.clock.setTimeout(() => {
          // It did not come (deleted, or it needed no sync after all): the next one in line gets it.
          this.kept.delete(key);
          this.handOn();
        }, this.holdForWaiterMs),
      );
      waiter.resolve(undefined);
    }
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.inFlight === 0 && this.kept.size === 0 && this.waiters.size === 0) this.onIdle?.();
  }
}
