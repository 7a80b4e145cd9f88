import { describe, expect, it } from 'vitest';
import {
  AuthError,
  InvalidConfigError,
  ProviderError,
  SecretNotFoundError,
  ThrottledError,
  UnavailableError,
} from '../errors.ts';
import { redacted } from './redaction.ts';
import { toProviderError } from './vault-errors.ts';
import { VaultResponseError, VaultUnreachableError } from './vault-port.ts';

const read = { action: 'read secret "db"', notFound: 'secret "db" not found', server: 'vault:8200' };
const login = { action: 'log in with appRole at auth/approle', login: true, server: 'vault:8200' };

describe('vault errors', () => {
  it('map statuses onto the taxonomy', () => {
    expect(toProviderError(new VaultResponseError(404, []), read)).toBeInstanceOf(SecretNotFoundError);
    expect(toProviderError(new VaultResponseError(403, ['permission denied']), read)).toBeInstanceOf(
      AuthError,
    );
    expect(toProviderError(new VaultResponseError(400, ['invalid role or secret ID']), login)).toBeInstanceOf(
      AuthError,
    );
    expect(toProviderError(new VaultResponseError(429, []), read)).toBeInstanceOf(ThrottledError);
    expect(toProviderError(new VaultResponseError(503, ['Vault is sealed']), read)).toBeInstanceOf(
      UnavailableError,
    );
    const badRequest = toProviderError(new VaultResponseError(400, ['bad']), read);
    expect(badRequest).toMatchObject({ reason: 'ProviderError', retryable: false });
  });

  it('a route no engine serves is a wrong mount, never a missing secret', () => {
    const error = toProviderError(new VaultResponseError(404, ['no handler for route "x/data/db"']), read);
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(
      toProviderError(new VaultResponseError(404, ['no handler for route "auth/x/login"']), login).message,
    ).toContain("auth method's path");
  });

  it('an untrusted certificate is configuration; a refused connection is unavailability', () => {
    expect(toProviderError(new VaultUnreachableError('SELF_SIGNED_CERT_IN_CHAIN'), read)).toBeInstanceOf(
      InvalidConfigError,
    );
    const refused = toProviderError(new VaultUnreachableError('ECONNREFUSED'), read);
    expect(refused).toBeInstanceOf(UnavailableError);
    expect(refused.message).toBe(
      'vault: cannot reach the Vault server at vault:8200 to read secret "db" (ECONNREFUSED)',
    );
  });

  it('keeps nothing of an error that is neither the server’s nor the network’s', () => {
    const error = toProviderError(new Error('request with header X-Vault-Token: s.abc'), read);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).not.toContain('s.abc');
    expect(error.cause).toBeUndefined();
  });
});

describe('redaction of the server’s words', () => {
  it('cuts out tokens, JWTs and long ids, and keeps one short line', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    expect(redacted(`1 error occurred:\n\t* invalid token ${jwt}\n\n`)).toBe(
      '1 error occurred: * invalid token [redacted]',
    );
    expect(redacted('token hvs.CAESIJ0123456789abcdefghij expired')).toBe('token [redacted] expired');
    expect(redacted('token s.Abcdefghij0123456789 expired')).toBe('token [redacted] expired');
    expect(redacted('secret id 5f2c1a3e-9b7d-4c6e-8a1f-0d2b3c4e5f60 invalid')).toBe(
      'secret id [redacted] invalid',
    );
    expect(redacted('word '.repeat(100))).toHaveLength(200);
  });
});
