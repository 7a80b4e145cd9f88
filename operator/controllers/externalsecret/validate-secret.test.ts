import { describe, expect, it } from 'vitest';
import { InvalidSpecError } from './invalid-spec.ts';
import { maxSecretBytes, validateSecretData } from './validate-secret.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('validateSecretData', () => {
  it('accepts the keys Kubernetes accepts: letters, digits, "-", "_" and "."', () => {
    expect(() =>
      validateSecretData({
        'tls.crt': bytes('x'),
        DB_PASSWORD: bytes('y'),
        'a-b_c.9': bytes(''),
        '.env': bytes(''),
      }),
    ).not.toThrow();
    expect(() => validateSecretData({ ['k'.repeat(253)]: bytes('') })).not.toThrow();
  });

  it.each([
    ['a slash', 'team/db'],
    ['a space', 'db password'],
    ['a colon', 'db:password'],
    ['a non-ASCII letter', 'clé'],
    ['the empty key', ''],
  ])('rejects a key with %s as InvalidSpec, quoting the key and saying how to fix it', (_case, key) => {
    const run = () => validateSecretData({ ok: bytes('v'), [key]: bytes('s3cret-value') });
    expect(run).toThrow(InvalidSpecError);
    expect(run).toThrow(`the resulting Secret key ${JSON.stringify(key)} is not a valid Secret key`);
    expect(run).toThrow(/fix the rewrite or conversionStrategy/);
    expect(run).not.toThrow(/s3cret-value/);
  });

  it('rejects a key longer than 253 characters, quoting only its start', () => {
    const key = 'k'.repeat(254);
    const run = () => validateSecretData({ [key]: bytes('') });
    expect(run).toThrow(InvalidSpecError);
    expect(run).toThrow(`"${'k'.repeat(100)}"`);
  });

  it('accepts data up to 1 MiB of keys and values, and rejects more, without quoting a value', () => {
    const value = new Uint8Array(maxSecretBytes - 3).fill(0x61);
    expect(() => validateSecretData({ abc: value })).not.toThrow();
    const run = () => validateSecretData({ abc: value, d: bytes('') });
    expect(run).toThrow(InvalidSpecError);
    expect(run).toThrow(
      `the resulting Secret holds ${maxSecretBytes + 1} bytes, more than the 1 MiB a Secret may hold`,
    );
    expect(maxSecretBytes).toBe(1024 * 1024);
  });
});
