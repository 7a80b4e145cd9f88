import { describe, expect, it } from 'vitest';
import {
  execute,
  GoMap,
  parseTemplate,
  renderTemplate,
  stringMap,
  TemplateError,
  type GoValue,
} from './index.ts';

/** JSON as Go's encoding/json decodes it (objects → map[string]interface{}, numbers → float64). */
function fromJson(json: unknown): GoValue {
  if (json === null || typeof json === 'string' || typeof json === 'boolean' || typeof json === 'number')
    return json;
  if (Array.isArray(json)) return json.map(fromJson);
  return new GoMap(Object.entries(json as object).map(([key, value]) => [key, fromJson(value)] as const));
}

/** ESO's map[string]string when every value is a string, else decoded JSON, as the oracle does. */
function dataOf(json: Record<string, unknown>): GoValue {
  const values = Object.values(json);
  return values.every((value) => typeof value === 'string')
    ? stringMap(json as Record<string, string>)
    : fromJson(json);
}

function render(template: string, data: GoValue): { output: string } | { error: string } {
  try {
    return { output: renderTemplate('t', template, data) };
  } catch (error) {
    if (error instanceof TemplateError) return { error: error.message };
    throw error;
  }
}

// Every expectation is Go's (Go 1.26 text/template, missingkey=error, built-ins only), recorded with
// the oracle in test/template-oracle; test/template re-checks these constructs and many more live.
const golden: [string, Record<string, unknown>, { output: string } | { error: string }][] = [
  ['plain text', {}, { output: 'plain text' }],
  [
    '{{ .user }}:{{ .password }}@{{ .host }}',
    { user: 'admin', password: 's3cret', host: 'db' },
    { output: 'admin:s3cret@db' },
  ],
  ['{{ index . "tls.crt" }}', { 'tls.crt': 'CERT' }, { output: 'CERT' }],
  ['a  {{- "b" -}}  c', {}, { output: 'abc' }],
  ['a {{- /* comment */ -}} b', {}, { output: 'ab' }],
  [
    '{{ .missing }}',
    { a: 'b' },
    { error: 'template: t:1:3: executing "t" at <.missing>: map has no entry for key "missing"' },
  ],
  [
    '{{ .a.b }}',
    { a: 'b' },
    { error: 'template: t:1:5: executing "t" at <.a.b>: can\'t evaluate field b in type string' },
  ],
  ['{{ .a.b }}', { a: { b: null } }, { output: '<no value>' }],
  [
    '{{ .a.b }}',
    { a: null },
    { error: 'template: t:1:5: executing "t" at <.a.b>: nil pointer evaluating interface {}.b' },
  ],
  [
    '{{ $x := .a }}{{ $x.b }}',
    { a: null },
    { error: 'template: t:1:19: executing "t" at <$x.b>: nil data; no entry for key "b"' },
  ],
  ['{{ .a }}|{{ print .a }}|{{ printf "%v" .a }}', { a: null }, { output: '<no value>|<nil>|<nil>' }],
  [
    '{{ .m }} {{ .l }} {{ .f }} {{ .i }} {{ .b }}',
    { m: { z: 1, a: 'x' }, l: [1, 'a', null], f: 1.5, i: 1000000, b: true },
    { output: 'map[a:x z:1] [1 a <nil>] 1.5 1e+06 true' },
  ],
  [
    '{{ if .e }}full{{ else }}empty{{ end }} {{ if .m }}full{{ else }}empty{{ end }}',
    { e: {}, m: { k: 'v' } },
    { output: 'empty full' },
  ],
  [
    '{{ if 0 }}a{{ else if 0.0 }}b{{ else if "" }}c{{ else if .l }}d{{ else }}e{{ end }}',
    { l: [] },
    { output: 'e' },
  ],
  [
    '{{ with .a }}[{{ . }}]{{ else with .b }}({{ . }}){{ else }}none{{ end }}',
    { a: '', b: 'B' },
    { output: '(B)' },
  ],
  [
    '{{ range $k, $v := . }}{{ $k }}={{ $v }};{{ end }}',
    { '9': '5', '10': '4', zeta: '1', alpha: '2', Beta: '3' },
    { output: '10=4;9=5;Beta=3;alpha=2;zeta=1;' },
  ],
  [
    '{{ range $i, $v := .l }}{{ $i }}:{{ $v }} {{ else }}none{{ end }}',
    { l: ['a', 'b'] },
    { output: '0:a 1:b ' },
  ],
  ['{{ range .l }}x{{ else }}none{{ end }}', { l: [] }, { output: 'none' }],
  [
    '{{ range $i := 5 }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ if eq $i 3 }}{{ break }}{{ end }}{{ $i }}{{ end }}',
    {},
    { output: '02' },
  ],
  ['{{ range 3 }}{{ . }}{{ end }}{{ range -1 }}x{{ else }}none{{ end }}', {}, { output: '012none' }],
  ['{{ $x := 0 }}{{ range $i := 3 }}{{ $x = $i }}{{ end }}{{ $x }}', {}, { output: '2' }],
  ['{{ if $x := "v" }}{{ $x }}{{ end }}', {}, { output: 'v' }],
  ['{{ define "greet" }}hello {{ . }}{{ end }}{{ template "greet" "world" }}', {}, { output: 'hello world' }],
  ['{{ define "x" }}[{{ . }}]{{ end }}{{ template "x" }}', {}, { output: '[<no value>]' }],
  ['{{ block "b" . }}default {{ .u }}{{ end }}', { u: 'me' }, { output: 'default me' }],
  [
    '{{ define "b" }}override{{ end }}{{ block "b" . }}default{{ end }}',
    {},
    { error: 'template: t:1: template: multiple definition of template "b"' },
  ],
  ['{{ define "t" }}replaces the empty body{{ end }}  ', {}, { output: 'replaces the empty body' }],
  [
    '{{ "x" | printf "%s-%s" "y" }} {{ (print 1 2) }} {{ print "a" 1 2 "b" }}',
    {},
    { output: 'y-x 1 2 a1 2b' },
  ],
  ['{{ and 1 0 }} {{ or 0 "" }} {{ and 1 "x" }} {{ or 0 "y" }} {{ not 0 }}', {}, { output: '0  x y true' }],
  [
    '{{ eq 1 2 1 }} {{ ne "a" "b" }} {{ lt 1.5 2.5 }} {{ le "b" "a" }} {{ gt 2 1 }} {{ ge 1 1 }}',
    {},
    { output: 'true true true false true true' },
  ],
  [
    '{{ eq 1 1.0 }}',
    {},
    {
      error:
        'template: t:1:3: executing "t" at <eq 1 1.0>: error calling eq: incompatible types for comparison: int and float64',
    },
  ],
  [
    '{{ lt true false }}',
    {},
    {
      error:
        'template: t:1:3: executing "t" at <lt true false>: error calling lt: invalid type for comparison',
    },
  ],
  ['{{ index "héllo" 1 }} {{ slice "héllo" 0 3 }} {{ len "héllo" }}', {}, { output: '195 hé 6' }],
  [
    '{{ index .l 1 }} {{ slice .l 1 }} {{ len .m }}',
    { l: ['a', 'b', 'c'], m: { k: 1 } },
    { output: 'b [b c] 1' },
  ],
  [
    '{{ index .l 5 }}',
    { l: ['a'] },
    { error: 'template: t:1:3: executing "t" at <index .l 5>: error calling index: index out of range: 5' },
  ],
  [
    '{{ html "<a href=\'x\'>&\\"</a>" }} {{ js "it\'s <b>\\n" }} {{ urlquery "a b&c=é" }}',
    {},
    {
      output: "&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt; it\\'s \\u003Cb\\u003E\\u000A a+b%26c%3D%C3%A9",
    },
  ],
  [
    '{{ 0x1F }} {{ 017 }} {{ 0b101 }} {{ 1_000 }} {{ 1e3 }} {{ 1.0 }} {{ \'a\' }} {{ -0x1E | printf "%T" }}',
    {},
    { output: '31 15 5 1000 1000 1 97 float64' },
  ],
  ['{{ "\\x41\\u00e9\\U0001F600\\n" }}{{ `raw\\n` }}', {}, { output: 'Aé😀\nraw\\n' }],
  ['{{ nope }}', {}, { error: 'template: t:1: function "nope" not defined' }],
  ['{{ if true }}unclosed', {}, { error: 'template: t:1: unexpected EOF' }],
  ['{{ .a\n\n', {}, { error: 'template: t:3: unclosed action started at t:1' }],
  ['{{ break }}', {}, { error: 'template: t:1: {{break}} outside {{range}}' }],
  ['{{ $undefined }}', {}, { error: 'template: t:1: undefined variable "$undefined"' }],
  ['{{ 3 | 4 }}', {}, { error: 'template: t:1: non executable command in pipeline stage 2' }],
  ['{{ 99999999999999999999 }}', {}, { error: 'template: t:1: integer overflow: "99999999999999999999"' }],
  [
    '{{ 18446744073709551615 }}',
    {},
    { error: 'template: t:1:3: executing "t" at <18446744073709551615>: 18446744073709551615 overflows int' },
  ],
  [
    '{{ template "missing" }}',
    {},
    { error: 'template: t:1:12: executing "t" at <{{template "missing"}}>: template "missing" not defined' },
  ],
  [
    'line1\n  {{ .missing }}',
    { a: 'b' },
    { error: 'template: t:2:5: executing "t" at <.missing>: map has no entry for key "missing"' },
  ],
  [
    '{{ .a 1 }}',
    { a: 'b' },
    { error: 'template: t:1:3: executing "t" at <.a>: a is not a method but has arguments' },
  ],
  ['{{ nil }}', {}, { error: 'template: t:1:3: executing "t" at <nil>: nil is not a command' }],
  [
    '{{ index . 1 }}',
    { a: 'b' },
    {
      error:
        'template: t:1:3: executing "t" at <index . 1>: error calling index: value has type int; should be string',
    },
  ],
  [
    '{{ len 3 }}',
    {},
    { error: 'template: t:1:3: executing "t" at <len 3>: error calling len: len of type int' },
  ],
  ['{{ printf 3 }}', {}, { error: 'template: t:1:10: executing "t" at <3>: expected string; found 3' }],
  [
    '{{ not }}',
    {},
    { error: 'template: t:1:3: executing "t" at <not>: wrong number of args for not: want 1 got 0' },
  ],
];

describe('execution matches Go', () => {
  it.each(golden)('%s', (template, data, expected) => {
    expect(render(template, dataOf(data))).toEqual(expected);
  });
});

describe('TemplateError', () => {
  function failure(template: string, data: GoValue = stringMap({})): TemplateError {
    try {
      renderTemplate('key', template, data);
    } catch (error) {
      if (error instanceof TemplateError) return error;
      throw error;
    }
    throw new Error('expected the template to fail');
  }

  it('locates an exec error by line, byte column and construct', () => {
    // Go: template: key:2:12: executing "key" at <index .password "x">: error calling index: ...
    const error = failure('héllo\n  wörld {{ index .password "x" }}', stringMap({ password: 'hunter2' }));
    expect(error).toMatchObject({ phase: 'exec', template: 'key', executing: 'key', line: 2, column: 12 });
    expect(error.construct).toBe('index .password "x"');
    expect(error.reason).toBe('error calling index: cannot index slice/array with type string');
  });

  it('names the function whose call failed, if one did', () => {
    expect(failure('{{ printf 3 }}')).toMatchObject({ function: 'printf', construct: '3' });
    expect(failure('{{ len 3 }}')).toMatchObject({ function: 'len', construct: 'len 3' });
    expect(failure('{{ not }}')).toMatchObject({ function: 'not', construct: 'not' });
    expect(failure('{{ .missing }}').function).toBeUndefined();
  });

  it('names the defined template that was executing', () => {
    const error = failure('{{ define "inner" }}\n{{ .missing }}{{ end }}{{ template "inner" . }}');
    expect(error).toMatchObject({ template: 'key', executing: 'inner', line: 2, column: 3 });
  });

  it('gives a parse error the line Go gives and the column of the token it stopped at', () => {
    const error = failure('ok\n  {{ nope }}');
    expect(error).toMatchObject({
      phase: 'parse',
      line: 2,
      column: 5,
      reason: 'function "nope" not defined',
    });
    expect(error.message).toBe('template: key:2: function "nope" not defined');
  });

  it('never shows the values being rendered', () => {
    const secret = stringMap({ password: 'hunter2-secret' });
    const templates = [
      '{{ range .password }}{{ end }}',
      '{{ call .password }}',
      '{{ .password | call }}',
      '{{ .password.x }}',
      '{{ index .password 99 }}',
      '{{ eq .password 1 }}',
      '{{ lt .password nil }}',
      '{{ printf .password }}{{ .missing }}',
    ];
    for (const template of templates) expect(failure(template, secret).message).not.toContain('hunter2');
    const json = fromJson({ m: { password: 'hunter2-secret' }, n: 5 });
    expect(failure('{{ eq .m .m }}', json).message).not.toContain('hunter2');
    expect(failure('{{ range $i, $v := 5 }}{{ end }}', json).message).toContain('value of type int');
  });
});

describe('parsed templates', () => {
  it('can be executed many times, over different data', () => {
    const parsed = parseTemplate('t', '{{ define "x" }}<{{ . }}>{{ end }}{{ template "x" .v }}');
    expect(execute(parsed, stringMap({ v: 'a' }))).toBe('<a>');
    expect(execute(parsed, stringMap({ v: 'b' }))).toBe('<b>');
  });

  it('calls the functions of the map, which take precedence over built-ins', () => {
    const functions = new Map([
      ['shout', (value: GoValue) => `${typeof value === 'string' ? value : ''}!`],
      ['len', () => 'overridden'],
    ]);
    expect(renderTemplate('t', '{{ shout "hi" }} {{ len "abc" }}', null, { functions })).toBe(
      'hi! overridden',
    );
  });

  it('lets an execution bring its own functions under the same names', () => {
    const parsed = parseTemplate('t', '{{ now }}', { functions: new Map([['now', () => 'parse-time']]) });
    expect(execute(parsed, null)).toBe('parse-time');
    expect(execute(parsed, null, { functions: new Map([['now', () => 'pinned']]) })).toBe('pinned');
    expect(() => execute(parsed, null, { functions: new Map() })).toThrow('"now" is not a defined function');
  });

  it('reports a function failure as Go does, with the function named', () => {
    const functions = new Map([
      [
        'fail',
        () => {
          throw new Error('boom with a value inside');
        },
      ],
    ]);
    expect(() => renderTemplate('t', '{{ fail }}', null, { functions })).toThrow(
      'template: t:1:3: executing "t" at <fail>: error calling fail: unexpected Error',
    );
  });
});
