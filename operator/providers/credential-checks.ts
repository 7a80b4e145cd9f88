// Resolved credentials are checked when a client is built, so a broken one is an
// InvalidConfigError naming its field, not a TLS or login failure on the first request. Messages
// name the provider and the field and never quote the material.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { InvalidConfigError } from './errors.ts';
import { operatorIdentityCredential, type ResolvedCredentials } from './types.ts';

/** The resolved credential `name` as text; `field` says where the spec asked for it. */
export function credentialText(
  provider: string,
  credentials: ResolvedCredentials,
  name: string,
  field: string,
): string {
  const value = credentials[name];
  if (value === undefined)
    throw new InvalidConfigError(`${provider}: the credential of ${field} was not resolved`);
  return new TextDecoder().decode(value);
}

/**
 * Throws unless the controller granted this store the operator's own identity (operatorIdentityRef):
 * a provider checks it right where it would fall back to that identity, so that a fallback its
 * credentialRefs forgot to declare fails closed instead of lending the operator's identity.
 */
export function checkOperatorIdentityGranted(
  provider: string,
  credentials: ResolvedCredentials,
  identity: string,
): void {
  if (credentials[operatorIdentityCredential] === undefined) {
    throw new InvalidConfigError(
      `${provider}: this store has no credentials of its own and was not granted ${identity}`,
    );
  }
}

export function checkedCertificates(provider: string, pem: string, field: string): string {
  try {
    new X509Certificate(pem);
  } catch {
    throw new InvalidConfigError(
      `${provider}: ${field} is not a PEM certificate ("-----BEGIN CERTIFICATE-----")`,
    );
  }
  return pem;
}

export function checkedPrivateKey(provider: string, pem: string, field: string): string {
  try {
    createPrivateKey(pem);
  } catch {
    // No cause kept: the parse error of a key is not worth the risk of carrying key material.
    throw new InvalidConfigError(`${provider}: ${field} is not a PEM private key`);
  }
  return pem;
}

/**
 * Tokens, keys and ids: opaque, so surrounding whitespace (the newline a paste leaves) is dropped,
 * and whitespace or control characters inside are refused. `noun` is how messages call it.
 */
export function checkedOpaque(
  provider: string,
  raw: string,
  field: string,
  noun: 'token' | 'value' | 'credential',
): string {
  const value = raw.trim();
  if (value === '') throw new InvalidConfigError(`${provider}: the ${noun} of ${field} is empty`);
  if (/[\s\p{Cc}]/u.test(value)) {
    throw new InvalidConfigError(
      `${provider}: the ${noun} of ${field} contains whitespace or control characters`,
    );
  }
  return value;
}
