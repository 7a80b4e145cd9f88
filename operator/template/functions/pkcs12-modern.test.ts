// go-pkcs12's Modern encoder, byte for byte: with the random source pinned to the bytes 0, 1, 2, … on
// both sides, Ferry's archives and truststores must equal the ones Go wrote (eso-go-fixtures.ts).
import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  goArchives,
  goCertificates,
  goMaterial,
  goSubjectStrings,
  goTrustStores,
} from './eso-go-fixtures.ts';
import { decodePem } from './pem.ts';
import { encodeModernPkcs12, encodeModernTrustStore, type RandomSource } from './pkcs12-modern.ts';
import { decodePkcs12 } from './pkcs12.ts';

const counting = (): RandomSource => {
  let next = 0;
  return (length) => Uint8Array.from({ length }, () => next++ & 0xff);
};
const certificateDer = (name: string): Uint8Array => {
  const block = decodePem(goCertificates[name] ?? '').block;
  if (block === undefined) throw new Error(`no certificate ${name}`);
  return block.bytes;
};
const pkcs8 = (pem: string): Uint8Array =>
  new Uint8Array(createPrivateKey(pem).export({ format: 'der', type: 'pkcs8' }));
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

describe('encodeModernTrustStore', () => {
  const cases: [string, string[], string][] = [
    ['plain+ordered', ['plain', 'ordered'], ''],
    ['escaped-pass', ['escaped', 'twoCN'], 's3cret-ü'],
    ['empty', [], ''],
    // An empty or three-character friendly name sorts before the Java attribute in the bag's SET.
    ['sorted', ['empty', 'short', 'plain'], 'pw'],
  ];
  it.each(cases)('writes what go-pkcs12 writes: %s', (key, names, password) => {
    const entries = names.map((name) => ({
      certificateDer: certificateDer(name),
      friendlyName: goSubjectStrings[name] ?? '',
    }));
    expect(base64(encodeModernTrustStore(entries, password, counting()))).toBe(goTrustStores[key]);
  });

  it('refuses characters outside the BMP in a friendly name or the password, as go-pkcs12 does', () => {
    const ucs2Error = 'pkcs12: string contains characters that cannot be encoded in UCS-2';
    expect(goTrustStores.emoji).toEqual({ error: ucs2Error });
    expect(goTrustStores.emojiPassword).toEqual({ error: ucs2Error });
    const entry = { certificateDer: certificateDer('emoji'), friendlyName: goSubjectStrings.emoji ?? '' };
    expect(() => encodeModernTrustStore([entry], '')).toThrow(ucs2Error);
    const plain = { certificateDer: certificateDer('plain'), friendlyName: 'CN=x' };
    expect(() => encodeModernTrustStore([plain], '😀')).toThrow(ucs2Error);
  });
});

describe('encodeModernPkcs12', () => {
  const cases: [string, string, string, string[], string][] = [
    ['rsa-nopass', goMaterial.rsaKeyPkcs1, 'plain', [], ''],
    ['rsa-chain-pass', goMaterial.rsaKeyPkcs8, 'escaped', ['plain', 'twoCN'], 'pässword'],
    ['ec-nopass', goMaterial.ecKeySec1, 'ordered', [], ''],
  ];
  it.each(cases)('writes what go-pkcs12 writes: %s', (key, keyPem, leaf, cas, password) => {
    const encoded = encodeModernPkcs12(
      pkcs8(keyPem),
      certificateDer(leaf),
      cas.map(certificateDer),
      password,
      counting(),
    );
    expect(base64(encoded)).toBe(goArchives[key]);
  });

  it('draws fresh salts and IVs from the system by default', () => {
    const first = encodeModernPkcs12(pkcs8(goMaterial.rsaKeyPkcs8), certificateDer('plain'), [], '');
    const second = encodeModernPkcs12(pkcs8(goMaterial.rsaKeyPkcs8), certificateDer('plain'), [], '');
    expect(base64(first)).not.toBe(base64(second));
  });
});

describe("go-pkcs12's Modern archives read back", () => {
  it('give the key and the certificates, with a non-ASCII password (PBES2 takes its UTF-8)', () => {
    const archive = new Uint8Array(Buffer.from(goArchives['rsa-chain-pass'] as string, 'base64'));
    const decoded = decodePkcs12(archive, 'pässword');
    expect(Buffer.from(decoded.privateKeyPkcs8).toString('base64')).toBe(
      Buffer.from(pkcs8(goMaterial.rsaKeyPkcs8)).toString('base64'),
    );
    expect(decoded.certificates.map(base64)).toEqual(
      ['escaped', 'plain', 'twoCN'].map((name) => base64(certificateDer(name))),
    );
    expect(() => decodePkcs12(archive, 'passwörd')).toThrow('pkcs12: decryption password incorrect');
  });
});
