import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  AuthError,
  InvalidConfigError,
  ProviderError,
  SecretNotFoundError,
  ThrottledError,
  UnavailableError,
} from '../errors.ts';
import { toProviderError, type FailedRequest } from './api-error.ts';

const request: FailedRequest = {
  action: 'get secret "db" in namespace "prod"',
  notFound: 'secret "db" not found in namespace "prod"',
  server: '10.0.0.1:6443',
};
const apiException = (code: number) =>
  new ApiException(code, 'failed', JSON.stringify({ kind: 'Status', message: 'body text' }), {
    authorization: 'Bearer leaked-token-Zz9',
  });
const networkError = (code: string) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error('socket'), { code }) });

describe('toProviderError', () => {
  it.each([
    [404, SecretNotFoundError, 'kubernetes: secret "db" not found in namespace "prod"'],
    [
      401,
      AuthError,
      "kubernetes: the API server at 10.0.0.1:6443 rejected the store's credentials (401 Unauthorized)",
    ],
    [
      403,
      AuthError,
      'kubernetes: the store\'s identity may not get secret "db" in namespace "prod" (403 Forbidden); grant it get and list on secrets there',
    ],
    [429, ThrottledError, 'kubernetes: the API server at 10.0.0.1:6443 is throttling requests (429)'],
    [
      503,
      UnavailableError,
      'kubernetes: the API server at 10.0.0.1:6443 failed to get secret "db" in namespace "prod" (HTTP 503)',
    ],
  ])('maps HTTP %i to %o, keeping the original as cause', (code, type, message) => {
    const original = apiException(code);
    const error = toProviderError(original, request);
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(message);
    expect(error.cause).toBe(original);
    expect(error.message).not.toContain('leaked-token');
  });

  it('maps other client errors to a non-retryable ProviderError', () => {
    expect(toProviderError(apiException(400), request)).toMatchObject({
      reason: 'ProviderError',
      retryable: false,
    });
  });

  it('maps network failures to UnavailableError, naming the code', () => {
    const error = toProviderError(networkError('ECONNREFUSED'), request);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toBe('kubernetes: cannot reach the API server at 10.0.0.1:6443 (ECONNREFUSED)');
    const wrapped = toProviderError(
      new TypeError('fetch failed', { cause: new AggregateError([networkError('ETIMEDOUT')]) }),
      request,
    );
    expect(wrapped.message).toContain('(ETIMEDOUT)');
  });

  it('maps an untrusted server certificate to InvalidConfigError', () => {
    const error = toProviderError(networkError('SELF_SIGNED_CERT_IN_CHAIN'), request);
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(error.message).toContain('server.caBundle or server.caProvider');
  });

  it('passes provider errors through', () => {
    const original = new ProviderError('InvalidData', 'x', { retryable: false });
    expect(toProviderError(original, request)).toBe(original);
  });
});
