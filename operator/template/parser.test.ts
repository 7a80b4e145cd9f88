import { describe, expect, it } from 'vitest';
import { TemplateError } from './errors.ts';
import { nodeString } from './nodes.ts';
import { parseTreeSet } from './parser.ts';

const functions = new Set(['print', 'printf', 'index', 'eq', 'len']);
const options = { hasFunction: (name: string) => functions.has(name), maxNestingDepth: 50 };

function trees(text: string): Record<string, string> {
  return Object.fromEntries(
    [...parseTreeSet('t', text, options)].map(([name, tree]) => [name, nodeString(tree)]),
  );
}

function parseError(text: string): string {
  try {
    parseTreeSet('t', text, options);
  } catch (error) {
    if (error instanceof TemplateError) return error.message;
    throw error;
  }
  return 'parsed';
}

// Trees are written back as Go's Node.String() writes them (the text of exec errors' `at <...>`);
// error messages are Go's, recorded with the oracle.
describe('parser', () => {
  it('writes trees back as Go does', () => {
    expect(trees('a {{- .x.y -}} b {{ $v := index . "k" | printf "%s" }}{{ (print 1).f }}')).toEqual({
      t: 'a{{.x.y}}b {{$v := index . "k" | printf "%s"}}{{(print 1).f}}',
    });
    expect(
      trees('{{ if .a }}1{{ else if .b }}2{{ else }}3{{ end }}{{ range $i, $e := . }}{{ end }}'),
    ).toEqual({
      t: '{{if .a}}1{{else}}{{if .b}}2{{else}}3{{end}}{{end}}{{range $i, $e := .}}{{end}}',
    });
    expect(trees('{{ with $x := .a }}{{ $x = 2 }}{{ else with .b }}{{ end }}')).toEqual({
      t: '{{with $x := .a}}{{$x = 2}}{{else}}{{with .b}}{{end}}{{end}}',
    });
  });

  it('collects define and block into the set, keeping a non-empty definition over an empty one', () => {
    expect(trees('{{ define "a" }}A{{ end }}{{ block "b" . }}B{{ end }}{{ template "a" }}')).toEqual({
      a: 'A',
      b: 'B',
      t: '{{template "b" .}}{{template "a"}}',
    });
    expect(trees('{{ define "t" }}body{{ end }} \n')).toEqual({ t: 'body' });
    expect(trees('{{ define "a" }}A{{ end }}{{ define "a" }} {{ end }}')).toEqual({ a: 'A', t: '' });
  });

  it.each([
    ['{{ nope }}', 'template: t:1: function "nope" not defined'],
    ['x\n{{ if 1 }}', 'template: t:2: unexpected EOF'],
    ['{{ .a\n\n', 'template: t:3: unclosed action started at t:1'],
    ['{{ break }}', 'template: t:1: {{break}} outside {{range}}'],
    ['{{ $x }}', 'template: t:1: undefined variable "$x"'],
    ['{{ if 1 }}{{ $x := 1 }}{{ end }}{{ $x }}', 'template: t:1: undefined variable "$x"'],
    ['{{ 1 | 2 }}', 'template: t:1: non executable command in pipeline stage 2'],
    ['{{ "a".b }}', 'template: t:1: unexpected . after term "\\"a\\""'],
    ['{{ end }}', 'template: t:1: unexpected {{end}}'],
    ['{{ if 1 }}{{ else }}{{ else }}{{ end }}', 'template: t:1: expected end; found {{else}}'],
    [
      '{{ define "a" }}1{{ end }}{{ define "a" }}2{{ end }}',
      'template: t:1: template: multiple definition of template "a"',
    ],
    ['{{ range $a, $b, $c := . }}{{ end }}', 'template: t:1: too many declarations in range'],
    ['{{ $a, $b := 1 }}', 'template: t:1: too many declarations in command'],
    ['{{ range $a, 1 }}{{ end }}', 'template: t:1: range can only initialize variables'],
    ['{{ template x }}', 'template: t:1: unexpected "x" in template clause'],
    ['{{ define "a" 1 }}{{ end }}', 'template: t:1: unexpected "1" in define clause'],
    ['{{ "abcdefghijklmnop" "x" ( }}', 'template: t:1: unclosed left paren'],
    ['{{ print "abcdefghijklmnop" := }}', 'template: t:1: unexpected ":=" in operand'],
    [`{{ ${'('.repeat(60)}1${')'.repeat(60)} }}`, 'template: t:1: max expression depth exceeded'],
  ])('%s', (text, message) => {
    expect(parseError(text)).toBe(message);
  });
});
