import { describe, expect, it } from 'vitest';
import { rewriteHyphenRanges } from './semver-hyphen-ranges.ts';
import { FunctionError } from './types.ts';

// Each expectation is the text Go's Masterminds/semver v3.3.0 builds, read back from its error
// message (`semverCompare "!<text>"` fails with "improper constraint: !<rewritten>" in the oracle).
const golden: [string, string][] = [
  ['1 - 2', '>= 1, <= 2 '],
  ['1.2 - 1.4.5', '>= 1.2, <= 1.4.5 '],
  ['  1.x - 2.x  ', '>= 1.x, <= 2.x '],
  ['>=1.2 - 2', '>=>= 1.2, <= 2 '],
  ['1 -2', '1 -2'],
  ['a1 - 2', 'a>= 1, <= 2 '],
  ['x.y.z1 - 2', 'x.y.z>= 1, <= 2 '],
  ['11 - 2 1 - 2', '>= 11, <= 2 >= 1, <= 2 '],
  ['1 - 23 1 - 2', '>= 1, <= 23 >= 1, <= 2 '],
  ['1.2.3 - 2 - 3', '>= 1.2.3, <= 2 - 3'],
  ['1 - 2 - 3 - 4', '>= 1, <= 2 ->= 3, <= 4 '],
  // The second range's text (" 2 - 3") first occurs inside the first replacement, and is replaced there.
  ['1 - 2 - 3 2 - 3', '>= 1, <=>= 2, <= 3  2 - 3'],
  ['1 - 2 - 3 5 - 6 2 - 3', '>= 1, <= >= 2, <= 3 >= 5, <= 6 2 - 3'],
  ['v1 - v2', '>= v1, <= v2 '],
  ['1.2.3-beta - 1.2.4+b', '>= 1.2.3-beta, <= 1.2.4+b '],
  ['1\t-\t2\n', '>= 1, <= 2 '],
  ['1 - 2\u000b', '>= 1, <= 2 \u000b'],
  ['1\u000b - 2', '1\u000b - 2'],
  ['1 - v', '1 - v'],
  ['1.2.3.4 - 5', '1.>= 2.3.4, <= 5 '],
  ['1 - 2.3.4.5', '>= 1, <= 2.3.4 .5'],
  ['x - *', '>= x, <= * '],
  ['1-a - 2-b.c', '>= 1-a, <= 2-b.c '],
  ['1+a - 2', '>= 1+a, <= 2 '],
  ['1 -  - 2', '1 -  - 2'],
  ['1 - 2 3 - 4 1 - 2', '>= 1, <= 2 >= 3, <= 4 >= 1, <= 2 '],
  ['1 - 2 1 - 2 1 - 2', '>= 1, <= 2 >= 1, <= 2 >= 1, <= 2 '],
  ['2 - 3 1 - 2 - 3', '>= 2, <= 3 >= 1, <= 2 - 3'],
  ['1.2 - 3.4 2 - 3.4', '>= 1.2, <= 3.4 >= 2, <= 3.4 '],
];

describe('rewriteHyphenRanges', () => {
  it.each(golden)('%j becomes %j', (text, rewritten) => {
    expect(rewriteHyphenRanges(text)).toBe(rewritten);
  });

  it('takes linear time on a megabyte of text that almost holds a range', () => {
    const started = performance.now();
    for (const text of [
      `${'1'.repeat(1 << 20)}a - 2`,
      `${'1'.repeat(1000)}a `.repeat(1000),
      `${' '.repeat(1 << 20)}x - `,
      `1-${'a.'.repeat(1 << 19)} - `,
    ]) {
      rewriteHyphenRanges(text);
    }
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses a text of hundreds of thousands of ranges instead of replacing each', () => {
    expect(() => rewriteHyphenRanges('1 - 2 '.repeat(100_000))).toThrow(FunctionError);
    expect(rewriteHyphenRanges('1 - 2 '.repeat(1000))).toBe('>= 1, <= 2 '.repeat(1000));
  });
});
