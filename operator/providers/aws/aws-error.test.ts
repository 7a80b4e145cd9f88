import { describe, expect, it } from 'vitest';
import {
  AuthError,
  InvalidConfigError,
  ProviderError,
  SecretNotFoundError,
  ThrottledError,
  UnavailableError,
} from '../errors.ts';
import { credentialVerdict, toProviderError, type FailedCall } from './aws-error.ts';

const call: FailedCall = {
  service: 'Secrets Manager',
  action: 'read secret "db"',
  permission: 'secretsmanager:GetSecretValue',
  endpoint: 'eu-west-1',
  notFound: 'secret "db" not found',
};
/** What the SDK throws: a named error with AWS's own message and the response metadata. */
const sdkError = (name: string, status: number, message = 'AWS text with request 5d1a-req-Id9') =>
  Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: '5d1a-req-Id9' },
  });

describe('toProviderError', () => {
  it.each([
    ['ResourceNotFoundException', 400, SecretNotFoundError, 'aws: secret "db" not found'],
    [
      'UnrecognizedClientException',
      400,
      AuthError,
      "aws: Secrets Manager at eu-west-1 did not accept the store's credentials (UnrecognizedClientException, HTTP 400); check that they are current",
    ],
    [
      'AccessDeniedException',
      400,
      AuthError,
      'aws: the store\'s identity may not read secret "db" (AccessDeniedException, HTTP 400); grant it secretsmanager:GetSecretValue',
    ],
    ['ExpiredTokenException', 400, AuthError, 'did not accept'],
    ['DecryptionFailure', 400, AuthError, 'kms:Decrypt'],
    ['ThrottlingException', 400, ThrottledError, 'aws: Secrets Manager at eu-west-1 is throttling requests'],
    [
      'InternalServiceError',
      500,
      UnavailableError,
      'failed to read secret "db" (InternalServiceError, HTTP 500)',
    ],
    ['SyntaxError', 403, AuthError, 'refused to read secret "db" (SyntaxError, HTTP 403)'],
  ])('maps %s (HTTP %i) to %o', (name, status, type, message) => {
    const error = toProviderError(sdkError(name, status), call);
    expect(error).toBeInstanceOf(type);
    expect(error.message).toContain(message);
    // AWS's own text and its request id stay out, and so does the SDK error.
    expect(error.message).not.toContain('5d1a-req-Id9');
    expect(error.cause).toBeUndefined();
  });

  it('reads a secret scheduled for deletion as not found, as ESO does', () => {
    const error = toProviderError(
      sdkError(
        'InvalidRequestException',
        400,
        "You can't perform this operation on the secret because it was marked for deletion.",
      ),
      call,
    );
    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect(error.message).toBe('aws: secret "db" not found (it is scheduled for deletion)');
  });

  it('maps not found to SecretNotFoundError only where a missing secret is meant', () => {
    const { notFound: _, ...listing } = call;
    const error = toProviderError(sdkError('ResourceNotFoundException', 400), listing);
    expect(error).not.toBeInstanceOf(SecretNotFoundError);
    expect(error).toMatchObject({ reason: 'ProviderError', retryable: false });
  });

  it('maps other client errors to a non-retryable ProviderError', () => {
    expect(toProviderError(sdkError('InvalidParameterException', 400), call)).toMatchObject({
      reason: 'ProviderError',
      retryable: false,
    });
  });

  it('maps network failures to UnavailableError and untrusted certificates to InvalidConfigError', () => {
    const refused = toProviderError(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', $metadata: {} }),
      call,
    );
    expect(refused).toBeInstanceOf(UnavailableError);
    expect(refused.message).toBe('aws: cannot reach Secrets Manager at eu-west-1 (ECONNREFUSED)');
    const untrusted = toProviderError(
      new Error('fetch failed', {
        cause: Object.assign(new Error('x'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }),
      }),
      call,
    );
    expect(untrusted).toBeInstanceOf(InvalidConfigError);
  });

  it('says what to do when the default chain finds no credentials', () => {
    const error = toProviderError(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
      call,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain("the AWS SDK's default chain");
  });

  it('passes provider errors through', () => {
    const original = new ProviderError('InvalidData', 'x', { retryable: false });
    expect(toProviderError(original, call)).toBe(original);
  });
});

describe('credentialVerdict', () => {
  it('accepts credentials AWS only lacked a permission for, and rejects those it did not know', () => {
    expect(credentialVerdict(sdkError('AccessDeniedException', 400))).toBe('accepted');
    expect(credentialVerdict(sdkError('UnrecognizedClientException', 400))).toBe('rejected');
    expect(credentialVerdict(sdkError('InvalidSignatureException', 400))).toBe('rejected');
    expect(credentialVerdict(sdkError('SyntaxError', 403))).toBe('rejected');
  });

  it('has no verdict on failures that are not about the credentials', () => {
    expect(credentialVerdict(sdkError('InternalServiceError', 500))).toBeUndefined();
    expect(credentialVerdict(new AuthError('aws: STS refused'))).toBeUndefined();
  });
});
