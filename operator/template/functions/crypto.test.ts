import { describe, expect, it } from 'vitest';
import { templateFunctions } from './index.ts';

const functions = templateFunctions({
  now: () => new Date(0),
  randomBytes: (length) => Uint8Array.from({ length }, (_, index) => index),
});
const call = (name: string, ...args: string[]): unknown => functions.get(name)?.(...args);

describe('encryptAES and decryptAES', () => {
  it('decrypt what Go’s Sprig encrypted', () => {
    // Recorded from Go: {{ encryptAES "pw" "hello wörld" }} and with a key longer than 32 bytes.
    expect(call('decryptAES', 'pw', 'euYG8nEgMHq++Aa2X3S5jPv+bTdKH5zd/7oznOCuMug=')).toBe('hello wörld');
    expect(
      call(
        'decryptAES',
        'a-key-that-is-longer-than-thirty-two-bytes',
        'nyyoumLanZsjjr8rPJGvCoxfCzjLZ0EQCYKErB2Sp2s=',
      ),
    ).toBe('x');
  });

  it('encrypt to the IV from the environment followed by the ciphertext, which decrypts back', () => {
    const encrypted = call('encryptAES', 'pw', 'secret text') as string;
    expect(Buffer.from(encrypted, 'base64').subarray(0, 16)).toEqual(
      Buffer.from(Uint8Array.from({ length: 16 }, (_, index) => index)),
    );
    expect(call('decryptAES', 'pw', encrypted)).toBe('secret text');
    expect(call('encryptAES', 'pw', '')).toBe('');
    expect(call('decryptAES', 'pw', '')).toBe('');
  });

  it('fail on malformed input as Go does', () => {
    expect(() => call('decryptAES', 'pw', 'AAAA')).toThrow(
      'runtime error: slice bounds out of range [:16] with capacity 3',
    );
    expect(() => call('decryptAES', 'pw', 'AAAAAAAAAAAAAAAAAAAAAA==')).toThrow(
      'runtime error: index out of range [-1]',
    );
    expect(() => call('decryptAES', 'pw', '%%')).toThrow('illegal base64 data at input byte 0');
  });
});

describe('htpasswd and bcrypt', () => {
  it('write user:hash with a bcrypt hash of cost 10, and refuse a user name with a colon', () => {
    expect(call('htpasswd', 'user', 'pw')).toMatch(/^user:\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(call('htpasswd', 'a:b', 'pw')).toBe('invalid username: a:b');
    expect(call('bcrypt', 'x'.repeat(73))).toBe(
      'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes',
    );
  });
});
