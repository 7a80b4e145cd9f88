// Credentials are checked when a client is built, so a broken one is an InvalidConfigError naming
// its field, not a TLS or login failure later. Messages never quote the material.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { InvalidConfigError } from '../errors.ts';

export function checkedCertificates(pem: string, field: string): string {
  try {
    new X509Certificate(pem);
  } catch {
    throw new InvalidConfigError(`vault: ${field} is not a PEM certificate ("-----BEGIN CERTIFICATE-----")`);
  }
  return pem;
}

export function checkedPrivateKey(pem: string, field: string): string {
  try {
    createPrivateKey(pem);
  } catch {
    // No cause kept: the parse error of a key is not worth the risk of carrying key material.
    throw new InvalidConfigError(`vault: ${field} is not a PEM private key`);
  }
  return pem;
}

/** Tokens, JWTs and AppRole ids: opaque, so surrounding whitespace (a pasted newline) is dropped. */
export function checkedOpaque(raw: string, field: string): string {
  const value = raw.trim();
  if (value === '') throw new InvalidConfigError(`vault: the value of ${field} is empty`);
  if (/[\s\p{Cc}]/u.test(value)) {
    throw new InvalidConfigError(`vault: the value of ${field} contains whitespace or control characters`);
  }
  return value;
}
