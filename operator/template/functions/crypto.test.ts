import { describe, expect, it } from 'vitest';
import { goStringFromBytes, goStringToBytes } from '../go-string.ts';
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

  it('take ESO’s third argument: "sha" writes {SHA}base64(sha1), anything else bcrypt', () => {
    // Recorded from Go: base64 of sha1("s3cret"), as ESO's copy of Sprig writes it.
    expect(call('htpasswd', 'user', 's3cret', 'sha')).toBe('user:{SHA}/vNB+F2HQ559kaLUZbmHHvZrXpg=');
    expect(call('htpasswd', 'user', 'pw', 'bcrypt')).toMatch(/^user:\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(call('htpasswd', 'user', 'pw', 'md5')).toMatch(/^user:\$2a\$10\$/);
    expect(call('htpasswd', 'a:b', 'pw', 'sha')).toBe('invalid username: a:b');
    expect(() => call('htpasswd', 'user', 'pw', 'sha', 'x')).toThrow(
      'wrong number of args for htpasswd: want 3 got 4',
    );
  });
});

describe('hexdec (ESO’s copy of Sprig)', () => {
  // Recorded from Go's hex.DecodeString through ESO's hexdecode.
  it.each([
    ['', ''],
    ['68656c6c6f', 'hello'],
    ['48454C4C4F', 'HELLO'],
    ['e282ac', '€'],
    ['6', 'encoding/hex: odd length hex string'],
    ['686', 'encoding/hex: odd length hex string'],
    ['6g', "encoding/hex: invalid byte: U+0067 'g'"],
    ['g6', "encoding/hex: invalid byte: U+0067 'g'"],
    ['68 65', "encoding/hex: invalid byte: U+0020 ' '"],
    ['68\n65', 'encoding/hex: invalid byte: U+000A'],
    ["'a", "encoding/hex: invalid byte: U+0027 '''"],
    ['abc', 'encoding/hex: odd length hex string'],
  ])('%j → %j', (input, expected) => {
    expect(call('hexdec', input)).toBe(expected);
  });

  it('keeps bytes that are not UTF-8, and names a bad high byte as Go does', () => {
    expect(goStringToBytes(call('hexdec', 'ff00') as string)).toEqual(Uint8Array.of(0xff, 0x00));
    expect(call('hexdec', goStringFromBytes(Uint8Array.of(0x36, 0xff)))).toBe(
      "encoding/hex: invalid byte: U+00FF 'ÿ'",
    );
    expect(call('hexdec', goStringFromBytes(Uint8Array.of(0xa0, 0xa0)))).toBe(
      'encoding/hex: invalid byte: U+00A0',
    );
    expect(call('hexdec', goStringFromBytes(Uint8Array.of(0x80)))).toBe('encoding/hex: invalid byte: U+0080');
  });
});
