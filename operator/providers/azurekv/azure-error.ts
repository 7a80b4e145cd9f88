// Azure SDK failures → the provider error taxonomy. Messages are built from our own words, HTTP
// statuses, error codes and Azure AD's AADSTS numbers only: the service's text, token endpoint
// replies (which carry trace and correlation ids) and request ids stay in `cause`.
import {
  AuthError,
  InvalidConfigError,
  ProviderError,
  SecretNotFoundError,
  ThrottledError,
  UnavailableError,
} from '../errors.ts';
import { isUntrustedCertificate } from '../tls-errors.ts';

/** What was being done, for messages: `get secret "db"`, and the vault's URL. */
export interface FailedVaultRequest {
  action: string;
  notFound: string;
  vaultUrl: string;
}

export function toProviderError(error: unknown, request: FailedVaultRequest): ProviderError {
  if (error instanceof ProviderError) return error;
  const vault = `the vault ${request.vaultUrl}`;
  const credentialFailure = credentialErrorOf(error);
  if (credentialFailure !== undefined) return credentialFailure;
  if (isChallengeMismatch(error)) {
    return new InvalidConfigError(
      `azurekv: ${vault} asked for a token of another resource than its own host; check vaultUrl (a vault's URL ends with the cloud's Key Vault domain, e.g. .vault.azure.net)`,
      error,
    );
  }
  const status = numberField(error, 'statusCode');
  if (status !== undefined) {
    const serviceCode = stringField(error, 'code');
    if (status === 404) return new SecretNotFoundError(`azurekv: ${request.notFound}`, error);
    if (status === 401)
      return new AuthError(`azurekv: ${vault} rejected the store's token (401 Unauthorized)`, error);
    if (status === 403) {
      if (/disabled/i.test(innerCodeOf(error) ?? '')) {
        return new ProviderError(
          'ProviderError',
          `azurekv: cannot ${request.action}: it is disabled in ${vault}`,
          {
            retryable: false,
            cause: error,
          },
        );
      }
      return new AuthError(
        `azurekv: the store's identity may not ${request.action} in ${vault} (403 Forbidden); grant it the Key Vault Secrets User role (or Certificate/Crypto User for cert/ and key/), or get and list in the vault's access policy`,
        error,
      );
    }
    if (status === 429) return new ThrottledError(`azurekv: ${vault} is throttling requests (429)`, error);
    if (status >= 500) {
      return new UnavailableError(`azurekv: ${vault} failed to ${request.action} (HTTP ${status})`, error);
    }
    return new ProviderError(
      'ProviderError',
      `azurekv: ${vault} refused to ${request.action} (HTTP ${status}${serviceCode === undefined ? '' : ` ${safeCode(serviceCode)}`})`,
      { retryable: false, cause: error },
    );
  }
  const code = errorCodeOf(error);
  if (isUntrustedCertificate(code)) {
    return new InvalidConfigError(
      `azurekv: cannot verify the TLS certificate of ${vault} (${code}); the operator must trust its CA (NODE_EXTRA_CA_CERTS)`,
      error,
    );
  }
  return new UnavailableError(
    `azurekv: cannot reach ${vault}${code === undefined ? '' : ` (${safeCode(code)})`}`,
    error,
  );
}

/** @azure/identity's errors, by name: the SDK is loaded lazily and these are its stable names. */
function credentialErrorOf(error: unknown): ProviderError | undefined {
  const name = stringField(error, 'name');
  if (name === 'CredentialUnavailableError') {
    return new AuthError(
      'azurekv: no token could be obtained: the credential is not available here (for ManagedIdentity: no identity endpoint answered; for WorkloadIdentity: the federated token is missing)',
      error,
    );
  }
  if (
    name === 'AuthenticationError' ||
    name === 'AggregateAuthenticationError' ||
    name === 'AuthenticationRequiredError'
  ) {
    const aadCode = aadErrorCodeOf(error);
    return new AuthError(
      `azurekv: Azure AD refused to issue a token${aadCode === undefined ? '' : ` (${aadCode})`}; check the tenant, client ID and credential of the store`,
      error,
    );
  }
  return undefined;
}

// Azure AD's descriptions start with their AADSTS number, and go on with trace and correlation
// ids; only the number is kept.
function aadErrorCodeOf(error: unknown): string | undefined {
  const texts = [
    stringField(error, 'message'),
    stringField(objectField(error, 'errorResponse'), 'errorDescription'),
  ];
  for (const text of texts) {
    const match = text === undefined ? null : /\bAADSTS\d{4,8}\b/.exec(text);
    if (match) return match[0];
  }
  const oauthError = stringField(objectField(error, 'errorResponse'), 'error');
  return oauthError === undefined ? undefined : safeCode(oauthError);
}

function isChallengeMismatch(error: unknown): boolean {
  const message = stringField(error, 'message') ?? '';
  return /^The challenge (resource|origin) .* does not match the requested domain/.test(message);
}

/** Key Vault's `innererror.code` (SecretDisabled and the like), from the parsed response body. */
function innerCodeOf(error: unknown): string | undefined {
  const body = objectField(objectField(error, 'response'), 'parsedBody');
  return stringField(objectField(objectField(body, 'error'), 'innererror'), 'code');
}

/** The socket's error code (ECONNREFUSED, a TLS code), wherever the SDK wrapped it. */
function errorCodeOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const code = stringField(error, 'code');
  if (code !== undefined && code !== 'REQUEST_SEND_ERROR') return code;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const innerCode = errorCodeOf(inner, depth + 1);
      if (innerCode !== undefined) return innerCode;
    }
  }
  return 'cause' in error ? errorCodeOf(error.cause, depth + 1) : undefined;
}

// Codes are identifiers; anything else is not echoed.
function safeCode(code: string): string {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : 'unrecognised code';
}

function objectField(value: unknown, field: string): unknown {
  return typeof value === 'object' && value !== null && field in value
    ? (value as Record<string, unknown>)[field]
    : undefined;
}

function stringField(value: unknown, field: string): string | undefined {
  const found = objectField(value, field);
  return typeof found === 'string' ? found : undefined;
}

function numberField(value: unknown, field: string): number | undefined {
  const found = objectField(value, field);
  return typeof found === 'number' ? found : undefined;
}
