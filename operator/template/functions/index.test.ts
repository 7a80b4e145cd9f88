import { describe, expect, it } from 'vitest';
import { removedFunctions, templateFunctions } from './index.ts';
import { ArgumentError } from './signature.ts';

const functions = templateFunctions({
  now: () => new Date(0),
  randomBytes: (length) => new Uint8Array(length),
});

describe('templateFunctions', () => {
  it('leaves out what reads the environment or the network, as ESO does', () => {
    expect(removedFunctions).toEqual(['env', 'expandenv', 'getHostByName']);
    for (const name of removedFunctions) expect(functions.has(name)).toBe(false);
  });

  it('has the functions ESO users rely on, each with its Go signature', () => {
    const expected = [
      'upper',
      'lower',
      'title',
      'trim',
      'trimAll',
      'trimPrefix',
      'trimSuffix',
      'replace',
      'contains',
      'hasPrefix',
      'hasSuffix',
      'quote',
      'squote',
      'indent',
      'nindent',
      'repeat',
      'substr',
      'trunc',
      'split',
      'splitList',
      'join',
      'toString',
      'b64enc',
      'b64dec',
      'b32enc',
      'b32dec',
      'toJson',
      'fromJson',
      'toYaml',
      'fromYaml',
      'toRawJson',
      'default',
      'empty',
      'coalesce',
      'ternary',
      'list',
      'dict',
      'get',
      'set',
      'unset',
      'hasKey',
      'keys',
      'values',
      'pick',
      'omit',
      'merge',
      'first',
      'last',
      'append',
      'uniq',
      'sortAlpha',
      'regexMatch',
      'regexFind',
      'regexFindAll',
      'regexReplaceAll',
      'regexReplaceAllLiteral',
      'regexSplit',
      'sha1sum',
      'sha256sum',
      'htpasswd',
      'uuidv4',
      'randAlphaNum',
      'now',
      'date',
      'pkcs12key',
      'pkcs12keyPass',
      'pkcs12cert',
      'pkcs12certPass',
      'pemToPkcs12',
      'pemToPkcs12Pass',
      'fullPemToPkcs12',
      'fullPemToPkcs12Pass',
      'filterPEM',
      'jwkPublicKeyPem',
      'jwkPrivateKeyPem',
    ];
    for (const name of expected) {
      expect(functions.get(name)?.signature, name).toBeDefined();
    }
  });

  it('checks the number and types of arguments with Go’s messages', () => {
    const upper = functions.get('upper');
    expect(() => upper?.('a', 'b')).toThrow(
      new ArgumentError('wrong number of args for upper: want 1 got 2'),
    );
    expect(() => upper?.(3n)).toThrow(new ArgumentError('wrong type for value; expected string; got int'));
    expect(() => upper?.(null)).toThrow(new ArgumentError('invalid value; expected string'));
    expect(() => functions.get('default')?.()).toThrow(
      'wrong number of args for default: want at least 1 got 0',
    );
  });
});
