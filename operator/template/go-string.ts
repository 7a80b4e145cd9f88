// A Go string is a sequence of bytes that is usually, but not always, UTF-8: Sprig's `b64dec` of a
// keystore yields arbitrary bytes, and templates pass them on to the Secret unchanged. Here a Go
// string is a JavaScript string in which every byte that is not part of valid UTF-8 is held as the
// lone surrogate U+DC80–U+DCFF (Python's "surrogateescape"), so that decoding and re-encoding give
// back the same bytes, and rune counting and quoting see one invalid byte as Go does.

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const escapedByteBase = 0xdc00;
const hasSurrogate = /[\uD800-\uDFFF]/;

/** Go's `[]byte(s)`: the UTF-8 bytes of the string, escaped bytes restored. */
export function goStringToBytes(text: string): Uint8Array {
  if (!hasSurrogate.test(text)) return encoder.encode(text);
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xdc80 && code <= 0xdcff) bytes.push(code - escapedByteBase);
    else for (const byte of encoder.encode(char)) bytes.push(byte);
  }
  return Uint8Array.from(bytes);
}

/** Go's `string(b)`: valid UTF-8 decoded, every other byte escaped. */
export function goStringFromBytes(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return decodeWithEscapes(bytes);
  }
}

/** Go's `len(s)`: the number of bytes. */
export function goStringByteLength(text: string): number {
  return goStringToBytes(text).length;
}

/** Go's string order: by bytes, which for UTF-8 is the order of code points (not of UTF-16 units). */
export function compareGoStrings(left: string, right: string): number {
  if (left === right) return 0;
  const leftBytes = goStringToBytes(left);
  const rightBytes = goStringToBytes(right);
  const length = Math.min(leftBytes.length, rightBytes.length);
  for (let index = 0; index < length; index++) {
    const difference = (leftBytes[index] ?? 0) - (rightBytes[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return leftBytes.length - rightBytes.length;
}

/** Decodes one rune at `index` as Go's utf8.DecodeRune does: `size` 1 and `rune` -1 for an invalid byte. */
export function decodeRune(bytes: Uint8Array, index: number): { rune: number; size: number } {
  const first = bytes[index] ?? 0;
  if (first < 0x80) return { rune: first, size: 1 };
  const invalid = { rune: -1, size: 1 };
  let size: number;
  let rune: number;
  let minimum: number;
  if (first >= 0xc2 && first <= 0xdf) [size, rune, minimum] = [2, first & 0x1f, 0x80];
  else if (first >= 0xe0 && first <= 0xef) [size, rune, minimum] = [3, first & 0x0f, 0x800];
  else if (first >= 0xf0 && first <= 0xf4) [size, rune, minimum] = [4, first & 0x07, 0x10000];
  else return invalid;
  if (index + size > bytes.length) return invalid;
  for (let offset = 1; offset < size; offset++) {
    const next = bytes[index + offset] ?? 0;
    if ((next & 0xc0) !== 0x80) return invalid;
    rune = (rune << 6) | (next & 0x3f);
  }
  if (rune < minimum || rune > 0x10ffff || (rune >= 0xd800 && rune <= 0xdfff)) return invalid;
  return { rune, size };
}

function decodeWithEscapes(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let index = 0; index < bytes.length;) {
    const { rune, size } = decodeRune(bytes, index);
    parts.push(String.fromCodePoint(rune < 0 ? escapedByteBase + (bytes[index] ?? 0) : rune));
    index += size;
  }
  return parts.join('');
}

/** The runes of a Go string as code points; an escaped invalid byte is -1, as Go's RuneError for it. */
export function goRunes(text: string): number[] {
  const runes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    runes.push(code >= 0xd800 && code <= 0xdfff ? -1 : code);
  }
  return runes;
}

/** Go's utf8.RuneCountInString. */
export function goRuneCount(text: string): number {
  let count = 0;
  for (const _char of text) count++;
  return count;
}
