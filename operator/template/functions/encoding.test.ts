// Sprig's encodings, JSON, regex, path and digest functions, called directly
// Every expectation is what Go's text/template + Sprig v3.3.0 rendered for `{{ NAME ARGS... }}`
// (Go 1.26), recorded from the oracle: "out" rows are the printed result, "err" rows the reason
// after Go's `error calling NAME:`. test/template/functions-*.test.ts re-check a share of them live.
import { describe, expect, it } from 'vitest';
import { stringMap } from '../values.ts';
import { bytes, dict, expectGolden, render, type GoldenCase } from './test-support.ts';

const cases: GoldenCase[] = [
  ['out', 'regexMatch', ['^a.c$', 'abc'], 'true'],
  ['out', 'regexMatch', ['(', 'a'], 'false'],
  ['out', 'regexFind', ['b+', 'abbbc'], 'bbb'],
  ['out', 'regexFind', ['x', 'abc'], ''],
  ['out', 'regexFindAll', ['a*', 'baaac', -1n], '[ aaa ]'],
  ['out', 'regexFindAll', ['', 'abc', -1n], '[   ]'],
  ['out', 'regexFindAll', ['[0-9]+', 'a1b22c333', 2n], '[1 22]'],
  ['out', 'regexFindAll', ['x', 'abc', -1n], '[]'],
  ['out', 'regexFindAll', ['é', 'aéé', -1n], '[é é]'],
  [
    'out',
    'regexReplaceAll',
    ['(?P<first>\\w+) (\\w+)', 'hello world', '${2}-$first-$1x-$$-${9}-${first}'],
    'world-hello--$--hello',
  ],
  ['out', 'regexReplaceAll', ['a*', 'baaac', '<$0>'], '<>b<aaa>c<>'],
  ['out', 'regexReplaceAll', ['', 'abc', '-'], '-a-b-c-'],
  ['out', 'regexReplaceAll', ['a(x*)b', '-ab-axxb-', '${1}W'], '-W-xxW-'],
  ['out', 'regexReplaceAll', ['a(x*)b', '-ab-axxb-', '$1W'], '---'],
  ['out', 'regexReplaceAll', ['(a)', 'a', '$'], '$'],
  ['out', 'regexReplaceAll', ['(a)', 'a', '${'], '${'],
  ['out', 'regexReplaceAll', ['(a)', 'a', '${1'], '${1'],
  ['out', 'regexReplaceAll', ['(a)', 'a', '$01'], ''],
  ['out', 'regexReplaceAllLiteral', ['(a)', 'aba', '$1'], '$1b$1'],
  ['out', 'regexSplit', [',', 'a,b,,c', -1n], '[a b  c]'],
  ['out', 'regexSplit', [',', 'a,b,,c', 2n], '[a b,,c]'],
  ['out', 'regexSplit', [',', 'a,b,,c', 0n], '[]'],
  ['out', 'regexSplit', ['', 'abc', -1n], '[a b c]'],
  ['out', 'regexSplit', ['x*', 'axbxxc', -1n], '[a b c]'],
  ['out', 'regexSplit', [',', '', -1n], '[]'],
  ['out', 'regexSplit', ['', '', -1n], '[]'],
  ['out', 'regexQuoteMeta', ['a.b*c[d]'], 'a\\.b\\*c\\[d\\]'],
  ['out', 'regexMatch', ['(?i)ABC', 'xabcx'], 'true'],
  ['out', 'regexFind', ['\\pL+', 'héllo1'], 'héllo'],
  ['out', 'regexFind', ['[[:alpha:]]+', '12ab'], 'ab'],
  ['out', 'regexFind', ['(?s)a.b', 'a\nb'], 'a\nb'],
  ['out', 'regexMatch', ['\\Ax\\z', 'x'], 'true'],
  [
    'out',
    'toJson',
    [
      dict(
        'a',
        '<&>',
        'b',
        1000000,
        'c',
        1e-7,
        'd',
        1e21,
        'e',
        123456789,
        'f',
        bytes(104, 105),
        'g',
        [],
        'h',
        null,
        'i',
        ' \b\f\u0001\t',
        'j',
        0.1,
        'k',
        -0,
        'l',
        5n,
        'm',
        true,
      ),
    ],
    '{"a":"\\u003c\\u0026\\u003e","b":1000000,"c":1e-7,"d":1e+21,"e":123456789,"f":"aGk=","g":[],"h":null,"i":"\\u2028\\b\\f\\u0001\\t","j":0.1,"k":-0,"l":5,"m":true}',
  ],
  ['out', 'toRawJson', [dict('a', '<&>')], '{"a":"<&>"}'],
  [
    'out',
    'toPrettyJson',
    [dict('a', [1n, dict()], 'b', dict('c', []))],
    '{\n  "a": [\n    1,\n    {}\n  ],\n  "b": {\n    "c": []\n  }\n}',
  ],
  ['out', 'toPrettyJson', [[]], '[]'],
  ['out', 'toJson', [NaN], ''],
  ['err', 'mustToJson', [NaN], 'json: unsupported value: NaN'],
  ['err', 'toRawJson', [NaN], 'json: unsupported value: NaN'],
  ['out', 'toJson', ['x'], '"x"'],
  ['out', 'toJson', [stringMap({ z: '1', a: '2' })], '{"a":"2","z":"1"}'],
  [
    'out',
    'toJson',
    [[1.5, 2e-7, 100000000000000000000, 123.456, -0.000001]],
    '[1.5,2e-7,100000000000000000000,123.456,-0.000001]',
  ],
  ['out', 'mustToRawJson', ['é"\\'], '"é\\"\\\\"'],
  [
    'out',
    'fromJson',
    ['{"b":1,"a":[1,2.5,"x",null,true],"c":{}}'],
    'map[a:[1 2.5 x <nil> true] b:1 c:map[]]',
  ],
  ['out', 'fromJson', ['1e400'], '<no value>'],
  ['out', 'fromJson', ['  '], '<no value>'],
  ['out', 'fromJson', ['[1,]'], '<no value>'],
  ['out', 'fromJson', ['"s"'], 's'],
  ['out', 'fromJson', ['12345678901234567890'], '1.2345678901234567e+19'],
  ['err', 'mustFromJson', [''], 'unexpected end of JSON input'],
  ['err', 'mustFromJson', ['{"a":1'], 'unexpected end of JSON input'],
  ['out', 'fromJson', ['{"__proto__":1,"constructor":2}'], 'map[__proto__:1 constructor:2]'],
  ['out', 'base', ['/a/b/'], 'b'],
  ['out', 'base', [''], '.'],
  ['out', 'base', ['///'], '/'],
  ['out', 'dir', ['a/b/c'], 'a/b'],
  ['out', 'dir', ['/a'], '/'],
  ['out', 'dir', ['abc'], '.'],
  ['out', 'clean', ['a//b/../c/./d/'], 'a/c/d'],
  ['out', 'clean', ['/../a'], '/a'],
  ['out', 'clean', ['../../a/..'], '../..'],
  ['out', 'ext', ['a/b.tar.gz'], '.gz'],
  ['out', 'ext', ['a.b/c'], ''],
  ['out', 'isAbs', ['/x'], 'true'],
  ['out', 'hello', [], 'Hello!'],
  ['out', 'adler32sum', ['Wikipedia'], '300286872'],
  ['out', 'sha1sum', ['é'], 'bf15be717ac1b080b4f1c456692825891ff5073d'],
];

describe("Sprig's encodings, JSON, regex, path and digest functions, called directly", () => {
  it.each(cases)('%s of %s(%o)', (...row) => {
    expectGolden(row, expect);
  });

  it('names what is wrong with a regular expression but not the pattern, which may be secret', () => {
    // Go: error parsing regexp: missing closing ): `(`
    expect(() => render('mustRegexMatch', ['(', 'a'])).toThrow(/^error parsing regexp: missing closing \)$/);
    expect(() => render('regexFind', ['(', 'abc'])).toThrow(
      /^regexp: Compile\(`…`\): error parsing regexp: missing closing \)$/,
    );
    expect(render('regexMatch', ['(', 'a'])).toBe('false');
  });

  it('keeps decoded bytes that are not UTF-8', () => {
    expect(render('b64dec', ['/w=='])).toBe(String.fromCharCode(0xdcff));
    expect(render('b64enc', [String.fromCharCode(0xdcff)])).toBe('/w==');
  });
});
