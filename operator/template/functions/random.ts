// Sprig's random functions (randAlphaNum, randAlpha, randNumeric, randAscii, randBytes, randInt,
// uuidv4, shuffle). Their output changes on every render, so a template that uses them rewrites its
// Secret on every sync. Randomness comes from the FunctionEnvironment, so tests can pin it.
import { goRunes } from '../go-string.ts';
import { fixed, type FunctionDefinition } from './signature.ts';
import { FunctionError, type FunctionEnvironment } from './types.ts';

const maxRandomLength = 1_000_000;
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';
const printableAscii = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join('');

export function randomFunctions(environment: FunctionEnvironment): Record<string, FunctionDefinition> {
  const pick = (alphabet: string, count: bigint): string => {
    if (count <= 0n) return ''; // goutils refuses a negative count; Sprig turns that into ""
    if (count > BigInt(maxRandomLength))
      throw new FunctionError(`random string longer than ${maxRandomLength}`);
    let result = '';
    for (let index = 0; index < Number(count); index++)
      result += alphabet.charAt(randomBelow(environment, alphabet.length));
    return result;
  };
  return {
    randAlphaNum: fixed(['int'], (count) => pick(letters + digits, count)),
    randAlpha: fixed(['int'], (count) => pick(letters, count)),
    randNumeric: fixed(['int'], (count) => pick(digits, count)),
    randAscii: fixed(['int'], (count) => pick(printableAscii, count)),
    randBytes: fixed(['int'], (count) => {
      if (count < 0n) throw new FunctionError('runtime error: makeslice: len out of range');
      if (count > BigInt(maxRandomLength))
        throw new FunctionError(`randBytes: more than ${maxRandomLength} bytes`);
      return Buffer.from(environment.randomBytes(Number(count))).toString('base64');
    }),
    randInt: fixed(['int', 'int'], (min, max) => {
      if (max <= min) throw new FunctionError('invalid argument to Intn');
      const span = max - min;
      return min + randomBigBelow(environment, span);
    }),
    uuidv4: fixed([], () => uuidv4(environment)),
    shuffle: fixed(['string'], (text) => {
      const runes = goRunes(text).map((rune) => String.fromCodePoint(rune < 0 ? 0xfffd : rune));
      for (let index = runes.length - 1; index > 0; index--) {
        const other = randomBelow(environment, index + 1);
        [runes[index], runes[other]] = [runes[other] ?? '', runes[index] ?? ''];
      }
      return runes.join('');
    }),
  };
}

/** A uniform integer in [0, bound) by rejection sampling over 32-bit draws. */
function randomBelow(environment: FunctionEnvironment, bound: number): number {
  const limit = Math.floor(0x1_0000_0000 / bound) * bound;
  for (;;) {
    const bytes = environment.randomBytes(4);
    const value =
      (((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) >>> 0;
    if (value < limit) return value % bound;
  }
}

function randomBigBelow(environment: FunctionEnvironment, bound: bigint): bigint {
  const limit = (2n ** 64n / bound) * bound;
  for (;;) {
    const value = Buffer.from(environment.randomBytes(8)).readBigUInt64BE();
    if (value < limit) return value % bound;
  }
}

/** RFC 4122 version 4, as google/uuid formats it. */
function uuidv4(environment: FunctionEnvironment): string {
  const bytes = Uint8Array.from(environment.randomBytes(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
