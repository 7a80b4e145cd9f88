// Credentials are checked when a client is built, so a broken one is an InvalidConfigError naming
// its field, not a TLS failure on the first request. Messages never quote the material.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { InvalidConfigError } from '../errors.ts';

export function checkedCertificates(pem: string, field: string): string {
  try {
    new X509Certificate(pem);
  } catch {
    throw new InvalidConfigError(
      `kubernetes: ${field} is not a PEM certificate ("-----BEGIN CERTIFICATE-----")`,
    );
  }
  return pem;
}

export function checkedPrivateKey(pem: string, field: string): string {
  try {
    createPrivateKey(pem);
  } catch {
    // No cause kept: the parse error of a key is not worth the risk of carrying key material.
    throw new InvalidConfigError(`kubernetes: ${field} is not a PEM private key`);
  }
  return pem;
}

export function checkedToken(raw: string, field: string): string {
  // Tokens pasted into Secrets often end with a newline.
  const token = raw.trim();
  if (token === '') throw new InvalidConfigError(`kubernetes: the token of ${field} is empty`);
  if (/[\s\p{Cc}]/u.test(token)) {
    throw new InvalidConfigError(
      `kubernetes: the token of ${field} contains whitespace or control characters`,
    );
  }
  return token;
}
