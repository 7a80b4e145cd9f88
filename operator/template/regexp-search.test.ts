import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { searchAll, searchAnywhere } from './regexp-search.ts';
import { RenderBudget, RenderBudgetExceeded, unlimitedBudget } from './render-budget.ts';

const budgetOf = (regexpWork: number): RenderBudget =>
  new RenderBudget({
    durationMs: 60_000,
    memoryBytes: Number.POSITIVE_INFINITY,
    outputBytes: Number.POSITIVE_INFINITY,
    regexpWork,
  });

describe('searchAll', () => {
  it("finds what Go's FindAllStringSubmatchIndex finds (re2js's own, unmetered)", () => {
    const patterns = ['a*', 'b*', '(a)|(b)', 'x?', String.raw`(?P<n>\w+)@(\w+)?`, '^', '$', String.raw`\b`];
    patterns.push('é|😀', '(a|aa)(b)?', '', 'a(.*b)?', String.raw`(?m)^\w`);
    const texts = ['', 'baaac', 'ab ab', 'x😀éa@b c@', 'aab\nab', '😀😀', 'abcab'];
    for (const pattern of patterns) {
      const regexp = RE2JS.compile(pattern);
      for (const text of texts) {
        for (const limit of [-1, 1, 2]) {
          // Typed as an array, but null when nothing matches.
          const found = regexp.re2().findAllSubmatchIndex(text, limit) as number[][] | null;
          const expected = found ?? [];
          expect(searchAll(regexp, text, limit, unlimitedBudget()), `${pattern} in ${text}`).toEqual(
            expected,
          );
        }
      }
    }
  });

  it('refuses a large program over a long text before running it', () => {
    const regexp = RE2JS.compile('(a|aa|aaa|aaaa){1000}$');
    const budget = budgetOf(100_000_000);
    const started = performance.now();
    expect(() => searchAll(regexp, 'a'.repeat(1_000_000), 1, budget)).toThrow(RenderBudgetExceeded);
    // Refused before running: milliseconds; running it would take minutes (slack for a loaded machine).
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(budget.spent.regexpWork).toBe(0);
  });

  it('charges every search of a find-all, so scans that repeat to the end cannot pay once for n²', () => {
    // Each match of a(.*b)? on "aaaa…" scans to the end for a "b": 20000 searches of up to 20000 characters.
    const regexp = RE2JS.compile('a(.*b)?');
    const budget = budgetOf(10_000_000);
    const started = performance.now();
    expect(() => searchAll(regexp, 'a'.repeat(20_000), -1, budget)).toThrow(RenderBudgetExceeded);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(budget.spent.regexpWork).toBeGreaterThan(9_000_000);
  });

  it('charges program size × input length for a single match', () => {
    const regexp = RE2JS.compile('^ab+$');
    const budget = budgetOf(1_000_000);
    expect(searchAnywhere(regexp, 'abbb', budget)).toBe(true);
    expect(budget.spent.regexpWork).toBe(regexp.programSize() * 5);
  });
});
