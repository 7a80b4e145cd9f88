import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderTemplate, stringMap, TemplateError, templateFunctions } from '../index.ts';
import { GoObject, type GoValue } from '../values.ts';
import { SemverVersionPointer, SemverVersionValue } from './semver-objects.ts';
import { parseVersion } from './semver-version.ts';
import { FunctionError } from './types.ts';

const functions = templateFunctions({
  now: () => new Date(0),
  randomBytes: (length) => new Uint8Array(length),
});

function render(template: string): string {
  try {
    return renderTemplate('t', template, stringMap({}), { functions });
  } catch (error) {
    if (error instanceof TemplateError) return `ERR ${error.message}`;
    throw error;
  }
}

// Each expectation is Go's text/template + Sprig v3.3.0 (recorded with the template oracle).
const golden: [string, string][] = [
  ['{{ semver "v1.2" }}', '1.2.0'],
  [
    '{{ semver "1.2.3-x" | printf "%T" }} {{ (semver "1").IncMajor | printf "%T" }}',
    '*semver.Version semver.Version',
  ],
  ['{{ (semver "v1.2.3-beta.1+b").Original }}', 'v1.2.3-beta.1+b'],
  [
    '{{ $v := semver "v1.2.3-a+b" }}{{ $v.IncMajor }} {{ $v.IncMinor }} {{ $v.IncPatch }}',
    '2.0.0 1.3.0 1.2.3',
  ],
  ['{{ ((semver "v1.2.3").SetPrerelease "rc.1").SetMetadata "b5" }}', '1.2.3-rc.1+b5'],
  ['{{ (semver "1.2.3").IncPatch | toJson }} {{ semver "1.2.3" | toJson }}', '"1.2.4" "1.2.3"'],
  ['{{ (semver "1.2.3").MarshalJSON }}', '[34 49 46 50 46 51 34]'],
  ['{{ (semver "1.2.3").Compare (semver "1.2.4") }} {{ (semver "1.0.0").Equal nil }}', '-1 false'],
  [
    '{{ eq (semver "1.2.3").IncMajor (semver "1.2.3").IncMajor }} {{ eq (semver "1") (semver "1") }}',
    'true false',
  ],
  ['{{ $v := semver "1.2.3" }}{{ $v.Scan 5 }} {{ $v }}', 'Invalid Semantic Version 1.2.3'],
  ['{{ $v := semver "1.2.3" }}{{ if $v.Scan "v2.0.0" }}{{ end }}{{ $v }} {{ $v.Original }}', '2.0.0 v2.0.0'],
  ['{{ semverCompare "^1.2 || >=2.1.0-0" "2.1.0-rc.1" }} {{ semverCompare "~1.2" "1.3.0" }}', 'true false'],
  [
    '{{ semver "1.2.3-01" }}',
    'ERR template: t:1:3: executing "t" at <semver "1.2.3-01">: error calling semver: Version segment starts with 0',
  ],
  [
    '{{ (semver "v1.2.3").IncMajor.Original }}',
    `ERR template: t:1:11: executing "t" at <"v1.2.3">: can't evaluate field Original in type semver.Version`,
  ],
  [
    '{{ (semver "1.2.3").SetPrerelease "a_b" }}',
    'ERR template: t:1:19: executing "t" at <(semver "1.2.3").SetPrerelease>: error calling SetPrerelease: Invalid Prerelease string',
  ],
  [
    '{{ (semver "1.2.3").LessThan nil }}',
    'ERR template: t:1:19: executing "t" at <(semver "1.2.3").LessThan>: error calling LessThan: runtime error: invalid memory address or nil pointer dereference',
  ],
  [
    '{{ (semver "1.2.3").LessThan ((semver "1.2.3").IncMajor) }}',
    'ERR template: t:1:38: executing "t" at <"1.2.3">: wrong type for value; expected *semver.Version; got semver.Version',
  ],
  [
    '{{ semverCompare "1|2" "1.0.0" }}',
    'ERR template: t:1:3: executing "t" at <semverCompare "1|2" "1.0.0">: error calling semverCompare: constraint Parser Error',
  ],
];

describe('semver and semverCompare in templates', () => {
  it.each(golden)('%s', (template, expected) => {
    expect(render(template)).toBe(expected);
  });
});

describe('the methods of semver values', () => {
  const made = ['1.2.3', 'v0.1.0-beta.1+b', '18446744073709551615.0.0'].flatMap((text) => {
    const pointer = new SemverVersionPointer(parseVersion(text));
    return [pointer, new SemverVersionValue(pointer.version)];
  });
  const argument: fc.Arbitrary<GoValue> = fc.oneof(
    fc.constantFrom<GoValue>(null, true, 1n, 1.5, new Uint8Array([1]), ...made),
    fc.string({ maxLength: 10 }),
  );

  it('return a value or fail with a FunctionError, whatever they are given', () => {
    fc.assert(
      fc.property(fc.constantFrom(...made), fc.array(argument, { maxLength: 2 }), (version, args) => {
        for (const [, method] of version.methods()) {
          try {
            const result = method.call(...args);
            if (result instanceof GoObject) expect(result.stringer()).toBeTypeOf('string');
          } catch (error) {
            expect(error).toBeInstanceOf(FunctionError);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
