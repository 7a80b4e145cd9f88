import { describe, expect, it } from 'vitest';
import { NumberSyntaxError, parseNumberLiteral } from './numbers.ts';

function kinds(text: string, kind: 'number' | 'charConstant' | 'complex' = 'number'): string {
  const literal = parseNumberLiteral(text, kind);
  const flags = [
    literal.isInt && `int=${literal.int}`,
    literal.isUint && `uint=${literal.uint}`,
    literal.isFloat && `float=${literal.float}`,
  ];
  return [literal.isComplex ? 'complex' : '', ...flags.filter(Boolean)].filter(Boolean).join(' ');
}

// Go's parse.newNumber: one literal can be an int, a uint and a float at once; the executor picks by
// spelling. Each row is observable in Go (`printf "%T %v"`, or as a typed function argument).
describe('number literals', () => {
  it.each([
    ['42', 'int=42 uint=42 float=42'],
    ['-7', 'int=-7 float=-7'],
    ['+7', 'int=7 float=7'],
    ['0x1F', 'int=31 uint=31 float=31'],
    ['017', 'int=15 uint=15 float=15'],
    ['0o17', 'int=15 uint=15 float=15'],
    ['0b101', 'int=5 uint=5 float=5'],
    ['1_000', 'int=1000 uint=1000 float=1000'],
    ['-0', 'int=0 uint=0 float=0'],
    ['3.0', 'int=3 uint=3 float=3'],
    ['1e3', 'int=1000 uint=1000 float=1000'],
    ['1.5', 'float=1.5'],
    ['.5', 'float=0.5'],
    ['0x1p-2', 'float=0.25'],
    ['0x1.8p1', 'int=3 uint=3 float=3'],
    ['18446744073709551615', 'uint=18446744073709551615 float=18446744073709552000'],
    ['-9223372036854775808', 'int=-9223372036854775808 float=-9223372036854776000'],
    ['2i', 'complex'],
    ['0i', 'complex int=0 uint=0 float=0'],
  ])('%s', (text, expected) => {
    expect(kinds(text)).toBe(expected);
  });

  it('reads character constants as runes', () => {
    expect(kinds("'a'", 'charConstant')).toBe('int=97 uint=97 float=97');
    expect(kinds("'\\n'", 'charConstant')).toBe('int=10 uint=10 float=10');
    expect(kinds("'\\xff'", 'charConstant')).toBe('int=255 uint=255 float=255');
    expect(kinds("'é'", 'charConstant')).toBe('int=233 uint=233 float=233');
  });

  it.each([
    ['99999999999999999999', 'integer overflow: "99999999999999999999"'],
    ['08', 'integer overflow: "08"'],
    ['1e400', 'illegal number syntax: "1e400"'],
    ['0x1.8', 'illegal number syntax: "0x1.8"'],
    ['1__0', 'illegal number syntax: "1__0"'],
    ['1_', 'illegal number syntax: "1_"'],
    ['1e', 'illegal number syntax: "1e"'],
  ])('rejects %s as Go does', (text, message) => {
    expect(() => parseNumberLiteral(text, 'number')).toThrow(new NumberSyntaxError(message));
  });

  it('rejects malformed character constants', () => {
    expect(() => parseNumberLiteral("'ab'", 'charConstant')).toThrow("malformed character constant: 'ab'");
    expect(() => parseNumberLiteral("''", 'charConstant')).toThrow('invalid syntax');
  });
});
