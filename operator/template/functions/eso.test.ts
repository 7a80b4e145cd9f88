// ESO's PKCS#12, PEM and JWK helpers. They are not in Sprig, so Go cannot be asked through the
// oracle: the material is made here (node:crypto keys, node-forge certificates, the openssl CLI for
// an EC archive) and every result is checked by reading it back, with openssl where it can parse it.
import { execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goStringFromBytes } from '../go-string.ts';
import type { GoValue } from '../values.ts';
import { templateFunctions } from './index.ts';
import { FunctionError } from './types.ts';

const functions = templateFunctions({
  now: () => new Date(0),
  randomBytes: (length) => new Uint8Array(length),
});
const call = (name: string, ...args: GoValue[]): string => {
  const result = functions.get(name)?.(...args);
  if (typeof result !== 'string') throw new Error(`${name} returned no string`);
  return result;
};

interface Issued {
  key: KeyObject;
  certificate: forge.pki.Certificate;
  pem: string;
}

function rsaKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/** A certificate for `key`, signed by `issuer` (self-signed without one), with key identifiers. */
function issue(commonName: string, key: KeyObject, issuer?: Issued): Issued {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(
    createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
  );
  certificate.serialNumber = String(Math.floor(Math.random() * 1e9) + 1);
  certificate.validity.notBefore = new Date('2024-01-01T00:00:00Z');
  certificate.validity.notAfter = new Date('2034-01-01T00:00:00Z');
  certificate.setSubject([{ name: 'commonName', value: commonName }]);
  certificate.setIssuer([
    { name: 'commonName', value: issuer === undefined ? commonName : issuerName(issuer) },
  ]);
  const ownKeyId = certificate.generateSubjectKeyIdentifier().getBytes();
  const authorityKeyId =
    issuer === undefined ? ownKeyId : issuer.certificate.generateSubjectKeyIdentifier().getBytes();
  certificate.setExtensions([
    { name: 'basicConstraints', cA: issuer === undefined || commonName.includes('CA') },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: authorityKeyId },
  ]);
  const signer = issuer?.key ?? key;
  certificate.sign(forge.pki.privateKeyFromPem(pkcs8Pem(signer)), forge.md.sha256.create());
  return { key, certificate, pem: forge.pki.certificateToPem(certificate).replaceAll('\r\n', '\n') };
}

function issuerName(issuer: Issued): string {
  const field = issuer.certificate.subject.getField('CN') as { value?: unknown } | null;
  return typeof field?.value === 'string' ? field.value : '';
}

const pkcs8Pem = (key: KeyObject): string => key.export({ type: 'pkcs8', format: 'pem' }).toString();

/** A PKCS#12 archive as raw bytes held in a Go string, as a provider would hand it over. */
function archive(key: KeyObject, certificates: Issued[], password: string): string {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(pkcs8Pem(key)),
    certificates.map((issued) => issued.certificate),
    password,
    { algorithm: '3des' },
  );
  return goStringFromBytes(new Uint8Array(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary')));
}

/** `openssl pkcs12 -info`: it prints the algorithms on stderr, the bags on stdout. */
function pkcs12Info(archiveBase64: string, password: string): string {
  const result = spawnSync('openssl', ['pkcs12', '-info', '-nokeys', '-passin', `pass:${password}`], {
    input: Buffer.from(archiveBase64, 'base64'),
  });
  if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr.toString()}`);
  return result.stdout.toString() + result.stderr.toString();
}

function openssl(args: string[], input?: Buffer): string {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
}

let root: Issued;
let intermediate: Issued;
let leaf: Issued;
let workDirectory: string;

beforeAll(() => {
  root = issue('Test Root CA', rsaKey());
  intermediate = issue('Test Intermediate CA', rsaKey(), root);
  leaf = issue('leaf.example', rsaKey(), intermediate);
  workDirectory = mkdtempSync(join(tmpdir(), 'ferry-eso-'));
});

afterAll(() => {
  rmSync(workDirectory, { recursive: true, force: true });
});

describe('pkcs12key and pkcs12cert', () => {
  it('extract the key as PKCS#8 PEM and the certificates leaf first, whatever their order in the archive', () => {
    const p12 = archive(leaf.key, [leaf, root, intermediate], 'secret');
    expect(call('pkcs12keyPass', 'secret', p12)).toBe(pkcs8Pem(leaf.key));
    expect(call('pkcs12certPass', 'secret', p12)).toBe(leaf.pem + intermediate.pem + root.pem);
  });

  it('read an archive without a password', () => {
    const p12 = archive(leaf.key, [leaf], '');
    expect(call('pkcs12key', p12)).toBe(pkcs8Pem(leaf.key));
    expect(call('pkcs12cert', p12)).toBe(leaf.pem);
  });

  it('keep the archive order when the certificates do not form one chain', () => {
    const stranger = issue('Other Root CA', rsaKey());
    const p12 = archive(leaf.key, [leaf, stranger], '');
    expect(call('pkcs12cert', p12)).toBe(leaf.pem + stranger.pem);
  });

  it('say the password is wrong without repeating it', () => {
    const p12 = archive(leaf.key, [leaf], 'secret');
    expect(() => call('pkcs12keyPass', 'hunter2', p12)).toThrow(
      new FunctionError('unable to decode pkcs12 with password: pkcs12: decryption password incorrect'),
    );
    expect(() => call('pkcs12certPass', 'hunter2', p12)).toThrow(
      /^unable to decode pkcs12 certificate with password: /,
    );
  });

  it('read an EC archive written by openssl', () => {
    const ecKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const keyFile = join(workDirectory, 'ec.key');
    const certificateFile = join(workDirectory, 'ec.crt');
    writeFileSync(keyFile, pkcs8Pem(ecKey));
    openssl(['req', '-x509', '-key', keyFile, '-out', certificateFile, '-subj', '/CN=ec', '-days', '1']);
    const p12 = execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      keyFile,
      '-in',
      certificateFile,
      '-passout',
      'pass:',
    ]);
    expect(call('pkcs12key', goStringFromBytes(new Uint8Array(p12)))).toBe(pkcs8Pem(ecKey));
    expect(call('pkcs12cert', goStringFromBytes(new Uint8Array(p12)))).toBe(
      openssl(['x509', '-in', certificateFile]),
    );
  });
});

describe('pemToPkcs12 and fullPemToPkcs12', () => {
  it('write an archive that openssl and pkcs12key read back', () => {
    const encoded = call('pemToPkcs12Pass', leaf.pem, pkcs8Pem(leaf.key), 'secret');
    const p12 = goStringFromBytes(new Uint8Array(Buffer.from(encoded, 'base64')));
    expect(call('pkcs12keyPass', 'secret', p12)).toBe(pkcs8Pem(leaf.key));
    expect(call('pkcs12certPass', 'secret', p12)).toBe(leaf.pem);
    const dumped = openssl(['pkcs12', '-nodes', '-passin', 'pass:secret'], Buffer.from(encoded, 'base64'));
    expect(dumped).toContain(leaf.pem.trim());
    expect(createPrivateKey(dumped).export({ type: 'pkcs8', format: 'pem' }).toString()).toBe(
      pkcs8Pem(leaf.key),
    );
  });

  it('put the whole chain in, and accept a PKCS#1 key', () => {
    const pkcs1 = leaf.key.export({ type: 'pkcs1', format: 'pem' }).toString();
    const encoded = call('fullPemToPkcs12', leaf.pem + intermediate.pem + root.pem, pkcs1);
    const p12 = goStringFromBytes(new Uint8Array(Buffer.from(encoded, 'base64')));
    expect(call('pkcs12cert', p12)).toBe(leaf.pem + intermediate.pem + root.pem);
    const dumped = openssl(['pkcs12', '-nokeys', '-passin', 'pass:'], Buffer.from(encoded, 'base64'));
    for (const issued of [leaf, intermediate, root]) expect(dumped).toContain(issued.pem.trim());
  });

  it('fail as Go does on input that is not PEM, and on keys Go cannot read', () => {
    expect(() => call('pemToPkcs12', 'not pem', pkcs8Pem(leaf.key))).toThrow(
      'runtime error: invalid memory address or nil pointer dereference',
    );
    expect(() =>
      call('pemToPkcs12', leaf.pem, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'),
    ).toThrow('unable to parse private key type');
    const ed448Key = generateKeyPairSync('ed448').privateKey;
    expect(() => call('pemToPkcs12', leaf.pem, pkcs8Pem(ed448Key))).toThrow(
      'unable to parse private key type',
    );
    expect(() => call('fullPemToPkcs12', leaf.pem + root.pem + '\n', pkcs8Pem(leaf.key))).toThrow(
      'runtime error: invalid memory address or nil pointer dereference',
    );
  });

  it("write EC keys too, with go-pkcs12 Modern's algorithms", () => {
    const ecKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const encoded = call('pemToPkcs12Pass', leaf.pem, pkcs8Pem(ecKey), 'secret');
    const p12 = goStringFromBytes(new Uint8Array(Buffer.from(encoded, 'base64')));
    expect(call('pkcs12keyPass', 'secret', p12)).toBe(pkcs8Pem(ecKey));
    const info = pkcs12Info(encoded, 'secret');
    expect(info).toContain('MAC: sha256, Iteration 2048');
    expect(info).toContain(
      'PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256',
    );
  });
});

describe('pemTruststoreToPKCS12', () => {
  it('write every certificate as a trusted entry named by its subject, readable by openssl', () => {
    const encoded = call('pemTruststoreToPKCS12Pass', root.pem + intermediate.pem, 'changeit');
    const info = pkcs12Info(encoded, 'changeit');
    expect(info).toContain('friendlyName: CN=Test Root CA');
    expect(info.match(/2\.16\.840\.1\.113894\.746875\.1\.1/g)).toHaveLength(2);
    expect(info).toContain(root.pem.trim());
    expect(info).toContain(intermediate.pem.trim());
    const unprotected = call('pemTruststoreToPKCS12', root.pem);
    expect(pkcs12Info(unprotected, '')).toContain(root.pem.trim());
  });

  it('fail as Go does on leftover text and on blocks that are no certificates', () => {
    expect(() => call('pemTruststoreToPKCS12', root.pem + 'junk')).toThrow(
      'runtime error: invalid memory address or nil pointer dereference',
    );
    expect(() =>
      call('pemTruststoreToPKCS12', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'),
    ).toThrow('x509: malformed certificate');
  });
});

describe('certSANs and rsaDecrypt are registered', () => {
  it('return a list of strings and the decrypted bytes', () => {
    expect(functions.get('certSANs')?.(leaf.pem)).toEqual([]);
    expect(call('rsaDecrypt', 'None', 'SHA256', 'as-is', '')).toBe('as-is');
  });
});

describe('filterPEM and filterCertChain', () => {
  const mixed = (): string => pkcs8Pem(leaf.key) + leaf.pem + 'some junk\n' + root.pem;

  it('keep the blocks of one type, in order, whatever the case of the type', () => {
    expect(call('filterPEM', 'CERTIFICATE', mixed())).toBe(leaf.pem + root.pem);
    expect(call('filterPEM', 'private key', mixed())).toBe(pkcs8Pem(leaf.key));
  });

  it('complain about junk only when nothing matched', () => {
    expect(call('filterPEM', 'EC PRIVATE KEY', root.pem)).toBe('');
    expect(() => call('filterPEM', 'EC PRIVATE KEY', root.pem + '\n\n')).toThrow(
      'error filtering pem: found junk',
    );
  });

  it('pick the leaf, the intermediates or the root of a chain', () => {
    const chain = root.pem + leaf.pem + intermediate.pem;
    expect(call('filterCertChain', 'leaf', chain)).toBe(leaf.pem);
    expect(call('filterCertChain', 'intermediate', chain)).toBe(intermediate.pem);
    expect(call('filterCertChain', 'root', chain)).toBe(root.pem);
  });
});

describe('jwkPublicKeyPem and jwkPrivateKeyPem', () => {
  const keys: [string, KeyObject][] = [
    ['RSA', rsaKey()],
    ['P-256', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey],
    ['P-521', generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey],
    ['Ed25519', generateKeyPairSync('ed25519').privateKey],
  ];

  it.each(keys)('turn a %s JWK into PKIX and PKCS#8 PEM', (_name, key) => {
    const publicJwk = JSON.stringify(createPublicKey(key).export({ format: 'jwk' }));
    const privateJwk = JSON.stringify(key.export({ format: 'jwk' }));
    expect(call('jwkPublicKeyPem', publicJwk)).toBe(
      createPublicKey(key).export({ type: 'spki', format: 'pem' }),
    );
    expect(call('jwkPrivateKeyPem', privateJwk)).toBe(pkcs8Pem(key));
  });

  it('refuse the wrong half of a key with Go’s message', () => {
    const key = keys[0]?.[1] ?? rsaKey();
    expect(() => call('jwkPublicKeyPem', JSON.stringify(key.export({ format: 'jwk' })))).toThrow(
      'x509: unsupported public key type: *rsa.PrivateKey',
    );
    expect(() =>
      call('jwkPrivateKeyPem', JSON.stringify(createPublicKey(key).export({ format: 'jwk' }))),
    ).toThrow('x509: unknown key type while marshaling PKCS#8: *rsa.PublicKey');
    expect(() => call('jwkPrivateKeyPem', '{not json')).toThrow(/^failed to unmarshal JSON into key/);
  });
});
