import { describe, expect, it } from 'vitest';
import { StoreRateLimitedError, StoreRateLimiter } from './rate-limiter.ts';

/** Time that moves only when a caller sleeps (or the test says so). */
function fakeTime(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let at = 0;
  const slept: number[] = [];
  return {
    now: () => at,
    sleep: (ms) => {
      slept.push(ms);
      at += ms;
      return Promise.resolve();
    },
    slept,
  };
}

const signal = new AbortController().signal;

describe('StoreRateLimiter', () => {
  it('without a limit, never waits', async () => {
    const time = fakeTime();
    const limiter = new StoreRateLimiter(undefined, time);
    for (let i = 0; i < 1000; i++) await limiter.acquire(signal);
    expect(time.slept).toEqual([]);
  });

  it('lets a burst through at once, then paces calls at the sustained rate', async () => {
    const time = fakeTime();
    const limiter = new StoreRateLimiter({ requestsPerSecond: 10, burst: 3 }, time);
    for (let i = 0; i < 3; i++) await limiter.acquire(signal);
    expect(time.slept).toEqual([]);
    await limiter.acquire(signal);
    await limiter.acquire(signal);
    expect(time.slept).toEqual([100, 100]);
  });

  it('sends a call whose turn is further off than maxWaitMs back to the queue, without taking a token', async () => {
    const time = fakeTime();
    const limiter = new StoreRateLimiter({ requestsPerSecond: 0.5 }, { ...time, maxWaitMs: 1_000 });
    await limiter.acquire(signal);
    const error = await limiter.acquire(signal).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreRateLimitedError);
    expect((error as StoreRateLimitedError).retryAfterMs).toBe(2_000);
    await time.sleep(2_000);
    await limiter.acquire(signal);
  });

  it('pauses every call while the store throttles, doubling the pause, and resumes after a success', async () => {
    const time = fakeTime();
    const limiter = new StoreRateLimiter(undefined, { ...time, backoffBaseMs: 400, maxWaitMs: 1_000 });
    limiter.throttled();
    await limiter.acquire(signal);
    expect(time.slept).toEqual([400]);
    limiter.throttled();
    await limiter.acquire(signal);
    limiter.throttled();
    const error = await limiter.acquire(signal).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreRateLimitedError);
    expect((error as StoreRateLimitedError).retryAfterMs).toBe(1_600);
    await time.sleep(1_600);
    limiter.succeeded();
    limiter.throttled();
    await limiter.acquire(signal);
    expect(time.slept.at(-1)).toBe(400);
  });
});
