// Sprig's certificate generators, checked on the bytes they make: each PEM is read back with
// node:crypto (subject, issuer, validity from the pinned clock, serial from the pinned random source,
// alternative names, CA flag, signatures, keys). Go's own acceptance of this material and the
// comparison with what Go makes are in test/template/functions-certificates.test.ts.
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderTemplate, stringMap, TemplateError } from '../index.ts';
import { SprigCertificate } from './certificate-value.ts';
import { decodePem } from './pem.ts';
import { templateFunctions } from './index.ts';

const now = new Date('2024-01-02T03:04:05.678Z');
const functions = templateFunctions({
  now: () => now,
  randomBytes: (length) => new Uint8Array(length).fill(0x9c),
});

function call(name: string, ...args: Parameters<NonNullable<ReturnType<typeof functions.get>>>): unknown {
  const fn = functions.get(name);
  if (fn === undefined) throw new Error(`no function ${name}`);
  return fn(...args);
}

function certificate(name: string, ...args: Parameters<NonNullable<ReturnType<typeof functions.get>>>) {
  const result = call(name, ...args);
  if (!(result instanceof SprigCertificate)) throw new Error(`${name} returned no certificate`);
  return { result, x509: new X509Certificate(result.cert), key: createPrivateKey(result.key) };
}

function render(template: string, data: Record<string, string> = {}): string {
  try {
    return renderTemplate('t', template, stringMap(data), { functions });
  } catch (error) {
    if (error instanceof TemplateError) return `ERR ${error.message}`;
    throw error;
  }
}

function pemType(text: string): string | undefined {
  return decodePem(text).block?.type;
}

function samePublicKey(left: KeyObject, right: KeyObject): boolean {
  const spki = (key: KeyObject) =>
    (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' });
  return spki(left).equals(spki(right));
}

describe('genCA', () => {
  const { result, x509, key } = certificate('genCA', 'my-ca', 365n);

  it('is a self-signed CA for 2048-bit RSA, valid from the clock for the days asked', () => {
    expect(pemType(result.cert)).toBe('CERTIFICATE');
    expect(pemType(result.key)).toBe('RSA PRIVATE KEY');
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(key.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
    expect(x509.subject).toBe('CN=my-ca');
    expect(x509.issuer).toBe('CN=my-ca');
    expect(x509.ca).toBe(true);
    expect(x509.validFromDate.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(x509.validToDate.toISOString()).toBe('2025-01-01T03:04:05.000Z');
    expect(x509.serialNumber).toBe('9C'.repeat(16));
    expect(x509.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(x509.subjectAltName).toBeUndefined();
    expect(x509.checkIssued(x509)).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(samePublicKey(x509.publicKey, key)).toBe(true);
  });

  it('signs certificates that verify under it', () => {
    const leaf = certificate(
      'genSignedCert',
      'leaf',
      ['10.0.0.1', '::1', '::ffff:1.2.3.4'],
      ['a.example'],
      30n,
      result,
    );
    expect(leaf.x509.subject).toBe('CN=leaf');
    expect(leaf.x509.issuer).toBe('CN=my-ca');
    expect(leaf.x509.ca).toBe(false);
    expect(leaf.x509.subjectAltName).toBe(
      'DNS:a.example, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:1.2.3.4',
    );
    expect(leaf.x509.validToDate.toISOString()).toBe('2024-02-01T03:04:05.000Z');
    expect(leaf.x509.checkIssued(x509)).toBe(true);
    expect(leaf.x509.verify(x509.publicKey)).toBe(true);
    expect(leaf.key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(samePublicKey(leaf.x509.publicKey, leaf.key)).toBe(true);
  });

  it('signs with the CA key whatever its type, and with the key given', () => {
    const ecKey = call('genPrivateKey', 'ecdsa') as string;
    const ecCa = certificate('genCAWithKey', 'ec-ca', 10n, ecKey);
    expect(ecCa.result.key).toBe(ecKey);
    expect(ecCa.x509.verify(ecCa.x509.publicKey)).toBe(true);
    const edKey = call('genPrivateKey', 'ed25519') as string;
    const leaf = certificate('genSignedCertWithKey', 'x', null, null, 1n, ecCa.result, edKey);
    expect(leaf.key.asymmetricKeyType).toBe('ed25519');
    expect(leaf.x509.verify(ecCa.x509.publicKey)).toBe(true);
    expect(leaf.result.key).toBe(edKey);
  });
});

describe('genSelfSignedCert', () => {
  it('is not a CA, names the addresses and DNS names given, and signs itself', () => {
    const { x509, key } = certificate('genSelfSignedCert', 'web', ['192.168.0.1'], ['web', 'web.local'], 1n);
    expect(x509.ca).toBe(false);
    expect(x509.subjectAltName).toBe('DNS:web, DNS:web.local, IP Address:192.168.0.1');
    expect(x509.verify(key.type === 'private' ? createPublicKey(key) : key)).toBe(true);
  });

  it('writes an empty subject when the common name is empty', () => {
    const edKey = call('genPrivateKey', 'ed25519') as string;
    const { x509 } = certificate('genSelfSignedCertWithKey', '', null, ['x.example'], 5n, edKey);
    expect(x509.subject).toBeUndefined(); // node:crypto's reading of an empty Name
    expect(x509.subjectAltName).toBe('DNS:x.example');
    expect(x509.verify(x509.publicKey)).toBe(true);
  });

  it('counts days as a Go duration, which wraps past 292 years', () => {
    const valid = (days: bigint) =>
      certificate('genSelfSignedCertWithKey', 'x', null, null, days, call('genPrivateKey', 'ecdsa') as string)
        .x509;
    expect(valid(-1n).validToDate.toISOString()).toBe('2024-01-01T03:04:05.000Z');
    // (2^63 − 1) days of nanoseconds wrap to minus one day, as in Go.
    expect(valid(9223372036854775807n).validToDate.toISOString()).toBe('2024-01-01T03:04:05.000Z');
    expect(valid(36500n).validToDate.toISOString()).toBe('2123-12-09T03:04:05.000Z');
  });
});

describe('genPrivateKey', () => {
  it.each([
    ['ecdsa', 'EC PRIVATE KEY', 'ec', { namedCurve: 'prime256v1' }],
    ['ed25519', 'PRIVATE KEY', 'ed25519', {}],
  ])('%s is a %s', (type, block, keyType, details) => {
    const pem = call('genPrivateKey', type) as string;
    expect(pemType(pem)).toBe(block);
    const key = createPrivateKey(pem);
    expect(key.asymmetricKeyType).toBe(keyType);
    expect(key.asymmetricKeyDetails).toMatchObject(details);
  });

  it('makes DSA keys in the layout OpenSSL calls traditional, and 4096-bit RSA keys', () => {
    const dsa = call('genPrivateKey', 'dsa') as string;
    expect(pemType(dsa)).toBe('DSA PRIVATE KEY');
    expect(createPrivateKey(dsa).asymmetricKeyDetails).toMatchObject({
      modulusLength: 2048,
      divisorLength: 256,
    });
    const rsa = call('genPrivateKey', 'rsa') as string;
    expect(pemType(rsa)).toBe('RSA PRIVATE KEY');
    expect(createPrivateKey(rsa).asymmetricKeyDetails?.modulusLength).toBe(4096);
  });

  it('answers an unknown type with text, as Sprig does', () => {
    expect(call('genPrivateKey', 'RSA')).toBe('Unknown type RSA');
  });
});

describe('buildCustomCert', () => {
  const ca = certificate('genCAWithKey', 'custom', 1n, call('genPrivateKey', 'ecdsa') as string).result;
  const base64 = (text: string) => Buffer.from(text).toString('base64');

  it('returns the PEM text it was given', () => {
    const built = call('buildCustomCert', base64(ca.cert), base64(ca.key));
    expect(built).toEqual(new SprigCertificate(ca.cert, ca.key));
    expect(render('{{ (buildCustomCert .c .k).Key }}', { c: base64(ca.cert), k: base64(ca.key) })).toBe(
      ca.key,
    );
  });

  it('fails without quoting the key', () => {
    const key = '-----BEGIN EC PRIVATE KEY-----\nc2VjcmV0\n-----END EC PRIVATE KEY-----\n';
    const message = render('{{ buildCustomCert .c .k }}', { c: base64(ca.cert), k: base64(key) });
    expect(message).toMatch(
      /error calling buildCustomCert: error parsing private key: parsing EC private key/,
    );
    expect(message).not.toContain('c2VjcmV0');
    expect(message).not.toContain('secret');
  });
});

describe('errors', () => {
  it.each([
    ['{{ genSelfSignedCert "x" (list "1.2.3.256") nil 1 }}', 'error parsing ip: not an IP address'],
    ['{{ genSelfSignedCert "x" (list 1) nil 1 }}', 'error parsing ip: value of type int is not a string'],
    [
      '{{ genSelfSignedCert "x" nil (list "é.example") 1 }}',
      'x509: a DNS name cannot be encoded as an IA5String',
    ],
    ['{{ genCAWithKey "x" 1 "nope" }}', 'parsing private key: no PEM data in input'],
    [
      '{{ genCAWithKey "x" 1 (genPrivateKey "dsa") }}',
      'x509: certificate private key does not implement crypto.Signer',
    ],
    ['{{ genSignedCert "x" nil nil 1 (buildCustomCert "" "") }}', 'unable to decode certificate'],
  ])('%s', (template, message) => {
    expect(render(template)).toContain(message);
  });

  it('refuse a certificate signed with a key that is not the CA’s', () => {
    const ca = certificate('genCAWithKey', 'ca', 1n, call('genPrivateKey', 'ecdsa') as string).result;
    const wrong = new SprigCertificate(ca.cert, call('genPrivateKey', 'ecdsa') as string);
    expect(() => call('genSignedCert', 'x', null, null, 1n, wrong)).toThrow(
      "error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey",
    );
  });
});

describe('derivePassword', () => {
  // Go's output for the same arguments (recorded with the template oracle).
  it('is deterministic and takes the counter modulo 2^32', () => {
    expect(call('derivePassword', 1n, 'long', 'password', 'user', 'example.com')).toBe('ZedaFaxcZaso9*');
    expect(call('derivePassword', 4294967297n, 'long', 'password', 'user', 'example.com')).toBe(
      'ZedaFaxcZaso9*',
    );
    expect(call('derivePassword', 1n, 'nope', 'password', 'user', 'example.com')).toBe(
      'cannot find password template nope',
    );
  });
});
