import { describe, expect, it } from 'vitest';

import { ManualClock, systemClock } from './clock.ts';

describe('ManualClock', () => {
  it('stands still until advanced, then fires due timers in due order', () => {
    const clock = new ManualClock(1_000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`late@${clock.now()}`), 300);
    clock.setTimeout(() => fired.push(`early@${clock.now()}`), 100);
    clock.setTimeout(() => fired.push(`tie@${clock.now()}`), 100);

    clock.advance(99);
    expect(fired).toEqual([]);
    clock.advance(201);
    expect(fired).toEqual(['early@1100', 'tie@1100', 'late@1300']);
    expect(clock.now()).toBe(1_300);
  });

  it('fires timers set by a firing timer when they fall inside the same advance', () => {
    const clock = new ManualClock();
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 50);
    }, 100);

    clock.advance(1_000);
    expect(fired).toEqual([100, 150]);
    expect(clock.now()).toBe(1_000);
  });

  it('does not fire cancelled timers', () => {
    const clock = new ManualClock();
    let fired = false;
    clock.setTimeout(() => (fired = true), 10).cancel();
    clock.advance(100);
    expect(fired).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('systemClock', () => {
  it('fires a short timer and can cancel one', async () => {
    let cancelledFired = false;
    systemClock.setTimeout(() => (cancelledFired = true), 1).cancel();
    await new Promise<void>((resolve) => systemClock.setTimeout(resolve, 1));
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
    expect(cancelledFired).toBe(false);
  });
});
