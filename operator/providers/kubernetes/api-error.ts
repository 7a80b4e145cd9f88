// client-node failures → the provider error taxonomy. Messages are built from our own words, the
// HTTP status and error codes only: the server's text, headers and request ids stay in `cause`.
import {
  AuthError,
  InvalidConfigError,
  ProviderError,
  SecretNotFoundError,
  ThrottledError,
  UnavailableError,
} from '../errors.ts';
import { isUntrustedCertificate } from '../tls-errors.ts';

/** What was being done, for messages: `get secret "db" in namespace "prod"` and the server's host. */
export interface FailedRequest {
  action: string;
  notFound: string;
  server: string;
}

export function toProviderError(error: unknown, request: FailedRequest): ProviderError {
  if (error instanceof ProviderError) return error;
  const status = httpStatusOf(error);
  const server = `the API server at ${request.server}`;
  if (status !== undefined) {
    if (status === 404) return new SecretNotFoundError(`kubernetes: ${request.notFound}`, error);
    if (status === 401) {
      return new AuthError(
        `kubernetes: ${server} rejected the store's credentials (401 Unauthorized)`,
        error,
      );
    }
    if (status === 403) {
      return new AuthError(
        `kubernetes: the store's identity may not ${request.action} (403 Forbidden); grant it get and list on secrets there`,
        error,
      );
    }
    if (status === 429)
      return new ThrottledError(`kubernetes: ${server} is throttling requests (429)`, error);
    if (status >= 500)
      return new UnavailableError(
        `kubernetes: ${server} failed to ${request.action} (HTTP ${status})`,
        error,
      );
    return new ProviderError(
      'ProviderError',
      `kubernetes: ${server} refused to ${request.action} (HTTP ${status})`,
      {
        retryable: false,
        cause: error,
      },
    );
  }
  const code = errorCodeOf(error);
  if (isUntrustedCertificate(code)) {
    return new InvalidConfigError(
      `kubernetes: cannot verify the TLS certificate of ${server} (${code}); check server.url and server.caBundle or server.caProvider`,
      error,
    );
  }
  return new UnavailableError(
    `kubernetes: cannot reach ${server}${code === undefined ? '' : ` (${code})`}`,
    error,
  );
}

/** client-node's ApiException carries the HTTP status as `code`. */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error) || !('body' in error))
    return undefined;
  return typeof error.code === 'number' ? error.code : undefined;
}

/** fetch wraps the socket's error (ECONNREFUSED, a TLS code) in `cause`, sometimes in an AggregateError. */
function errorCodeOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  if ('code' in error && typeof error.code === 'string') return error.code;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const code = errorCodeOf(inner, depth + 1);
      if (code !== undefined) return code;
    }
  }
  return 'cause' in error ? errorCodeOf(error.cause, depth + 1) : undefined;
}
