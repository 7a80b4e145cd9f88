// bcrypt as Go's golang.org/x/crypto/bcrypt writes it ($2a$, cost, 22 characters of salt, 31 of
// hash), for Sprig's bcrypt and htpasswd. Node has no bcrypt, and the project's dependencies have
// none, so the Eksblowfish setup is written here; Blowfish's initial state is the fractional part of
// pi, computed once rather than pasted in as a table. Checked against Go's bcrypt in the tests.
import { FunctionError } from './types.ts';

const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const magicText = 'OrpheanBeholderScryDoubt';

interface BlowfishState {
  p: Uint32Array;
  s: Uint32Array; // the four S-boxes, 256 words each
}

let piWords: Uint32Array | undefined;

/** The first 18 + 4 × 256 words of pi's fractional part, Blowfish's initial P-array and S-boxes. */
function initialState(): BlowfishState {
  piWords ??= piFraction(18 + 1024);
  return { p: piWords.slice(0, 18), s: piWords.slice(18) };
}

/** pi − 3 in hexadecimal words, from Machin's formula in fixed point. */
function piFraction(wordCount: number): Uint32Array {
  const guard = 64n;
  const bits = BigInt(wordCount * 32) + guard;
  const one = 1n << bits;
  const arctanOfInverse = (x: bigint): bigint => {
    const xSquared = x * x;
    let power = one / x;
    let sum = power;
    for (let k = 1n; power !== 0n; k++) {
      power /= xSquared;
      const term = power / (2n * k + 1n);
      sum += k % 2n === 1n ? -term : term;
    }
    return sum;
  };
  let fraction = (16n * arctanOfInverse(5n) - 4n * arctanOfInverse(239n) - 3n * one) >> guard;
  const words = new Uint32Array(wordCount);
  for (let index = wordCount - 1; index >= 0; index--) {
    words[index] = Number(fraction & 0xffffffffn);
    fraction >>= 32n;
  }
  return words;
}

function feistel(state: BlowfishState, x: number): number {
  const { s } = state;
  const a = s[x >>> 24] ?? 0;
  const b = s[256 + ((x >>> 16) & 0xff)] ?? 0;
  const c = s[512 + ((x >>> 8) & 0xff)] ?? 0;
  const d = s[768 + (x & 0xff)] ?? 0;
  return ((((a + b) >>> 0) ^ c) + d) >>> 0;
}

function encryptBlock(state: BlowfishState, left: number, right: number): [number, number] {
  const { p } = state;
  let l = (left ^ (p[0] ?? 0)) >>> 0;
  let r = right;
  for (let round = 1; round <= 16; round += 2) {
    r = (r ^ feistel(state, l) ^ (p[round] ?? 0)) >>> 0;
    l = (l ^ feistel(state, r) ^ (p[round + 1] ?? 0)) >>> 0;
  }
  r = (r ^ (p[17] ?? 0)) >>> 0;
  return [r, l];
}

/** Reads 32 bits big-endian from `bytes`, wrapping around, as Blowfish's key schedule does. */
function wordReader(bytes: Uint8Array): () => number {
  let position = 0;
  return () => {
    let word = 0;
    for (let index = 0; index < 4; index++) {
      word = ((word << 8) | (bytes[position] ?? 0)) >>> 0;
      position = (position + 1) % bytes.length;
    }
    return word;
  };
}

/** Blowfish's key expansion, mixing in `salt` when given (Eksblowfish). */
function expandKey(state: BlowfishState, key: Uint8Array, salt?: Uint8Array): void {
  const nextKeyWord = wordReader(key);
  for (let index = 0; index < 18; index++) state.p[index] = ((state.p[index] ?? 0) ^ nextKeyWord()) >>> 0;
  const nextSaltWord = salt === undefined ? () => 0 : wordReader(salt);
  let left = 0;
  let right = 0;
  const refill = (table: Uint32Array, length: number): void => {
    for (let index = 0; index < length; index += 2) {
      left = (left ^ nextSaltWord()) >>> 0;
      right = (right ^ nextSaltWord()) >>> 0;
      [left, right] = encryptBlock(state, left, right);
      table[index] = left;
      table[index + 1] = right;
    }
  };
  refill(state.p, 18);
  refill(state.s, 1024);
}

/** `$2a$COST$` + salt + hash, from the password's bytes and 16 bytes of salt. */
export function bcryptHash(password: Uint8Array, salt: Uint8Array, cost: number): string {
  if (password.length > 72) throw new FunctionError('bcrypt: password length exceeds 72 bytes');
  const key = new Uint8Array(password.length + 1); // C bcrypt hashes the terminating NUL too
  key.set(password);
  const state = initialState();
  expandKey(state, key, salt);
  for (let round = 0; round < 2 ** cost; round++) {
    expandKey(state, key);
    expandKey(state, salt);
  }
  const text = new DataView(new TextEncoder().encode(magicText).buffer);
  const words = Array.from({ length: 6 }, (_, index) => text.getUint32(index * 4));
  for (let block = 0; block < 6; block += 2) {
    let left = words[block] ?? 0;
    let right = words[block + 1] ?? 0;
    for (let round = 0; round < 64; round++) [left, right] = encryptBlock(state, left, right);
    words[block] = left;
    words[block + 1] = right;
  }
  const hash = new Uint8Array(24);
  const view = new DataView(hash.buffer);
  words.forEach((word, index) => view.setUint32(index * 4, word));
  const costText = String(cost).padStart(2, '0');
  return `$2a$${costText}$${encodeBcryptBase64(salt)}${encodeBcryptBase64(hash.subarray(0, 23))}`;
}

/** bcrypt's base64: its own alphabet, no padding. */
function encodeBcryptBase64(bytes: Uint8Array): string {
  let result = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const chunk = [bytes[index] ?? 0, bytes[index + 1] ?? 0, bytes[index + 2] ?? 0];
    const bits = ((chunk[0] ?? 0) << 16) | ((chunk[1] ?? 0) << 8) | (chunk[2] ?? 0);
    const characters = Math.min(4, Math.ceil(((bytes.length - index) * 8) / 6));
    for (let position = 0; position < characters; position++) {
      result += alphabet.charAt((bits >> (18 - position * 6)) & 63);
    }
  }
  return result;
}
