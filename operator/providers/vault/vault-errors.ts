// Port failures → the provider error taxonomy. Messages are our own words plus the HTTP status and
// Vault's (redacted) error text; the port's errors never hold the SDK's, so `cause` is safe to keep.
import {
  AuthError,
  InvalidConfigError,
  ProviderError,
  SecretNotFoundError,
  ThrottledError,
  UnavailableError,
} from '../errors.ts';
import { isUntrustedCertificate } from '../tls-errors.ts';
import { VaultResponseError, VaultUnexpectedAnswerError, VaultUnreachableError } from './vault-port.ts';

/** What was being done, for messages: `read "db" at secret/data/db`, and what a 404 means. */
export interface FailedCall {
  action: string;
  /** The message of a 404 where 404 means the secret is not there. */
  notFound?: string | undefined;
  /** Logins: a 400 is the auth method rejecting the credentials, a missing route a wrong mount path. */
  login?: boolean | undefined;
  /** The server's host, to say which server failed. */
  server: string;
}

export function toProviderError(error: unknown, call: FailedCall): ProviderError {
  if (error instanceof ProviderError) return error;
  const server = `the Vault server at ${call.server}`;
  if (error instanceof VaultResponseError) return fromResponse(error, call, server);
  if (error instanceof VaultUnreachableError) {
    const { code } = error;
    if (isUntrustedCertificate(code)) {
      return new InvalidConfigError(
        `vault: cannot verify the TLS certificate of ${server} (${code}); check server, caBundle and caProvider`,
        error,
      );
    }
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
      return new UnavailableError(`vault: ${server} did not answer in time to ${call.action}`, error);
    }
    return new UnavailableError(
      `vault: cannot reach ${server} to ${call.action}${code === undefined ? '' : ` (${code})`}`,
      error,
    );
  }
  if (error instanceof VaultUnexpectedAnswerError) {
    return new UnavailableError(
      `vault: ${server} did not answer as the Vault API does to ${call.action} (${error.message}); check server`,
      error,
    );
  }
  // Neither the server's answer nor the network's: no cause kept, it may hold request details.
  return new ProviderError('ProviderError', `vault: could not ${call.action}`, { retryable: true });
}

function fromResponse(error: VaultResponseError, call: FailedCall, server: string): ProviderError {
  const { status } = error;
  const said = error.errors.length > 0 ? `: ${error.errors.join('; ')}` : '';
  const answer = `(HTTP ${String(status)}${said})`;
  if (status === 404 && error.errors.some((text) => text.includes('no handler for route'))) {
    return new InvalidConfigError(
      call.login
        ? `vault: cannot ${call.action}: no auth method is mounted there; check the auth method's path`
        : `vault: cannot ${call.action}: nothing is mounted there; check path, version and namespace of spec.provider.vault`,
      error,
    );
  }
  if (status === 404 && call.notFound !== undefined) {
    const deleted = error.deletedVersion ? ' (that version is deleted)' : '';
    return new SecretNotFoundError(`vault: ${call.notFound}${deleted}`, error);
  }
  if (status === 400 && call.login) {
    return new AuthError(
      `vault: ${call.action} was refused ${answer}; check the credentials and role`,
      error,
    );
  }
  if (status === 401 || status === 403) {
    const advice = call.login
      ? 'check the credentials and the role'
      : 'check that the token is current and that its policies allow this';
    return new AuthError(`vault: ${server} denied the request to ${call.action} ${answer}; ${advice}`, error);
  }
  if (status === 429)
    return new ThrottledError(`vault: ${server} is rate limiting requests ${answer}`, error);
  if (status === 412 || status >= 500) {
    return new UnavailableError(`vault: ${server} failed to ${call.action} ${answer}`, error);
  }
  return new ProviderError('ProviderError', `vault: ${server} refused to ${call.action} ${answer}`, {
    retryable: false,
    cause: error,
  });
}
