// A find's name regexp with real render workers and the real fake provider: the selection runs in a
// worker, charged to the sync's budget, and a selection over that budget fails the sync alone with
// BudgetExceeded while the main thread keeps serving.
import { afterAll, describe, expect, it } from 'vitest';
import { ExternalSecretSpec } from '../../api/v1alpha1/index.ts';
import { getProvider, type ProviderTransport, type SecretsClient } from '../../providers/index.ts';
import { readEntries } from './fetch-data.ts';
import { ParsedTemplates } from './parsed-templates.ts';
import { RenderSandbox } from './render-sandbox.ts';
import {
  BudgetExceededError,
  createSyncBudget,
  defaultSyncBudgetLimits,
  type SyncBudgetLimits,
} from './sync-budget.ts';
import { syncSteps } from './sync-steps.ts';

const signal = new AbortController().signal;
const templates = new ParsedTemplates();
const sandboxes: RenderSandbox[] = [];

afterAll(async () => {
  await Promise.all(sandboxes.map((each) => each.close()));
});

function sandbox(limits: SyncBudgetLimits): RenderSandbox {
  const created = new RenderSandbox({ workers: 1, limits });
  sandboxes.push(created);
  return created;
}

// 100 names of 500 characters: the costly pattern over each is some 6 million units of regexp work
// (program size × input length) and a few hundred milliseconds.
const costlyPattern = '(a|aa|aaa|aaaa){1000}$';
const longNames = Array.from({ length: 100 }, (_, index) => `app/${String(index)}-${'a'.repeat(500)}`);
const store: Promise<SecretsClient> =
  getProvider('fake')?.newClient(
    { data: [...longNames, 'db/main', 'db/replica'].map((key) => ({ key, value: `value of ${key}` })) },
    {},
    {} as ProviderTransport, // the fake provider makes no network calls
  ) ?? Promise.reject(new Error('no fake provider'));

const findSpec = (regexp: string): ExternalSecretSpec =>
  ExternalSecretSpec.parse({ secretStoreRef: { name: 'main' }, dataFrom: [{ find: { name: { regexp } } }] });

/** One sync's reads, its name selection placed as the reconciler places it (sync-steps.ts). */
function readFind(regexp: string, where: RenderSandbox | undefined, limits: SyncBudgetLimits) {
  const budget = createSyncBudget(limits);
  const spec = findSpec(regexp);
  const steps = syncSteps(spec, templates, where, signal, budget);
  const reads = readEntries(spec, () => store, signal, steps.selectNames);
  return { budget, reads: reads.then((read) => Object.keys(read.dataFrom[0] ?? {})) };
}

describe('find name selection in a render worker', () => {
  it('selects in a worker what it selects inline, and charges the sync for it', async () => {
    const workers = sandbox(defaultSyncBudgetLimits);
    const inline = readFind('^db/', undefined, defaultSyncBudgetLimits);
    const sandboxed = readFind('^db/', workers, defaultSyncBudgetLimits);
    expect(await sandboxed.reads).toEqual(['db/main', 'db/replica']);
    expect(await sandboxed.reads).toEqual(await inline.reads);
    expect(workers.workers).toBe(1);
    // What the worker spent was taken over by the sync's budget.
    expect(sandboxed.budget.spent.regexpWork).toBe(inline.budget.spent.regexpWork);
    expect(sandboxed.budget.spent.regexpWork).toBeGreaterThan(0);
  });

  it('fails the sync with BudgetExceeded at the field past the regexp budget, the event loop free meanwhile', async () => {
    // Five names, a second or so, before the budget runs out.
    const limits = { ...defaultSyncBudgetLimits, regexpWork: 30_000_000 };
    const workers = sandbox(limits);
    await readFind('^db/', workers, limits).reads; // the worker is loaded
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    const started = performance.now();
    const { budget, reads } = readFind(costlyPattern, workers, limits);
    const error = await reads.then(
      () => new Error('expected the find to fail'),
      (failure: unknown) => failure as Error,
    );
    const tookMs = performance.now() - started;
    clearInterval(ticker);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error).toMatchObject({ reason: 'BudgetExceeded', budget: 'regexp' });
    expect(error.message).toMatch(
      /^spec\.dataFrom\[0\]\.find\.name\.regexp: regexp matching exceeds the regexp budget of 30000000 units .* or raise --budget-regexp-work$/,
    );
    expect(budget.spent.regexpWork).toBeGreaterThan(0);
    expect(budget.spent.regexpWork).toBeLessThanOrEqual(limits.regexpWork);
    // Ticks every 20 ms all along: the matching ran on another thread.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(tookMs / 20 / 2));
    expect(tookMs).toBeGreaterThan(200);
  }, 30_000);

  it('fails the sync with BudgetExceeded (time) when the selection outlasts the render time budget', async () => {
    const limits = { ...defaultSyncBudgetLimits, renderMs: 100, regexpWork: 10_000_000_000 };
    const { reads } = readFind(costlyPattern, sandbox(limits), limits);
    const error = await reads.then(
      () => new Error('expected the find to fail'),
      (failure: unknown) => failure as Error,
    );
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error).toMatchObject({ budget: 'time' });
    expect(error.message).toMatch(/spec\.dataFrom\[0\]\.find\.name\.regexp.*--budget-render-seconds$/);
  }, 30_000);
});
