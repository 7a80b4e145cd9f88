// Go's strconv.Unquote and UnquoteChar, for the string and character literals of a template:
// "..." with Go's escapes (\a \b \f \n \r \t \v \\ \" \xHH \ooo \uHHHH \UHHHHHHHH), `...` raw
// (carriage returns dropped) and '...'. \x and octal escapes are bytes, so "\xc3\xa9" is "é" and a
// byte that is not UTF-8 is kept as go-string.ts escapes it.
import { goStringFromBytes, goStringToBytes } from './go-string.ts';

/** Go's strconv.ErrSyntax, reported by the parser as `template: NAME:LINE: invalid syntax`. */
export class LiteralSyntaxError extends Error {
  override readonly name = 'LiteralSyntaxError';
  constructor() {
    super('invalid syntax');
  }
}

const simpleEscapes: ReadonlyMap<string, number> = new Map([
  ['a', 0x07],
  ['b', 0x08],
  ['f', 0x0c],
  ['n', 0x0a],
  ['r', 0x0d],
  ['t', 0x09],
  ['v', 0x0b],
  ['\\', 0x5c],
]);

interface UnquotedChar {
  /** The rune, or for \x and octal escapes the byte value. */
  value: number;
  /** False when `value` is a single byte (\x, octal) rather than a rune. */
  isRune: boolean;
  /** The rest of the input. */
  tail: string;
}

function hexValue(char: string): number {
  const code = char.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return -1;
}

/** Go's strconv.UnquoteChar: the first character or escape of `text` inside `quote` quotes. */
export function unquoteChar(text: string, quote: '"' | "'"): UnquotedChar {
  const first = text.codePointAt(0);
  if (first === undefined) throw new LiteralSyntaxError();
  const firstChar = String.fromCodePoint(first);
  if (firstChar === quote) throw new LiteralSyntaxError();
  if (firstChar !== '\\') {
    const isEscapedByte = first >= 0xd800 && first <= 0xdfff;
    return { value: isEscapedByte ? 0xfffd : first, isRune: true, tail: text.slice(firstChar.length) };
  }
  if (text.length <= 1) throw new LiteralSyntaxError();
  const escape = text.charAt(1);
  const rest = text.slice(2);
  const simple = simpleEscapes.get(escape);
  if (simple !== undefined) return { value: simple, isRune: true, tail: rest };
  if (escape === 'x' || escape === 'u' || escape === 'U') {
    const length = escape === 'x' ? 2 : escape === 'u' ? 4 : 8;
    if (rest.length < length) throw new LiteralSyntaxError();
    let value = 0;
    for (let index = 0; index < length; index++) {
      const digit = hexValue(rest.charAt(index));
      if (digit < 0) throw new LiteralSyntaxError();
      value = value * 16 + digit;
    }
    if (escape === 'x') return { value, isRune: false, tail: rest.slice(length) };
    if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) throw new LiteralSyntaxError();
    return { value, isRune: true, tail: rest.slice(length) };
  }
  if (escape >= '0' && escape <= '7') {
    if (rest.length < 2) throw new LiteralSyntaxError();
    let value = Number(escape);
    for (let index = 0; index < 2; index++) {
      const digit = rest.charCodeAt(index) - 0x30;
      if (digit < 0 || digit > 7) throw new LiteralSyntaxError();
      value = value * 8 + digit;
    }
    if (value > 255) throw new LiteralSyntaxError();
    return { value, isRune: false, tail: rest.slice(2) };
  }
  if (escape === "'" || escape === '"') {
    if (escape !== quote) throw new LiteralSyntaxError();
    return { value: escape.charCodeAt(0), isRune: true, tail: rest };
  }
  throw new LiteralSyntaxError();
}

/** Go's strconv.Unquote of a "..." or `...` literal, quotes included. */
export function unquoteString(literal: string): string {
  if (literal.length < 2) throw new LiteralSyntaxError();
  const quote = literal.charAt(0);
  if (literal.charAt(literal.length - 1) !== quote) throw new LiteralSyntaxError();
  const body = literal.slice(1, -1);
  if (quote === '`') {
    if (body.includes('`')) throw new LiteralSyntaxError();
    return body.replaceAll('\r', '');
  }
  if (quote !== '"' || body.includes('\n')) throw new LiteralSyntaxError();
  if (!body.includes('\\') && !body.includes('"')) return body;
  const bytes: number[] = [];
  for (let rest = body; rest.length > 0;) {
    const plain = String.fromCodePoint(rest.codePointAt(0) ?? 0);
    if (plain === '"') throw new LiteralSyntaxError();
    if (plain !== '\\') {
      bytes.push(...goStringToBytes(plain)); // keeps an escaped non-UTF-8 byte as that byte
      rest = rest.slice(plain.length);
      continue;
    }
    const char = unquoteChar(rest, '"');
    if (char.isRune) bytes.push(...goStringToBytes(String.fromCodePoint(char.value)));
    else bytes.push(char.value);
    rest = char.tail;
  }
  return goStringFromBytes(Uint8Array.from(bytes));
}
