import { describe, expect, it } from 'vitest';
import { InvalidSpecError, RemoteValueError } from './invalid-spec.ts';
import { maxSecretBytes, validateSecretData } from './validate-secret.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('validateSecretData', () => {
  it('accepts the keys Kubernetes accepts: letters, digits, "-", "_" and "."', () => {
    expect(() =>
      validateSecretData(
        {
          'tls.crt': bytes('x'),
          DB_PASSWORD: bytes('y'),
          'a-b_c.9': bytes(''),
          '.env': bytes(''),
        },
        'Opaque',
      ),
    ).not.toThrow();
    expect(() => validateSecretData({ ['k'.repeat(253)]: bytes('') }, 'Opaque')).not.toThrow();
  });

  it.each([
    ['a slash', 'team/db'],
    ['a space', 'db password'],
    ['a colon', 'db:password'],
    ['a non-ASCII letter', 'clé'],
    ['the empty key', ''],
  ])('rejects a key with %s as InvalidSpec, quoting the key and saying how to fix it', (_case, key) => {
    const run = () => validateSecretData({ ok: bytes('v'), [key]: bytes('s3cret-value') }, 'Opaque');
    expect(run).toThrow(InvalidSpecError);
    expect(run).toThrow(`the resulting Secret key ${JSON.stringify(key)} is not a valid Secret key`);
    expect(run).toThrow(/fix the rewrite or conversionStrategy/);
    expect(run).not.toThrow(/s3cret-value/);
  });

  it('rejects a key longer than 253 characters, quoting only its start', () => {
    const key = 'k'.repeat(254);
    const run = () => validateSecretData({ [key]: bytes('') }, 'Opaque');
    expect(run).toThrow(InvalidSpecError);
    expect(run).toThrow(`"${'k'.repeat(100)}"`);
  });

  it('accepts data up to 1 MiB of keys and values, and rejects more, without quoting a value', () => {
    const value = new Uint8Array(maxSecretBytes - 3).fill(0x61);
    expect(() => validateSecretData({ abc: value }, 'Opaque')).not.toThrow();
    const run = () => validateSecretData({ abc: value, d: bytes('') }, 'Opaque');
    expect(run).toThrow(InvalidSpecError);
    expect(run).toThrow(
      `the resulting Secret holds ${maxSecretBytes + 1} bytes, more than the 1 MiB a Secret may hold`,
    );
    expect(maxSecretBytes).toBe(1024 * 1024);
  });

  describe('the JSON a docker config Secret must hold', () => {
    const value = 'p4ss"w0rd-planted';
    // A password with a quote pasted into hand-written JSON: the API server would quote the
    // parser's complaint, a byte of the value.
    const broken = bytes(`{"auths":{"r.example.com":{"password":"${value}"}}}`);

    it.each([
      ['kubernetes.io/dockerconfigjson', '.dockerconfigjson'],
      ['kubernetes.io/dockercfg', '.dockercfg'],
    ])('%s: refuses %s that is not a JSON object, quoting no byte of it', (type, key) => {
      const run = () => validateSecretData({ [key]: broken }, type);
      expect(run).toThrow(RemoteValueError);
      expect(run).toThrow(
        `the resulting Secret key "${key}" is not a JSON object, which a ${type} Secret must hold`,
      );
      expect(run).toThrow(/toJson/);
      let message = '';
      try {
        run();
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toMatch(/w0rd|planted|'[^']'/);
      for (const notAnObject of ['[]', 'null', '"auths"', '\xff'])
        expect(() => validateSecretData({ [key]: bytes(notAnObject) }, type)).toThrow(RemoteValueError);
      expect(() => validateSecretData({ [key]: bytes('{"auths":{}}') }, type)).not.toThrow();
    });

    it('leaves the same bytes alone in other Secret types', () => {
      expect(() => validateSecretData({ '.dockerconfigjson': broken }, 'Opaque')).not.toThrow();
    });
  });
});
