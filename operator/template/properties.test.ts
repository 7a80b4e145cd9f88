// Properties over arbitrary input: whatever a user writes, parsing and execution end in output or a
// TemplateError (never another exception, never a hang), and the limits hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GoMap, parseTemplate, renderTemplate, stringMap, TemplateError, type GoValue } from './index.ts';
import { fixed, signed } from './functions/signature.ts';
import { utf8Length } from './limits.ts';

/** Pieces of template syntax, so that random text reaches deep into the parser and executor. */
// prettier-ignore
const tokens = [
  '{{', '}}', '{{- ', ' -}}', '{{/*', '*/}}', ' ', '\n', 'text', 'é', '\u{1F600}',
  'if ', 'else ', 'end', 'range ', 'with ', 'define ', 'template ', 'block ', 'break', 'continue',
  '"a"', '`b`', "'c'", '"%v %d"', '"x"', '1', '-2', '0x1F', '1.5', '1e3', '3', 'true', 'nil',
  '.', '.a', '.a.b', '.m', '.l', '$', '$x', '$y', '$x := ', '$x = ', '$i, $v := ', '|', '(', ')', ',',
  'print ', 'printf ', 'println ', 'index ', 'slice ', 'len ', 'eq ', 'ne ', 'lt ', 'and ', 'or ',
  'not ', 'html ', 'js ', 'urlquery ', 'call ',
];
const templateText = fc.array(fc.constantFrom(...tokens), { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  templateText,
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ maxLength: 60 }),
);

const data: GoValue = new GoMap([
  ['a', new GoMap([['b', 'deep']])],
  [
    'm',
    new GoMap([
      ['k', 1.5],
      ['n', null],
    ]),
  ],
  ['l', ['x', 2n, null, [true]]],
  ['s', 'string'],
]);

function outcome(run: () => string): string | TemplateError {
  try {
    return run();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
}

describe('arbitrary input', () => {
  it('parses to a template or a TemplateError', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        outcome(() => {
          parseTemplate('t', text);
          return '';
        });
      }),
      { numRuns: 1500 },
    );
  });

  it('executes to output or a TemplateError, over nested data and over ESO data', () => {
    fc.assert(
      fc.property(templateText, fc.boolean(), (text, nested) => {
        outcome(() => renderTemplate('t', text, nested ? data : stringMap({ a: 'x', s: 'y' })));
      }),
      { numRuns: 1500 },
    );
  });

  it('reports errors with a position inside the text', () => {
    fc.assert(
      fc.property(templateText, (text) => {
        const result = outcome(() => renderTemplate('t', text, data));
        if (result instanceof TemplateError) {
          expect(result.line).toBeGreaterThanOrEqual(1);
          expect(result.line).toBeLessThanOrEqual(text.split('\n').length);
          expect(result.message.startsWith(`template: t:${result.line}:`)).toBe(true);
        }
      }),
      { numRuns: 800 },
    );
  });
});

describe('limits', () => {
  const limits = { maxSteps: 2000, maxOutputBytes: 256, maxTemplateDepth: 5, maxDurationMs: 60_000 };

  it('keep output within its bound and steps within theirs, whatever the template', () => {
    const loops = fc.tuple(
      fc.integer({ min: 0, max: 10_000 }),
      fc.constantFrom('x', 'é', '{{ . }}', '{{ .s }}'),
    );
    fc.assert(
      fc.property(loops, templateText, ([count, body], text) => {
        const template = `{{ range ${count} }}${body}{{ end }}${text}`;
        const result = outcome(() => renderTemplate('t', template, data, { limits }));
        if (typeof result === 'string') expect(utf8Length(result)).toBeLessThanOrEqual(limits.maxOutputBytes);
        // Each iteration costs a step, so a range longer than the budget cannot succeed.
        if (count > limits.maxSteps) expect(result).toBeInstanceOf(TemplateError);
      }),
      { numRuns: 500 },
    );
  });

  it('stop runaway loops, recursion, growth and nesting with a limit error', () => {
    const cases: [string, RegExp][] = [
      ['{{ range 100000000 }}{{ end }}', /execution exceeds 2000 steps/],
      ['{{ range 1000 }}0123456789{{ end }}', /output exceeds 256 bytes/],
      [
        '{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}',
        /exceeded maximum template depth \(5\)/,
      ],
      [
        '{{ $x := "ab" }}{{ range 30 }}{{ $x = print $x $x }}{{ end }}',
        /value returned by print exceeds 256 bytes/,
      ],
    ];
    for (const [template, message] of cases) {
      expect(() => renderTemplate('t', template, data, { limits })).toThrow(message);
    }
    const nested = `${'{{ if 1 }}'.repeat(50)}${'{{ end }}'.repeat(50)}`;
    expect(() => parseTemplate('t', nested, { limits: { maxNestingDepth: 20 } })).toThrow(
      'template: t:1: max expression depth exceeded',
    );
    expect(() =>
      parseTemplate('t', `{{ ${'('.repeat(30)}1${')'.repeat(30)} }}`, { limits: { maxNestingDepth: 20 } }),
    ).toThrow('max expression depth exceeded');
  });

  it('stop a rendering that runs past its time, in the template or in a slow function', () => {
    const loop = () =>
      renderTemplate('t', '{{ range 100000000 }}{{ end }}', data, {
        limits: { maxSteps: Number.MAX_SAFE_INTEGER, maxDurationMs: 50 },
      });
    expect(loop).toThrow(/^template: t:1:\d+: executing "t".*: execution exceeds 50 ms$/);
    // One call that takes longer than the whole budget: stopped right after it returns.
    const slow = signed(
      'slow',
      fixed([], () => {
        const until = performance.now() + 30;
        while (performance.now() < until);
        return 'done';
      }),
    );
    let calls = 0;
    const counting = new Map([
      ['slow', Object.assign((...args: GoValue[]) => (calls++, slow(...args)), slow)],
    ]);
    expect(() =>
      renderTemplate('t', '{{ range 1000 }}{{ slow }}{{ end }}', data, {
        functions: counting,
        limits: { maxDurationMs: 10 },
      }),
    ).toThrow(/^template: t:1:\d+: executing "t".*: execution exceeds 10 ms$/);
    expect(calls).toBe(1);
  });

  it('turn nesting past what the interpreter can recurse into a TemplateError', () => {
    const deep = `${'{{ if 1 }}'.repeat(30_000)}x${'{{ end }}'.repeat(30_000)}`;
    const result = outcome(() => renderTemplate('t', deep, null, { parseLimits: { maxNestingDepth: 1e9 } }));
    expect(result).toBeInstanceOf(TemplateError);
  });
});
