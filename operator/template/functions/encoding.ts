// Sprig's b64enc, b64dec, b32enc and b32dec, and ESO's hexdec (its copy of Sprig added it).
// Decoding follows Go's encoding/base64, base32 (StdEncoding: padding required, line breaks skipped)
// and hex, with a failure returned as the text of Go's error (`illegal base64 data at input byte
// 4`), which Sprig puts in the output instead of failing. The decoded bytes need not be UTF-8: they
// stay a Go string of bytes (see go-string.ts).
import { sprintf } from '../fmt.ts';
import { goStringFromBytes, goStringToBytes } from '../go-string.ts';
import { fixed, type FunctionDefinition } from './signature.ts';

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export const encodingFunctions: Record<string, FunctionDefinition> = {
  b64enc: fixed(['string'], (text) => Buffer.from(goStringToBytes(text)).toString('base64')),
  b64dec: fixed(['string'], (text) => {
    const decoded = decodeBase64(goStringToBytes(text));
    return typeof decoded === 'number'
      ? `illegal base64 data at input byte ${decoded}`
      : goStringFromBytes(decoded);
  }),
  b32enc: fixed(['string'], (text) => encodeBase32(goStringToBytes(text))),
  b32dec: fixed(['string'], (text) => {
    const decoded = decodeBase32(goStringToBytes(text));
    return typeof decoded === 'number'
      ? `illegal base32 data at input byte ${decoded}`
      : goStringFromBytes(decoded);
  }),
  hexdec: fixed(['string'], (text) => decodeHex(goStringToBytes(text))),
};

/** Go's hex.DecodeString, its error as text: a bad byte (reported pair by pair, before a bad length). */
function decodeHex(bytes: Uint8Array): string {
  const nibble = (byte: number): number | undefined => {
    if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
    if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
    if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
    return undefined;
  };
  // Go's message formats the byte as a rune with %#U: U+0067 'g' (U+000A when not printable).
  const invalid = (byte: number): string => `encoding/hex: invalid byte: ${sprintf('%#U', BigInt(byte))}`;
  const out = new Uint8Array(bytes.length >> 1);
  for (let index = 1; index < bytes.length; index += 2) {
    const high = bytes[index - 1] ?? 0;
    const low = bytes[index] ?? 0;
    const a = nibble(high);
    if (a === undefined) return invalid(high);
    const b = nibble(low);
    if (b === undefined) return invalid(low);
    out[index >> 1] = (a << 4) | b;
  }
  if (bytes.length % 2 === 1) {
    const last = bytes[bytes.length - 1] ?? 0;
    return nibble(last) === undefined ? invalid(last) : 'encoding/hex: odd length hex string';
  }
  return goStringFromBytes(out);
}

const base64Values = new Map(Array.from(base64Alphabet).map((char, index) => [char.charCodeAt(0), index]));
const base32Values = new Map(Array.from(base32Alphabet).map((char, index) => [char.charCodeAt(0), index]));
const isNewline = (byte: number | undefined): boolean => byte === 0x0a || byte === 0x0d;

/** base64.StdEncoding.DecodeString: the bytes, or the offset Go's CorruptInputError reports. */
export function decodeBase64(input: Uint8Array): Uint8Array | number {
  const output: number[] = [];
  let index = 0;
  for (;;) {
    const sextets: number[] = [];
    let finished = false;
    while (sextets.length < 4) {
      if (index === input.length) {
        if (sextets.length === 0) return Uint8Array.from(output);
        return index - sextets.length;
      }
      const byte = input[index++] ?? 0;
      const value = base64Values.get(byte);
      if (value !== undefined) {
        sextets.push(value);
        continue;
      }
      if (isNewline(byte)) continue;
      if (byte !== 0x3d || sextets.length < 2) return index - 1;
      if (sextets.length === 2) {
        while (index < input.length && isNewline(input[index])) index++;
        if (index === input.length) return input.length;
        if (input[index] !== 0x3d) return index - 1;
        index++;
      }
      while (index < input.length && isNewline(input[index])) index++;
      if (index < input.length) return index;
      finished = true;
      break;
    }
    const [a = 0, b = 0, c = 0, d = 0] = sextets;
    const bits = (a << 18) | (b << 12) | (c << 6) | d;
    output.push((bits >> 16) & 0xff);
    if (sextets.length > 2) output.push((bits >> 8) & 0xff);
    if (sextets.length > 3) output.push(bits & 0xff);
    if (finished) return Uint8Array.from(output);
  }
}

export function encodeBase32(bytes: Uint8Array): string {
  let result = '';
  for (let offset = 0; offset < bytes.length; offset += 5) {
    const block = bytes.subarray(offset, offset + 5);
    let bits = 0n;
    for (let index = 0; index < 5; index++) bits = (bits << 8n) | BigInt(block[index] ?? 0);
    const characters = Math.ceil((block.length * 8) / 5);
    for (let index = 0; index < 8; index++) {
      result +=
        index < characters ? (base32Alphabet[Number((bits >> BigInt(35 - index * 5)) & 31n)] ?? '') : '=';
    }
  }
  return result;
}

/** base32.StdEncoding.DecodeString: line breaks are removed first, so offsets count without them. */
export function decodeBase32(raw: Uint8Array): Uint8Array | number {
  const input = raw.filter((byte) => !isNewline(byte));
  const total = input.length;
  const output: number[] = [];
  let index = 0;
  while (index < total) {
    const quintets: number[] = [];
    let end = false;
    while (quintets.length < 8) {
      if (index === total) return total - quintets.length;
      const byte = input[index++] ?? 0;
      const remaining = total - index;
      if (byte === 0x3d && quintets.length >= 2 && remaining < 8) {
        const padding = 8 - 1 - quintets.length;
        if (remaining < padding) return total;
        for (let k = 0; k < padding; k++) {
          if (input[index + k] !== 0x3d) return index + k - 1;
        }
        if ([1, 3, 6].includes(quintets.length)) return index - 1;
        end = true;
        break;
      }
      const value = base32Values.get(byte);
      if (value === undefined) return index - 1;
      quintets.push(value);
    }
    let bits = 0n;
    for (let position = 0; position < 8; position++) bits = (bits << 5n) | BigInt(quintets[position] ?? 0);
    const bytes = Math.floor((quintets.length * 5) / 8);
    for (let position = 0; position < bytes; position++)
      output.push(Number((bits >> BigInt(32 - position * 8)) & 255n));
    if (end) break;
  }
  return Uint8Array.from(output);
}
