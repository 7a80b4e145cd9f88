import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkMetadata,
  checkPrerelease,
  compareVersions,
  formatVersion,
  parseVersion,
  type SemanticVersion,
} from './semver-version.ts';
import { FunctionError } from './types.ts';

function describeVersion(text: string): string {
  try {
    const { major, minor, patch, prerelease, metadata } = parseVersion(text);
    return `${major}|${minor}|${patch}|${prerelease}|${metadata}|${formatVersion(parseVersion(text))}`;
  } catch (error) {
    if (error instanceof FunctionError) return error.message;
    throw error;
  }
}

// Recorded from Go (`{{ $v := semver TEXT }}{{ $v.Major }}|…|{{ $v }}`, or the error's reason).
const parsed: [string, string][] = [
  ['1', '1|0|0|||1.0.0'],
  ['1.2', '1|2|0|||1.2.0'],
  ['1.2.3', '1|2|3|||1.2.3'],
  ['v1', '1|0|0|||1.0.0'],
  ['v1.2.3', '1|2|3|||1.2.3'],
  ['V1.2.3', 'Invalid Semantic Version'],
  ['01.02.03', '1|2|3|||1.2.3'],
  ['1.2.3.4', 'Invalid Semantic Version'],
  ['1.2.3-', 'Invalid Semantic Version'],
  ['1.2.3+', 'Invalid Semantic Version'],
  ['1-alpha', '1|0|0|alpha||1.0.0-alpha'],
  ['1.2-beta.1+b', '1|2|0|beta.1|b|1.2.0-beta.1+b'],
  ['1.2.3-01', 'Version segment starts with 0'],
  ['1.2.3-0', '1|2|3|0||1.2.3-0'],
  ['1.2.3-00a', '1|2|3|00a||1.2.3-00a'],
  ['1.2.3-a.01', 'Version segment starts with 0'],
  ['1.2.3+01', '1|2|3||01|1.2.3+01'],
  ['1.2.3+a..b', 'Invalid Semantic Version'],
  ['1.2.3-a..b', 'Invalid Semantic Version'],
  [' 1.2.3', 'Invalid Semantic Version'],
  ['', 'Invalid Semantic Version'],
  ['v', 'Invalid Semantic Version'],
  ['1.2.3-\u03b1', 'Invalid Semantic Version'],
  ['18446744073709551615', '18446744073709551615|0|0|||18446744073709551615.0.0'],
  ['1.2.3--', '1|2|3|-||1.2.3--'],
  ['1.2.3-a-b+c-d', '1|2|3|a-b|c-d|1.2.3-a-b+c-d'],
  ['1.2.x', 'Invalid Semantic Version'],
  ['1.2.3-0001.2', 'Version segment starts with 0'],
  ['0000000000000000000000000001', '1|0|0|||1.0.0'],
  // Go quotes the digits ("18446744073709551616"); Ferry does not.
  [
    '18446744073709551616',
    'Error parsing version segment: strconv.ParseUint: parsing "…": value out of range',
  ],
];

// Recorded from Go: `{{ (semver A).Compare (semver B) }}`.
const compared: [string, string, number][] = [
  ['1.0.0-alpha', '1.0.0-alpha.1', -1],
  ['1.0.0-alpha.1', '1.0.0-alpha.beta', -1],
  ['1.0.0-beta.2', '1.0.0-beta.11', -1],
  ['1.0.0-rc.1', '1.0.0', -1],
  ['1.0.0', '1.0.0+b', 0],
  ['v1.0.0', '1.0.0', 0],
  ['1.0.1', '1.1.0', -1],
  ['2.0.0', '1.1.0', 1],
  ['1.0.0-01a', '1.0.0-1', 1],
  ['1.0.0-a.1.2', '1.0.0-a.1', 1],
  ['1.0.0-18446744073709551616', '1.0.0-18446744073709551617', -1],
  ['1.0.0-18446744073709551616', '1.0.0-1', 1],
  ['1.0.0--1', '1.0.0-1', 1],
  ['1.0.0-a.1', '1.0.0-a.01a', -1],
];

describe('parseVersion', () => {
  it.each(parsed)('%j', (text, expected) => {
    expect(describeVersion(text)).toBe(expected);
  });

  it('keeps the text it parsed as the original', () => {
    expect(parseVersion('v01.2-rc.1').original).toBe('v01.2-rc.1');
  });

  it('fails only with a FunctionError, and its canonical form parses to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'v0123456789.-+ab|x '.split('')) }), (text) => {
        let version: SemanticVersion;
        try {
          version = parseVersion(text);
        } catch (error) {
          expect(error).toBeInstanceOf(FunctionError);
          return;
        }
        const canonical = formatVersion(version);
        expect(formatVersion(parseVersion(canonical))).toBe(canonical);
      }),
    );
  });

  it('reads a megabyte of digits without big-number arithmetic', () => {
    const started = performance.now();
    expect(() => parseVersion('1'.repeat(1 << 20))).toThrow(FunctionError);
    expect(parseVersion(`${'0'.repeat(1 << 20)}7`).major).toBe(7n);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('compareVersions', () => {
  it.each(compared)('%s against %s is %i', (left, right, order) => {
    expect(compareVersions(parseVersion(left), parseVersion(right))).toBe(order);
  });
});

describe('SetPrerelease and SetMetadata checks', () => {
  // Recorded from Go: SetPrerelease/SetMetadata of each text (empty identifiers pass).
  it.each([
    ['beta.1', 'ok', 'ok'],
    ['a..b', 'ok', 'ok'],
    ['.', 'ok', 'ok'],
    ['01', 'Version segment starts with 0', 'ok'],
    ['a.01', 'Version segment starts with 0', 'ok'],
    ['a_b', 'Invalid Prerelease string', 'Invalid Metadata string'],
    ['\u03b1', 'Invalid Prerelease string', 'Invalid Metadata string'],
  ])('%j', (text, prerelease, metadata) => {
    const outcome = (check: (text: string) => void): string => {
      try {
        check(text);
        return 'ok';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect([outcome(checkPrerelease), outcome(checkMetadata)]).toEqual([prerelease, metadata]);
  });
});
