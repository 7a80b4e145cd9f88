import { describe, expect, it } from 'vitest';
import {
  AuthError,
  InvalidConfigError,
  ProviderError,
  SecretNotFoundError,
  ThrottledError,
  UnavailableError,
} from '../errors.ts';
import { toProviderError, type FailedVaultRequest } from './azure-error.ts';

const request: FailedVaultRequest = {
  action: 'get secret "db"',
  notFound: 'secret "db" not found in https://v.vault.azure.net',
  vaultUrl: 'https://v.vault.azure.net',
};
const restError = (statusCode: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error('Secret db value leaked-Zz9; x-ms-request-id abc'), {
    name: 'RestError',
    statusCode,
    ...extra,
  });

describe('toProviderError', () => {
  it.each([
    [404, SecretNotFoundError],
    [401, AuthError],
    [403, AuthError],
    [429, ThrottledError],
    [503, UnavailableError],
  ])('maps HTTP %i to %o, keeping the original as cause and its text out of the message', (status, type) => {
    const original = restError(status);
    const error = toProviderError(original, request);
    expect(error).toBeInstanceOf(type);
    expect(error.cause).toBe(original);
    expect(error.message).toMatch(/^azurekv: /);
    expect(error.message).not.toContain('leaked');
    expect(error.message).not.toContain('abc');
  });

  it('a disabled object is a non-retryable error, not a permission problem', () => {
    const disabled = restError(403, {
      code: 'Forbidden',
      response: { parsedBody: { error: { code: 'Forbidden', innererror: { code: 'SecretDisabled' } } } },
    });
    const error = toProviderError(disabled, request);
    expect(error).not.toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ reason: 'ProviderError', retryable: false });
    expect(error.message).toContain('disabled');
  });

  it('keeps only the AADSTS number of an Azure AD refusal', () => {
    const refusal = Object.assign(
      new Error('AADSTS7000215: Invalid client secret. Trace ID: 1234 Correlation ID: 5678'),
      {
        name: 'AuthenticationError',
        errorResponse: {
          error: 'invalid_client',
          errorDescription: 'AADSTS7000215: Invalid client secret. Trace ID: 1234',
        },
      },
    );
    const error = toProviderError(refusal, request);
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toBe(
      'azurekv: Azure AD refused to issue a token (AADSTS7000215); check the tenant, client ID and credential of the store',
    );
    expect(
      toProviderError(Object.assign(new Error('x'), { name: 'CredentialUnavailableError' }), request),
    ).toBeInstanceOf(AuthError);
  });

  it('maps a challenge for another resource and an untrusted certificate to InvalidConfigError', () => {
    const mismatch = new Error(
      "The challenge resource 'vault.azure.net' does not match the requested domain. Set ...",
    );
    expect(toProviderError(mismatch, request)).toBeInstanceOf(InvalidConfigError);
    const untrusted = Object.assign(new Error('self-signed'), {
      name: 'RestError',
      code: 'SELF_SIGNED_CERT_IN_CHAIN',
    });
    expect(toProviderError(untrusted, request).message).toContain('NODE_EXTRA_CA_CERTS');
  });

  it('maps network failures to UnavailableError naming the code, and passes provider errors through', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      name: 'RestError',
      code: 'ECONNREFUSED',
    });
    expect(toProviderError(refused, request).message).toBe(
      'azurekv: cannot reach the vault https://v.vault.azure.net (ECONNREFUSED)',
    );
    const original = new ProviderError('InvalidData', 'x', { retryable: false });
    expect(toProviderError(original, request)).toBe(original);
  });
});
