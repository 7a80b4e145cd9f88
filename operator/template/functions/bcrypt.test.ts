import { describe, expect, it } from 'vitest';
import { bcryptHash } from './bcrypt.ts';

const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The 16 salt bytes behind bcrypt's 22-character salt text. */
function saltBytes(text: string): Uint8Array {
  let bits = 0n;
  for (const char of text) bits = (bits << 6n) | BigInt(alphabet.indexOf(char));
  bits >>= 4n; // 22 × 6 = 132 bits carry 128
  const bytes = new Uint8Array(16);
  for (let index = 15; index >= 0; index--) {
    bytes[index] = Number(bits & 0xffn);
    bits >>= 8n;
  }
  return bytes;
}

describe('bcryptHash', () => {
  // OpenWall's crypt_blowfish test vectors, each accepted by Go's bcrypt.CompareHashAndPassword.
  const vectors: [string, string][] = [
    ['U*U', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'],
    ['U*U*', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK'],
    ['U*U*U', '$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a'],
    ['', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy'],
  ];

  it.each(vectors)('hashes %j as crypt_blowfish does', (password, expected) => {
    const salt = saltBytes(expected.slice(7, 29));
    expect(bcryptHash(new TextEncoder().encode(password), salt, 5)).toBe(expected);
  });

  it('refuses passwords longer than 72 bytes, as Go does', () => {
    expect(() => bcryptHash(new Uint8Array(73), new Uint8Array(16), 4)).toThrow(
      'bcrypt: password length exceeds 72 bytes',
    );
  });
});
