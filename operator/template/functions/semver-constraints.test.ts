import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConstraints, satisfiesConstraints } from './semver-constraints.ts';
import { parseVersion } from './semver-version.ts';
import { FunctionError } from './types.ts';

// Recorded from Go: `{{ semverCompare CONSTRAINT VERSION }}`. Note the pre-release rule of
// Masterminds/semver: a pre-release version matches a comparison whose version has any pre-release
// (`^1.2.3-beta` takes 1.2.4-beta), not only one on the same major.minor.patch as in npm.
const golden: [string, string, boolean][] = [
  ['^1.2.3', '1.9.9', true],
  ['^1.2.3', '2.0.0', false],
  ['^1.2.3', '1.2.2', false],
  ['^0.2.3', '0.2.9', true],
  ['^0.2.3', '0.3.0', false],
  ['^0.0.3', '0.0.3', true],
  ['^0.0.3', '0.0.4', false],
  ['^0', '0.9.9', true],
  ['^0.x', '0.9.9', true],
  ['^0.0', '0.0.9', true],
  ['^0.0', '0.1.0', false],
  ['^1.2.3', '1.5.0-beta', false],
  ['^1.2.3-beta', '1.2.3-beta.2', true],
  ['^1.2.3-beta', '1.2.4-beta', true],
  ['~1.2.3', '1.2.9', true],
  ['~1.2.3', '1.3.0', false],
  ['~1', '1.9.0', true],
  ['~1.x', '2.0.0', false],
  ['~0', '0.5.0', true],
  ['~0.0.0', '5.0.0', true],
  ['~*', '5.0.0', true],
  ['~1.2.3-beta', '1.2.3-beta.2', true],
  ['1.x', '1.9.9', true],
  ['1.x', '2.0.0', false],
  ['1.2.x', '1.2.9', true],
  ['1.2.x', '1.3.0', false],
  ['*', '1.2.3', true],
  ['*', '1.2.3-beta', false],
  ['x.2.3', '5.0.0', true],
  ['1.2.3', 'v1.2.3+b', true],
  ['=1.2.3', '1.2.3-0', false],
  ['!=1.2.3', '1.2.4-beta', true],
  ['!=1.2.3', '1.2.3', false],
  ['!=1.x', '1.5.0', false],
  ['!=1.x', '2.0.0', true],
  ['!=1.2.x', '1.2.5', false],
  ['!=1.2.x-beta', '1.2.5-alpha', true],
  ['!=*', '0.0.0', false],
  ['!=*', '0.0.1', true],
  ['>1', '1.9.9', false],
  ['>1', '2.0.0', true],
  ['>1.2', '1.2.9', false],
  ['>1.2', '1.3.0', true],
  ['>1.2.3', '1.2.4-beta', false],
  ['>1.2.3-alpha', '1.2.3-beta', true],
  ['>*', '0.0.1', true],
  ['<2', '1.9.9', true],
  ['<2', '2.0.0-beta', false],
  ['<2.0.0-0', '2.0.0-beta', false],
  ['<=1', '1.9.9', true],
  ['<=1', '2.0.0', false],
  ['<=1.2', '1.2.9', true],
  ['<=1.2', '1.3.0', false],
  ['<=1.2', '1.3.0-beta', false],
  ['<=1.x-0', '1.9.0-beta', true],
  ['>=1.2.3', '1.2.3', true],
  ['>=1.2.3', '1.2.3-beta', false],
  ['>=1.2.3-0', '1.2.3-beta', true],
  ['=>1.2.3', '1.2.3', true],
  ['=<1.2.3', '1.2.3', true],
  ['1.2 - 1.4.5', '1.4.5', true],
  ['1.2 - 1.4.5', '1.4.6', false],
  ['1.2 - 1.4', '1.4.9', true],
  ['1.2 - 1.4', '1.5.0', false],
  ['>=1.2, <2', '1.5.0', true],
  ['>=1.2 <2', '2.0.0', false],
  ['^1.2 || ~2.3', '2.3.9', true],
  ['^1.2 || ~2.3', '2.4.0', false],
  ['1||2', '2.5.0', true],
  ['1.*', '1.3.0', true],
  ['>=1.20.0-0', 'v1.27.3-eks-4f4795d', true],
  ['>= 1.19-0', '1.25.4+k3s1', true],
  ['^1.2', '01.2.3', true],
];

// Recorded from Go: the reason semverCompare fails with. Go's "improper constraint: TEXT" quotes the
// constraint; Ferry leaves it out.
const errors: [string, string][] = [
  ['', 'improper constraint'],
  ['>=1.2,', 'improper constraint'],
  ['1.2.3.4', 'improper constraint'],
  ['>=1.2 - 2', 'improper constraint'],
  ['1 - 2 - 3 - 4', 'improper constraint'],
  ['1.2 ||', 'improper constraint'],
  ['1|2', 'constraint Parser Error'],
  ['1x', 'constraint Parser Error'],
  ['1.2.3-01', 'constraint Parser Error'],
  ['99999999999999999999', 'constraint Parser Error'],
  // The first bad group decides.
  ['1x || a', 'constraint Parser Error'],
  ['a || 1x', 'improper constraint'],
];

describe('semverCompare constraints', () => {
  it.each(golden)('%j against %j is %s', (constraint, version, expected) => {
    expect(satisfiesConstraints(parseConstraints(constraint), parseVersion(version))).toBe(expected);
  });

  it.each(errors)('%j fails with %s', (constraint, reason) => {
    expect(() => parseConstraints(constraint)).toThrow(new RegExp(`^${reason}`));
  });

  it('leaves the constraint out of its error message', () => {
    expect(() => parseConstraints('hunter2')).toThrow('improper constraint: … (write comparisons');
  });

  it('fails only with a FunctionError on any text', () => {
    const unit = fc.constantFrom(...'v012.-+xX*|^~<>=!, \t\u000bab'.split(''));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (text) => {
        try {
          satisfiesConstraints(parseConstraints(text), parseVersion('1.2.3-beta'));
        } catch (error) {
          expect(error).toBeInstanceOf(FunctionError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads a megabyte of comparisons in linear time', () => {
    const started = performance.now();
    const text = '>=1.2.3 '.repeat(1 << 17);
    expect(satisfiesConstraints(parseConstraints(text), parseVersion('1.2.3'))).toBe(true);
    expect(
      satisfiesConstraints(parseConstraints(`${'>=1.2.3||'.repeat(1 << 16)}1`), parseVersion('1.0.0')),
    ).toBe(true);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
