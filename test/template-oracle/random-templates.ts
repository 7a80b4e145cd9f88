// Randomly composed templates for differential testing: actions with trim markers, declarations,
// pipelines of function calls and parenthesised pipelines, if/with/range with else, break/continue,
// comments and a defined template, over literals and fields of the data below. Many fail to parse or
// to execute; that is the point: Go and Ferry must fail alike.
import fc from 'fast-check';
import type { OracleCase } from './oracle.ts';

// prettier-ignore
const literals = [
  '"a"', '""', '`b`', "'c'", "'\\n'", '"\\x41\\u00e9"', '1', '0', '-2', '0x1F', '-0x1E', '017', '0b1', '1_0',
  '1.5', '0.0', '1e3', '1e21', 'true', 'false', 'nil', '08', '"%v"', '"%d %s"', '"%q"', '"%x"', '"%5.2f"', '"%T"',
];
// prettier-ignore
const operands = [
  '.', '.a', '.a.b', '.m', '.m.k', '.m.n', '.m.n.x', '.l', '.s', '.s.x', '.missing', '$', '$.a', '$x', '$i', '$v',
  '$x.b',
];
// prettier-ignore
export const builtinFunctionNames = [
  'print', 'printf', 'println', 'index', 'slice', 'len', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'and', 'or', 'not',
  'html', 'js', 'urlquery', 'call',
];

/** Decoded-JSON data the operands above reach into (nested maps, a list, a float, nil). */
export const randomTemplateJsonData = {
  a: { b: 'deep' },
  m: { k: 1.5, n: null },
  l: ['x', 2, null, [true]],
  s: 'string',
};
/** ESO's map[string]string data. */
export const randomTemplateData = { a: 'x', s: 'y', l: 'z' };

function templateArbitrary(functions: readonly string[]): fc.Arbitrary<string> {
  const { template } = fc.letrec<{
    arg: string;
    call: string;
    command: string;
    pipeline: string;
    declaration: string;
    action: string;
    body: string;
    template: string;
  }>((tie) => ({
    arg: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(...literals),
      fc.constantFrom(...operands),
      tie('pipeline').map((pipeline) => `(${pipeline})`),
    ),
    call: fc
      .tuple(fc.constantFrom(...functions), fc.array(tie('arg'), { maxLength: 3 }))
      .map(([name, args]) => [name, ...args].join(' ')),
    command: fc.oneof(tie('call'), tie('arg')),
    // After the first stage, a stage that could not take the piped value would not parse.
    pipeline: fc
      .tuple(tie('command'), fc.array(fc.oneof(tie('call'), fc.constantFrom(...operands)), { maxLength: 2 }))
      .map(([first, rest]) => [first, ...rest].join(' | ')),
    declaration: fc.constantFrom('', '', '$x := ', '$x = ', '$i, $v := ', '$v := '),
    action: fc.oneof(
      fc
        .tuple(
          fc.constantFrom('{{ ', '{{- '),
          tie('declaration'),
          tie('pipeline'),
          fc.constantFrom(' }}', ' -}}'),
        )
        .map((parts) => parts.join('')),
      fc
        .tuple(
          fc.constantFrom('if', 'with', 'range'),
          tie('declaration'),
          tie('pipeline'),
          tie('body'),
          fc.option(tie('body')),
        )
        .map(
          ([keyword, declaration, pipeline, body, alternative]) =>
            `{{ ${keyword} ${declaration}${pipeline} }}${body}${alternative === null ? '' : `{{ else }}${alternative}`}{{ end }}`,
        ),
      fc.constantFrom(
        '{{ break }}',
        '{{ continue }}',
        ' ',
        '\n',
        'text',
        '{{/* c */}}',
        '{{ template "u" .a }}',
      ),
    ),
    body: fc.array(tie('action'), { maxLength: 3 }).map((actions) => actions.join('')),
    template: fc.tuple(tie('body'), fc.option(tie('body'))).map(
      ([body, definition]) =>
        // Declared up front so that uses of the variables parse more often than not.
        `{{ $x := .a }}{{ $i := 1 }}{{ $v := .l }}${definition === null ? '' : `{{ define "u" }}${definition}{{ end }}`}${body}`,
    ),
  }));
  return template;
}

export interface RandomTemplateOptions {
  seed: number;
  runs: number;
  /** The function names to compose calls of (the built-ins by default). */
  functions?: readonly string[];
  funcs?: OracleCase['funcs'];
}

/** Cases alternating between decoded-JSON data and ESO's string data; the same seed gives the same cases. */
export function randomTemplateCases(options: RandomTemplateOptions): OracleCase[] {
  const templates = fc.sample(templateArbitrary(options.functions ?? builtinFunctionNames), {
    numRuns: options.runs,
    seed: options.seed,
  });
  const funcs = options.funcs ?? 'none';
  return templates.map((template, index) =>
    index % 2 === 0
      ? { name: 't', template, jsonData: randomTemplateJsonData, funcs }
      : { name: 't', template, data: randomTemplateData, funcs },
  );
}
