import { setTimeout as sleep } from 'node:timers/promises';

/** spec.rateLimit of a store. */
export interface RateLimit {
  requestsPerSecond: number;
  burst?: number | undefined;
}

/**
 * A call may not go to the store yet — its rate limit is spent, or the store asked us to slow down —
 * and waiting in the reconcile would hold a worker for longer than `maxWaitMs`. The reconcile is
 * queued again after `retryAfterMs` and nothing is recorded: it is no failure of the ExternalSecret.
 */
export class StoreRateLimitedError extends Error {
  override name = 'StoreRateLimitedError';
  readonly retryAfterMs: number;

  constructor(retryAfterMs: number) {
    super(`the store's calls are paced: trying again in ${String(Math.ceil(retryAfterMs))} ms`);
    this.retryAfterMs = retryAfterMs;
  }
}

export interface RateLimiterOptions {
  /** Longest a call waits for its turn before the reconcile is queued again instead. Default 1 s. */
  maxWaitMs?: number;
  /** First pause after the store throttles us; doubles with each throttled call in a row. Default 1 s. */
  backoffBaseMs?: number;
  /** Longest pause. Default 1 min. */
  backoffMaxMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<unknown>;
}

/**
 * Paces the calls of one store: a token bucket (spec.rateLimit; none: unlimited) and a pause that
 * grows while the store keeps answering "throttled" and ends with the first success. Shared by every
 * ExternalSecret of the store, so a thousand of them cannot hammer a throttling store.
 */
export class StoreRateLimiter {
  private readonly ratePerMs: number;
  private readonly burst: number;
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = 0;
  private strikes = 0;
  private readonly maxWaitMs: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<unknown>;

  constructor(limit: RateLimit | undefined, options: RateLimiterOptions = {}) {
    this.ratePerMs = limit ? limit.requestsPerSecond / 1000 : Number.POSITIVE_INFINITY;
    this.burst = limit ? (limit.burst ?? Math.ceil(limit.requestsPerSecond)) : Number.POSITIVE_INFINITY;
    this.tokens = this.burst;
    this.now = options.now ?? Date.now;
    this.refilledAt = this.now();
    this.maxWaitMs = options.maxWaitMs ?? 1_000;
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 60_000;
    this.sleep = options.sleep ?? ((ms, signal) => sleep(ms, undefined, { signal }));
  }

  /** Resolves when a call may go (its token taken); throws StoreRateLimitedError if that is too far off. */
  async acquire(signal: AbortSignal): Promise<void> {
    const pause = this.pausedUntil - this.now();
    if (pause > this.maxWaitMs) throw new StoreRateLimitedError(pause);
    if (pause > 0) await this.sleep(pause, signal);
    if (this.ratePerMs === Number.POSITIVE_INFINITY) return;
    this.refill();
    // Take the token now, even if it is owed: callers queue in the order they asked.
    const wait = this.tokens >= 1 ? 0 : (1 - this.tokens) / this.ratePerMs;
    if (wait > this.maxWaitMs) throw new StoreRateLimitedError(wait);
    this.tokens -= 1;
    if (wait > 0) await this.sleep(wait, signal);
  }

  /** The store answered "throttled": pause every call to it, longer each time in a row. */
  throttled(): void {
    const delay = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** this.strikes);
    this.strikes = Math.min(this.strikes + 1, 30);
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + delay);
  }

  succeeded(): void {
    this.strikes = 0;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.ratePerMs);
    this.refilledAt = now;
  }
}
