import { describe, expect, it } from 'vitest';
import { templateFunctions } from './index.ts';

/** A random source that counts up, so outputs are fixed. */
function countingFunctions() {
  let next = 0;
  return templateFunctions({
    now: () => new Date(0),
    randomBytes: (length) => Uint8Array.from({ length }, () => next++ % 256),
  });
}

describe('random functions', () => {
  it('draw from their alphabets, as many characters as asked', () => {
    const functions = countingFunctions();
    const call = (name: string, count: bigint): string => functions.get(name)?.(count) as string;
    expect(call('randAlphaNum', 200n)).toMatch(/^[A-Za-z0-9]{200}$/);
    expect(call('randAlpha', 50n)).toMatch(/^[A-Za-z]{50}$/);
    expect(call('randNumeric', 50n)).toMatch(/^[0-9]{50}$/);
    expect(call('randAscii', 50n)).toMatch(/^[ -~]{50}$/);
    expect(call('randAlphaNum', 0n)).toBe('');
    expect(call('randAlphaNum', -1n)).toBe(''); // Sprig swallows goutils' error
    expect(Buffer.from(call('randBytes', 4n), 'base64')).toHaveLength(4);
  });

  it('formats uuidv4 as a version 4, variant 1 UUID', () => {
    const uuid = templateFunctions({
      now: () => new Date(0),
      randomBytes: (length) => new Uint8Array(length).fill(0xff),
    }).get('uuidv4')?.();
    expect(uuid).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('keeps randInt within [min, max) and shuffle a permutation', () => {
    const functions = countingFunctions();
    for (let index = 0; index < 20; index++) {
      const value = functions.get('randInt')?.(5n, 8n) as bigint;
      expect(value >= 5n && value < 8n).toBe(true);
    }
    expect(
      Array.from(functions.get('shuffle')?.('abcdef') as string)
        .sort()
        .join(''),
    ).toBe('abcdef');
    expect(() => functions.get('randInt')?.(3n, 3n)).toThrow('invalid argument to Intn');
  });
});
