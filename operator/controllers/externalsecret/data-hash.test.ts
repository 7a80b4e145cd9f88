import { describe, expect, it } from 'vitest';
import { dataHash, ownerHash } from './data-hash.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const key = bytes('k'.repeat(32));
const otherKey = bytes('o'.repeat(32));
const data = { password: bytes('s3cret'), user: bytes('app') };

describe('dataHash', () => {
  it('is a stable 40-hex-digit hash of type and data', () => {
    const hash = dataHash(key, 'Opaque', data);
    expect(hash).toMatch(/^[0-9a-f]{40}$/);
    expect(dataHash(key, 'Opaque', { password: bytes('s3cret'), user: bytes('app') })).toBe(hash);
  });

  it('is keyed: another key gives another hash of the same data', () => {
    expect(dataHash(otherKey, 'Opaque', data)).not.toBe(dataHash(key, 'Opaque', data));
  });

  it('does not depend on the order of the keys', () => {
    const reversed = { user: bytes('app'), password: bytes('s3cret') };
    expect(dataHash(key, 'Opaque', reversed)).toBe(dataHash(key, 'Opaque', data));
  });

  it('changes with the type, a value, a key name or a key added', () => {
    const base = dataHash(key, 'Opaque', data);
    expect(dataHash(key, 'kubernetes.io/basic-auth', data)).not.toBe(base);
    expect(dataHash(key, 'Opaque', { ...data, password: bytes('s3cret!') })).not.toBe(base);
    expect(dataHash(key, 'Opaque', { pass: bytes('s3cret'), user: bytes('app') })).not.toBe(base);
    expect(dataHash(key, 'Opaque', { ...data, extra: bytes('') })).not.toBe(base);
  });

  it('tells apart data whose keys and values concatenate to the same text', () => {
    expect(dataHash(key, 'Opaque', { ab: bytes('c') })).not.toBe(dataHash(key, 'Opaque', { a: bytes('bc') }));
    expect(dataHash(key, 'Opaque', { a: bytes(''), b: bytes('x') })).not.toBe(
      dataHash(key, 'Opaque', { a: bytes('x'), b: bytes('') }),
    );
    expect(dataHash(key, 'Opaque', {})).not.toBe(dataHash(key, 'Opaque', { a: bytes('') }));
  });

  it('contains nothing of the values', () => {
    expect(dataHash(key, 'Opaque', { v: bytes('abcdef0123') })).not.toContain('abcdef0123');
  });
});

describe('ownerHash', () => {
  it('fits a label value and differs per namespace/name', () => {
    const hash = ownerHash('team-a', 'db');
    expect(hash).toMatch(/^[0-9a-f]{40}$/);
    expect(hash.length).toBeLessThanOrEqual(63);
    expect(ownerHash('team-a', 'db')).toBe(hash);
    expect(ownerHash('team-b', 'db')).not.toBe(hash);
    expect(ownerHash('team-a', 'db')).not.toBe(ownerHash('team', 'a-db'));
  });
});
