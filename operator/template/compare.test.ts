import { describe, expect, it } from 'vitest';
import { eq, ge, gt, le, lt, ne } from './compare.ts';
import { GoMap } from './values.ts';

// Expectations are Go's, recorded with the oracle (e.g. `{{ lt "Ａ" "😀" }}` is true in Go: strings
// order by bytes, which is code point order, not JavaScript's UTF-16 order).
describe('eq and ne', () => {
  it('compare values of one basic kind, any number of alternatives for eq', () => {
    expect([
      eq(1n, 1n),
      eq(1n, 2n),
      eq(2n, 1n, 2n),
      eq('a', 'b', 'a'),
      eq(true, false),
      eq(1.5, 1.5),
    ]).toEqual([true, false, true, true, false, true]);
    expect([ne(1n, 2n), ne('a', 'a')]).toEqual([true, false]);
  });

  it('treat nil as equal only to nil, without complaint', () => {
    expect([eq(null, null), eq('a', null), eq(null, 1n), eq([], null), eq(null, new GoMap())]).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('stop at the first match, before a later incompatible alternative', () => {
    expect(eq(1n, 1n, 'x')).toBe(true);
    expect(() => eq(1n, 2n, 'x')).toThrow('incompatible types for comparison: int and string');
  });

  it('refuse different kinds, ints against floats included, and composite values', () => {
    expect(() => eq(1n, 1.0)).toThrow('incompatible types for comparison: int and float64');
    expect(() => ne(1n, 1.5)).toThrow('incompatible types for comparison: int and float64');
    expect(() => eq(1n)).toThrow('missing argument for comparison');
    expect(() => eq([1n], [1n])).toThrow('non-comparable type []interface {}');
    expect(() => eq(new GoMap([['k', 'secret']]), [])).toThrow(
      'non-comparable types map[string]interface {} and []interface {}',
    );
    expect(() => eq(new GoMap([['k', 'secret']]), new GoMap())).not.toThrow(/secret/);
  });
});

describe('lt, le, gt, ge', () => {
  it('order ints, floats and strings (by code point)', () => {
    expect([lt(1n, 2n), lt('b', 'a'), lt('Z', 'a'), lt('é', 'z'), lt('\uFF21', '\u{1F600}')]).toEqual([
      true,
      false,
      true,
      false,
      true,
    ]);
    expect([le(2n, 2n), gt(1.5, 0.5), ge('a', 'b'), gt(1n, 1n), ge(1n, 1n)]).toEqual([
      true,
      true,
      false,
      false,
      true,
    ]);
  });

  it('refuse nil, booleans and mixed kinds', () => {
    expect(() => lt(null, 1n)).toThrow('invalid type for comparison');
    expect(() => lt(false, true)).toThrow('invalid type for comparison');
    expect(() => lt(1n, 1.5)).toThrow('incompatible types for comparison: int and float64');
    expect(() => le([], [])).toThrow('invalid type for comparison');
  });
});
