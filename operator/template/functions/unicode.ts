// Go's unicode predicates and simple (one rune to one rune) case mappings. JavaScript's
// toUpperCase applies full mappings ("ß" → "SS"), which Go's strings.ToUpper never does.

/** unicode.IsSpace */
export function isSpace(rune: number): boolean {
  if (rune <= 0xff) return rune === 0x20 || (rune >= 0x09 && rune <= 0x0d) || rune === 0x85 || rune === 0xa0;
  return (
    rune === 0x1680 ||
    (rune >= 0x2000 && rune <= 0x200a) ||
    rune === 0x2028 ||
    rune === 0x2029 ||
    rune === 0x202f ||
    rune === 0x205f ||
    rune === 0x3000
  );
}

const letter = /^\p{L}$/u;
const digit = /^\p{Nd}$/u;
const upper = /^\p{Lu}$/u;
const lower = /^\p{Ll}$/u;

export function isLetter(rune: number): boolean {
  return rune >= 0 && letter.test(String.fromCodePoint(rune));
}

export function isDigit(rune: number): boolean {
  return rune >= 0 && digit.test(String.fromCodePoint(rune));
}

export function isUpper(rune: number): boolean {
  return rune >= 0 && upper.test(String.fromCodePoint(rune));
}

export function isLower(rune: number): boolean {
  return rune >= 0 && lower.test(String.fromCodePoint(rune));
}

/** unicode.ToUpper */
export function toUpperRune(rune: number): number {
  return simpleMapping(rune, (text) => text.toUpperCase());
}

/** The title-case letters: the digraphs ǅ ǈ ǋ ǲ, whose upper and lower forms title-case to them. */
const titleForms = new Map<number, number>([
  [0x1c4, 0x1c5],
  [0x1c5, 0x1c5],
  [0x1c6, 0x1c5],
  [0x1c7, 0x1c8],
  [0x1c8, 0x1c8],
  [0x1c9, 0x1c8],
  [0x1ca, 0x1cb],
  [0x1cb, 0x1cb],
  [0x1cc, 0x1cb],
  [0x1f1, 0x1f2],
  [0x1f2, 0x1f2],
  [0x1f3, 0x1f2],
]);

/** unicode.ToTitle */
export function toTitleRune(rune: number): number {
  return titleForms.get(rune) ?? toUpperRune(rune);
}

/** unicode.IsTitle */
export function isTitle(rune: number): boolean {
  return rune >= 0 && /^\p{Lt}$/u.test(String.fromCodePoint(rune));
}

/** unicode.ToLower */
export function toLowerRune(rune: number): number {
  if (rune === 0x130) return 0x69; // İ: JavaScript's full mapping adds a combining dot
  return simpleMapping(rune, (text) => text.toLowerCase());
}

function simpleMapping(rune: number, map: (text: string) => string): number {
  if (rune < 0 || (rune >= 0xd800 && rune <= 0xdfff)) return rune;
  const mapped = map(String.fromCodePoint(rune));
  const first = mapped.codePointAt(0) ?? rune;
  return String.fromCodePoint(first).length === mapped.length ? first : rune;
}

/** strings.Map over runes; an invalid byte (an escaped surrogate) becomes U+FFFD, as in Go. */
export function mapRunes(text: string, map: (rune: number) => number): string {
  let result = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    result += String.fromCodePoint(code >= 0xd800 && code <= 0xdfff ? 0xfffd : map(code));
  }
  return result;
}
