import { describe, expect, it } from 'vitest';
import { fixed, method, signed, variadic, type SignedFunction } from './functions/signature.ts';
import { renderTemplate, stringMap, TemplateError } from './index.ts';
import { GoObject, type GoMethod, type GoValue } from './values.ts';

/** A struct with two exported fields, like Sprig's certificate. */
class Pair extends GoObject {
  readonly goType = 'test.certificate';
  readonly cert: string;
  readonly key: string;
  constructor(cert: string, key: string) {
    super();
    this.cert = cert;
    this.key = key;
  }
  override fields(): ReadonlyMap<string, GoValue> {
    return new Map([
      ['Cert', this.cert],
      ['Key', this.key],
    ]);
  }
}

/** A pointer to a struct with unexported fields, methods and String(), like *semver.Version. */
class Version extends GoObject {
  readonly goType = '*test.Version';
  readonly major: bigint;
  constructor(major: bigint) {
    super();
    this.major = major;
  }
  override methods(): ReadonlyMap<string, GoMethod> {
    return new Map([
      ['Major', method('Major', [], () => this.major)],
      ['Add', method('Add', ['int'], (n) => new Version(this.major + n))],
    ]);
  }
  override stringer(): string {
    return `${this.major}.0.0`;
  }
}

const functions = new Map<string, SignedFunction>([
  [
    'cert',
    signed(
      'cert',
      fixed([], () => new Pair('C', 'K')),
    ),
  ],
  [
    'ver',
    signed(
      'ver',
      fixed(['int'], (n) => new Version(n)),
    ),
  ],
  [
    'takeCert',
    signed(
      'takeCert',
      fixed(['test.certificate'], (pair) => (pair as Pair).key),
    ),
  ],
  [
    'list',
    signed(
      'list',
      variadic([], 'interface {}', (...values) => values),
    ),
  ],
]);

function render(template: string): string {
  try {
    return renderTemplate('t', template, stringMap({}), { functions });
  } catch (error) {
    if (error instanceof TemplateError) return `ERR ${error.message}`;
    throw error;
  }
}

// Each expectation is Go 1.26's text/template over the same struct and pointer types (recorded with
// a scratch Go program whose types were named test.certificate and *test.Version).
const golden: [string, string][] = [
  ['{{ cert }}', '{C K}'],
  ['{{ printf "%+v" cert }}', '{Cert:C Key:K}'],
  ['{{ printf "%#v" cert }}', 'test.certificate{Cert:"C", Key:"K"}'],
  ['{{ printf "%T" cert }}', 'test.certificate'],
  ['{{ printf "%d" cert }}', '{%!d(string=C) %!d(string=K)}'],
  ['{{ cert.Cert }}', 'C'],
  [
    '{{ cert.Nope }}',
    `ERR template: t:1:3: executing "t" at <cert>: can't evaluate field Nope in type test.certificate`,
  ],
  [
    '{{ cert.Cert 1 }}',
    'ERR template: t:1:3: executing "t" at <cert>: Cert has arguments but cannot be invoked as function',
  ],
  ['{{ ver 3 }}', '3.0.0'],
  ['{{ printf "%q" (ver 3) }}', '"3.0.0"'],
  ['{{ (ver 3).Major }}', '3'],
  ['{{ (ver 3).Add 2 }}', '5.0.0'],
  ['{{ ((ver 3).Add 2).Major }}', '5'],
  ['{{ 2 | (ver 3).Add }}', '5.0.0'],
  ['{{ $v := ver 3 }}{{ $v.Major }}', '3'],
  [
    '{{ (ver 3).Add }}',
    'ERR template: t:1:8: executing "t" at <3>: wrong number of args for Add: want 1 got 0',
  ],
  ['{{ (ver 3).Add "x" }}', 'ERR template: t:1:15: executing "t" at <"x">: expected integer; found "x"'],
  ['{{ list (ver 3) cert }}', '[3.0.0 {C K}]'],
  ['{{ takeCert cert }}', 'K'],
  [
    '{{ takeCert "x" }}',
    `ERR template: t:1:12: executing "t" at <"x">: can't handle "x" for arg of type test.certificate`,
  ],
  [
    '{{ takeCert nil }}',
    'ERR template: t:1:12: executing "t" at <nil>: cannot assign nil to test.certificate',
  ],
  ['{{ eq cert cert }}', 'true'],
  ['{{ eq (ver 1) (ver 1) }}', 'false'],
  ['{{ if cert }}y{{ end }}', 'y'],
  [
    '{{ len cert }}',
    'ERR template: t:1:3: executing "t" at <len cert>: error calling len: len of type test.certificate',
  ],
  [
    '{{ index cert "Cert" }}',
    'ERR template: t:1:3: executing "t" at <index cert "Cert">: error calling index: can\'t index item of type test.certificate',
  ],
];

describe('struct values returned by functions', () => {
  it.each(golden)('%s', (template, expected) => {
    expect(render(template)).toBe(expected);
  });
});
