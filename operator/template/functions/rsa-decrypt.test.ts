// ESO's rsaDecrypt on ciphertexts Go's rsa.EncryptOAEP made (eso-go-fixtures.ts), and its errors.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { goStringFromBytes } from '../go-string.ts';
import { goCiphertexts, goMaterial, goPlaintextBase64 } from './eso-go-fixtures.ts';
import { rsaDecrypt } from './rsa-decrypt.ts';

const raw = (base64: string): string => goStringFromBytes(new Uint8Array(Buffer.from(base64, 'base64')));
const plaintext = raw(goPlaintextBase64);
const ciphertext = (hash: string): string => raw(goCiphertexts[hash] ?? '');

describe('rsaDecrypt', () => {
  it.each(['SHA1', 'SHA256', 'SHA512'])('decrypts RSA-OAEP with %s, PKCS#1 or PKCS#8 keys', (hash) => {
    expect(rsaDecrypt('RSA-OAEP', hash, ciphertext(hash), goMaterial.rsaKeyPkcs1)).toBe(plaintext);
    expect(rsaDecrypt('RSA-OAEP', hash, ciphertext(hash), goMaterial.rsaKeyPkcs8)).toBe(plaintext);
  });

  it('uses SHA-256 for "None" and for any hash name it does not know', () => {
    expect(rsaDecrypt('RSA-OAEP', 'None', ciphertext('SHA256'), goMaterial.rsaKeyPkcs1)).toBe(plaintext);
    expect(rsaDecrypt('RSA-OAEP', 'MD5', ciphertext('SHA256'), goMaterial.rsaKeyPkcs1)).toBe(plaintext);
  });

  it('hands the input back for scheme None, whatever the key', () => {
    expect(rsaDecrypt('None', 'SHA256', 'plain\u00ff', 'irrelevant')).toBe('plain\u00ff');
  });

  it('fails with ESO messages', () => {
    const key = goMaterial.rsaKeyPkcs1;
    expect(() => rsaDecrypt('rsa-oaep', 'SHA256', 'x', key)).toThrow(
      'decryption scheme rsa-oaep is not supported',
    );
    expect(() => rsaDecrypt('RSA-OAEP', 'SHA256', 'x', 'not-a-valid-pem')).toThrow(
      'failed to decode PEM block',
    );
    expect(() =>
      rsaDecrypt(
        'RSA-OAEP',
        'SHA256',
        'x',
        '-----BEGIN CERTIFICATE-----\naW52YWxpZA==\n-----END CERTIFICATE-----\n',
      ),
    ).toThrow('could not parse private key: unable to parse private key type');
    expect(() => rsaDecrypt('RSA-OAEP', 'SHA256', 'x', goMaterial.ecKeySec1)).toThrow(
      'could not parse RSA private key',
    );
    expect(() => rsaDecrypt('RSA-OAEP', 'SHA1', ciphertext('SHA256'), key)).toThrow(
      'error decrypting data with RSA: crypto/rsa: decryption error',
    );
    expect(() => rsaDecrypt('RSA-OAEP', 'SHA256', 'not-encrypted-data', key)).toThrow(
      'error decrypting data with RSA: crypto/rsa: decryption error',
    );
  });

  it('refuses keys Go cannot read although Node can (Ed448, RSA-PSS)', () => {
    const keys = [
      generateKeyPairSync('ed448').privateKey,
      generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).privateKey,
    ];
    for (const key of keys) {
      const pem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
      expect(() => rsaDecrypt('RSA-OAEP', 'SHA256', 'x', pem)).toThrow(
        'could not parse private key: unable to parse private key type',
      );
    }
  });

  it('refuses RSA keys under 1024 bits, as Go 1.24 and later do', () => {
    const small = execFileSync('openssl', ['genrsa', '-traditional', '512'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
    expect(() => rsaDecrypt('RSA-OAEP', 'SHA256', 'x', small)).toThrow(
      'error decrypting data with RSA: crypto/rsa: 512-bit keys are insecure (see https://go.dev/pkg/crypto/rsa#hdr-Minimum_key_size)',
    );
  });
});
