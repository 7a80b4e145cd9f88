import { describe, expect, it } from 'vitest';
import {
  AuthError,
  InvalidConfigError,
  ProviderError,
  SecretNotFoundError,
  ThrottledError,
  UnavailableError,
} from '../errors.ts';
import { DisabledVersionError, grpcStatus, toProviderError } from './grpc-error.ts';

const call = {
  action: 'access secret "db"',
  subject: 'secret "db"',
  scope: 'project "acme"',
  server: 'https://secretmanager.googleapis.com:443 (gRPC)',
};
// What google-gax rejects with: an Error with the gRPC status as `code` and the server's text.
const sdkError = (code: number) =>
  Object.assign(new Error(`${String(code)} server says: request id req-83jd7 token ya29.secret`), { code });

describe('gcpsm error mapping', () => {
  it.each([
    [grpcStatus.NOT_FOUND, SecretNotFoundError, false],
    [grpcStatus.PERMISSION_DENIED, AuthError, true],
    [grpcStatus.UNAUTHENTICATED, AuthError, true],
    [grpcStatus.RESOURCE_EXHAUSTED, ThrottledError, true],
    [grpcStatus.UNAVAILABLE, UnavailableError, true],
    [grpcStatus.DEADLINE_EXCEEDED, UnavailableError, true],
    [grpcStatus.INTERNAL, UnavailableError, true],
    [grpcStatus.INVALID_ARGUMENT, InvalidConfigError, false],
    [grpcStatus.FAILED_PRECONDITION, DisabledVersionError, true],
  ])('status %i becomes %o', (code, type, retryable) => {
    const error = toProviderError(sdkError(code), call);
    expect(error).toBeInstanceOf(type);
    expect(error.retryable).toBe(retryable);
    expect(error.message).toMatch(/^gcpsm: /);
    // Our words only: the server's text (request ids, tokens) stays in `cause`.
    expect(error.message).not.toMatch(/req-83jd7|ya29|server says/);
  });

  it('names the missing secret and the project', () => {
    expect(toProviderError(sdkError(grpcStatus.NOT_FOUND), call).message).toBe(
      'gcpsm: secret "db" not found in project "acme"',
    );
  });

  it('tells how to fix a permission error', () => {
    expect(toProviderError(sdkError(grpcStatus.PERMISSION_DENIED), call).message).toContain(
      'roles/secretmanager.secretAccessor',
    );
  });

  it('treats an error without a status (a socket, an auth library failure) as unavailable', () => {
    expect(toProviderError(new Error('ECONNRESET'), call)).toBeInstanceOf(UnavailableError);
  });

  it('keeps an error that is already a ProviderError', () => {
    const original = new InvalidConfigError('gcpsm: bad');
    expect(toProviderError(original, call)).toBe(original);
    expect(toProviderError(sdkError(grpcStatus.ALREADY_EXISTS), call)).toBeInstanceOf(ProviderError);
  });
});
