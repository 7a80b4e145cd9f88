// One budget shared by the executions of a rendering: the executor charges it, and functions that can
// build far more than they are given check it before they build.
import { describe, expect, it } from 'vitest';
import { execute, parseTemplate, templateFunctions, TemplateError, stringMap } from './index.ts';
import { RenderBudget, type RenderBudgetLimits } from './render-budget.ts';

const functions = templateFunctions({
  now: () => new Date(0),
  randomBytes: (length) => new Uint8Array(length),
});
const limits: RenderBudgetLimits = {
  durationMs: 10_000,
  memoryBytes: 64 * 1024 * 1024,
  outputBytes: 2 * 1024 * 1024,
  regexpWork: 100_000_000,
};
const planted = 'planted-secret-value';
const data = stringMap({ password: planted });

function run(text: string, budget: RenderBudget, name = 'key'): string {
  return execute(parseTemplate(name, text, { functions }), data, { budget });
}

/** The limit error of a template run under `budget`, and how long it took to fail. */
function failure(text: string, budget = new RenderBudget(limits)): { error: TemplateError; ms: number } {
  const started = performance.now();
  try {
    run(text, budget);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return { error, ms: performance.now() - started };
  }
  throw new Error('expected the template to fail');
}

describe('a rendering budget shared by executions', () => {
  it('stops the issue’s list of a hundred 1 MB strings long before the heap is at risk', () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const { error, ms } = failure(
      '{{ $s := repeat 1000000 "a" }}{{ $l := list }}{{ range until 100 }}{{ $l = append $l (printf "%s%d" $s .) }}{{ end }}{{ len $l }}',
    );
    expect(error).toMatchObject({ phase: 'limit', budget: 'memory' });
    expect(error.message).toContain('rendering exceeds the memory budget of 64 MiB');
    expect(ms).toBeLessThan(5000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('sums memory over executions: each template fits, together they do not', () => {
    const budget = new RenderBudget({ ...limits, memoryBytes: 3 * 1024 * 1024 });
    const text = '{{ repeat 1000000 "a" | len }}';
    expect(run(text, budget)).toBe('1000000');
    expect(run(text, budget)).toBe('1000000');
    expect(run(text, budget)).toBe('1000000');
    expect(() => run(text, budget)).toThrow(/memory budget of 3 MiB/);
  });

  it('sums output over executions', () => {
    const budget = new RenderBudget({ ...limits, outputBytes: 1024 * 1024 });
    run('{{ repeat 600000 "a" }}', budget);
    const { error } = failure('{{ repeat 600000 "a" }}', budget);
    expect(error).toMatchObject({ budget: 'output' });
    expect(error.message).toContain('output budget of 1 MiB');
  });

  it('shares the clock: time an earlier execution spent is not there for the next', () => {
    const budget = new RenderBudget({ ...limits, durationMs: 50 }, { durationMs: 50 });
    const { error, ms } = failure('{{ range until 100000 }}{{ end }}', budget);
    expect(error).toMatchObject({ budget: 'time' });
    expect(error.message).toContain('time budget of 50 ms');
    expect(ms).toBeLessThan(3000);
  });

  it("keeps each template's own limits, which are not the budget's", () => {
    const { error } = failure('{{ repeat 2000000 "a" }}');
    expect(error.budget).toBeUndefined();
    expect(error.message).toContain('exceeds 1 MiB');
  });

  it('does not charge again a value a function passes through', () => {
    const budget = new RenderBudget({ ...limits, memoryBytes: 2 * 1024 * 1024 });
    run('{{ $s := repeat 1000000 "a" }}{{ range until 500 }}{{ $s = default "" $s }}{{ end }}', budget);
    expect(budget.spent.memoryBytes).toBeLessThan(1_100_000);
  });

  it('charges regexp work before the search: the issue’s ReDoS-like program fails at once', () => {
    const { error, ms } = failure(
      '{{ $s := repeat 1000000 "a" }}{{ regexMatch "(a|aa|aaa|aaaa){1000}$" $s }}',
    );
    expect(error).toMatchObject({ budget: 'regexp' });
    expect(ms).toBeLessThan(3000);
  });

  it('never puts a value in the message', () => {
    for (const text of [
      '{{ range until 100 }}{{ $x := printf "%s%s" $.password (repeat 1000000 "a") }}{{ end }}',
      '{{ regexReplaceAll "(a|aa|aaa|aaaa){1000}" (repeat 100000 .password) "x" }}',
    ]) {
      expect(failure(text).error.message).not.toContain(planted);
    }
  });
});

describe('functions check their size before they build', () => {
  const small = new RenderBudget({ ...limits, memoryBytes: 16 * 1024 * 1024 });
  const cases: [string, string][] = [
    ['repeat', '{{ repeat 1000000000 "abcdefgh" }}'],
    ['indent', '{{ indent 1000000 (repeat 1000 "\\n") }}'],
    ['nindent', '{{ nindent 1000000 (repeat 1000 "\\n") }}'],
    ['replace', '{{ replace "" (repeat 10000 "x") (repeat 10000 "y") }}'],
    [
      'join',
      '{{ $s := repeat 1000000 "a" }}{{ join "" (list $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s) }}',
    ],
    ['until', '{{ $l := list }}{{ range until 10 }}{{ $l = until 100000 }}{{ end }}'],
    [
      'toJson',
      '{{ $a := list "0123456789" }}{{ range until 30 }}{{ $a = list $a $a }}{{ end }}{{ toJson $a }}',
    ],
    [
      'toYaml',
      '{{ $a := list "0123456789" }}{{ range until 30 }}{{ $a = list $a $a }}{{ end }}{{ toYaml $a }}',
    ],
    [
      'deepCopy',
      '{{ $a := list "0123456789" }}{{ range until 30 }}{{ $a = list $a $a }}{{ end }}{{ deepCopy $a }}',
    ],
  ];
  for (const [name, text] of cases) {
    it(`${name}: fails on the memory budget, fast`, () => {
      const budget = new RenderBudget(small.limits);
      const { error, ms } = failure(text, budget);
      expect(error).toMatchObject({ budget: 'memory' });
      expect(ms).toBeLessThan(3000);
    });
  }

  it('functions called outside a rendering run unlimited, as before', () => {
    const repeat = functions.get('repeat');
    expect(repeat?.(3n, 'ab')).toBe('ababab');
  });
});
