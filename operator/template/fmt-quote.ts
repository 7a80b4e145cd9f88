// Go's strconv quoting (Quote, QuoteToASCII, QuoteRune, CanBackquote), used by fmt's %q and %#v and
// by Sprig's `quote`. Strings follow go-string.ts: an escaped invalid byte is quoted as \xNN.

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const hexDigits = '0123456789abcdef';
const runeError = 0xfffd;
const namedEscapes = new Map<number, string>([
  [0x07, '\\a'],
  [0x08, '\\b'],
  [0x0c, '\\f'],
  [0x0a, '\\n'],
  [0x0d, '\\r'],
  [0x09, '\\t'],
  [0x0b, '\\v'],
]);

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrintableRune(rune: number): boolean {
  if (rune === 0x20) return true;
  if (rune < 0 || rune > 0x10ffff || (rune >= 0xd800 && rune <= 0xdfff)) return false;
  return printable.test(String.fromCodePoint(rune));
}

/** Go's strconv.Quote (or QuoteToASCII when `asciiOnly`). */
export function quoteGoString(text: string, asciiOnly = false): string {
  const parts = ['"'];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xdc80 && code <= 0xdcff) parts.push(`\\x${hex2(code - 0xdc00)}`);
    else parts.push(escapeRune(isSurrogate(code) ? runeError : code, 0x22, asciiOnly));
  }
  parts.push('"');
  return parts.join('');
}

/** Go's strconv.QuoteRune (or QuoteRuneToASCII when `asciiOnly`); invalid runes become U+FFFD. */
export function quoteGoRune(rune: number, asciiOnly = false): string {
  const valid = rune >= 0 && rune <= 0x10ffff && !isSurrogate(rune);
  return `'${escapeRune(valid ? rune : runeError, 0x27, asciiOnly)}'`;
}

/** Go's strconv.CanBackquote: a single-line raw string literal can hold it unchanged. */
export function canBackquote(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (isSurrogate(code) || code === 0xfeff) return false;
    if ((code < 0x20 && code !== 0x09) || code === 0x60 || code === 0x7f) return false;
  }
  return true;
}

function escapeRune(rune: number, quote: number, asciiOnly: boolean): string {
  if (rune === quote || rune === 0x5c) return `\\${String.fromCodePoint(rune)}`;
  if (asciiOnly ? rune < 0x80 && isPrintableRune(rune) : isPrintableRune(rune)) {
    return String.fromCodePoint(rune);
  }
  const named = namedEscapes.get(rune);
  if (named !== undefined) return named;
  if (rune < 0x20 || rune === 0x7f) return `\\x${hex2(rune)}`;
  if (rune < 0x10000) return `\\u${rune.toString(16).padStart(4, '0')}`;
  return `\\U${rune.toString(16).padStart(8, '0')}`;
}

function hex2(byte: number): string {
  return (hexDigits[byte >> 4] ?? '') + (hexDigits[byte & 0xf] ?? '');
}

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}
