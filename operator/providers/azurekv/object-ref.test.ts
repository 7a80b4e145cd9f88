import { describe, expect, it } from 'vitest';
import { parseObjectRef } from './object-ref.ts';

describe('parseObjectRef', () => {
  it('reads ESO’s prefixes, a secret by default', () => {
    expect(parseObjectRef('db-password')).toEqual({ type: 'secret', name: 'db-password' });
    expect(parseObjectRef('secret/db-password')).toEqual({ type: 'secret', name: 'db-password' });
    expect(parseObjectRef('cert/tls')).toEqual({ type: 'cert', name: 'tls' });
    expect(parseObjectRef('key/signing')).toEqual({ type: 'key', name: 'signing' });
  });

  it('rejects unknown prefixes and names Key Vault cannot hold', () => {
    expect(() => parseObjectRef('certificate/tls')).toThrow(
      /unknown object type "certificate"; use secret\/, cert\/ or key\//,
    );
    for (const key of ['', 'secret/', 'a_b', 'key/a/b', 'x'.repeat(128)]) {
      expect(() => parseObjectRef(key)).toThrow(/1-127 letters, digits and dashes/);
    }
  });
});
