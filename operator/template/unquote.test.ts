import { describe, expect, it } from 'vitest';
import { goStringToBytes } from './go-string.ts';
import { unquoteString } from './unquote.ts';

// Go's strconv.Unquote, as the template parser applies it to string literals.
describe('string literals', () => {
  it('decodes Go escapes, \\x and octal as bytes', () => {
    expect(unquoteString('"a\\"b\\\\c\\n\\t\\a\\b\\f\\r\\v"')).toBe('a"b\\c\n\t\x07\b\f\r\v');
    expect(unquoteString('"\\x41\\101\\u00e9\\U0001F600"')).toBe('AAé😀');
    expect(unquoteString('"\\xc3\\xa9"')).toBe('é');
    expect(Array.from(goStringToBytes(unquoteString('"\\xff\\xfe"')))).toEqual([0xff, 0xfe]);
  });

  it('keeps raw strings as written, less carriage returns', () => {
    expect(unquoteString('`a\\n\r\nb`')).toBe('a\\n\nb');
  });

  it.each(['"\\q"', '"\\\'"', '"\\400"', '"\\ud800"', '"\\x4"', '"a', '"a\nb"'])('rejects %s', (literal) => {
    expect(() => unquoteString(literal)).toThrow('invalid syntax');
  });
});
