import { describe, expect, it } from 'vitest';
import {
  RenderBudget,
  RenderBudgetExceeded,
  writtenBytes,
  type RenderBudgetLimits,
} from './render-budget.ts';
import { GoMap, type GoValue } from './values.ts';

const roomy: RenderBudgetLimits = {
  durationMs: 60_000,
  memoryBytes: 1_000_000,
  outputBytes: 1_000_000,
  regexpWork: 1_000_000,
};

function exceeded(run: () => unknown): RenderBudgetExceeded {
  try {
    run();
  } catch (error) {
    if (error instanceof RenderBudgetExceeded) return error;
    throw error;
  }
  throw new Error('expected the budget to run out');
}

describe('RenderBudget', () => {
  it('sums the memory of the values charged and fails past the limit, naming it', () => {
    const budget = new RenderBudget({ ...roomy, memoryBytes: 1024 });
    budget.chargeValue('x'.repeat(600));
    expect(budget.spent.memoryBytes).toBe(600);
    const error = exceeded(() => budget.chargeValue('y'.repeat(600)));
    expect(error.budget).toBe('memory');
    expect(error.message).toBe('rendering exceeds the memory budget of 1 KiB');
  });

  it('charges a list or dict for its slots, not again for the values it shares', () => {
    const budget = new RenderBudget(roomy);
    const big = 'x'.repeat(100_000);
    budget.chargeValue([big, big, big]);
    budget.chargeValue(new GoMap([['key', big]]));
    expect(budget.spent.memoryBytes).toBeLessThan(200);
  });

  it('refuses a reservation that would not fit, without spending', () => {
    const budget = new RenderBudget({ ...roomy, memoryBytes: 1000 });
    expect(exceeded(() => budget.reserveMemory(1001)).budget).toBe('memory');
    budget.reserveMemory(1000);
    expect(budget.spent.memoryBytes).toBe(0);
  });

  it('sums output and fails past its limit', () => {
    const budget = new RenderBudget({ ...roomy, outputBytes: 10 });
    budget.chargeOutput(6);
    expect(exceeded(() => budget.chargeOutput(6)).message).toBe(
      'rendering exceeds the output budget of 10 bytes',
    );
  });

  it('refuses regexp work before it is done, leaving what it could have paid for', () => {
    const budget = new RenderBudget({ ...roomy, regexpWork: 100 });
    budget.chargeRegexp(60);
    const error = exceeded(() => budget.chargeRegexp(60));
    expect(error.budget).toBe('regexp');
    expect(budget.spent.regexpWork).toBe(60);
    budget.chargeRegexp(40);
  });

  it('counts time only while timed work runs, once when nested, and fails once it is spent', async () => {
    const budget = new RenderBudget({ ...roomy, durationMs: 30 });
    await new Promise((resolve) => setTimeout(resolve, 200)); // not timed: a store being read, say
    budget.checkDeadline();
    budget.timed(() =>
      budget.timed(() => {
        const until = performance.now() + 40;
        while (performance.now() < until);
      }),
    );
    expect(budget.spent.durationMs).toBeGreaterThanOrEqual(40);
    expect(budget.spent.durationMs).toBeLessThan(80);
    const error = exceeded(() => budget.checkDeadline());
    expect(error).toMatchObject({ budget: 'time', message: 'rendering exceeds the time budget of 30 ms' });
  });

  it('is made again from its limits and what was spent, as another thread would', () => {
    const first = new RenderBudget({ ...roomy, memoryBytes: 1000 });
    first.chargeMemory(900);
    const again = new RenderBudget(first.limits, structuredClone(first.spent));
    expect(exceeded(() => again.chargeMemory(200)).budget).toBe('memory');
  });
});

describe('writtenBytes', () => {
  it('counts a shared list each time it is written, measuring each only once', () => {
    let nested: GoValue = ['x'.repeat(40), 'y'];
    for (let level = 0; level < 60; level++) nested = [nested, nested];
    const started = performance.now();
    expect(writtenBytes(nested)).toBeGreaterThan(2 ** 60);
    // Each shared list measured once: instant; measuring each use would never finish (2^60 visits).
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('is about the length of the JSON for plain values', () => {
    const value = new GoMap([
      ['name', 'value'],
      ['list', ['a', 'bb', 3n]],
    ]);
    expect(writtenBytes(value)).toBeGreaterThanOrEqual('{"list":["a","bb",3],"name":"value"}'.length);
    expect(writtenBytes(value)).toBeLessThan(100);
  });
});
