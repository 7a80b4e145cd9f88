// AWS SDK failures → the provider error taxonomy. Messages are built from our own words, the
// error's name (the AWS error code), the HTTP status and network codes only: AWS's own message,
// request ids and headers never reach a message, and the SDK error is not kept as cause either.
import {
  AuthError,
  InvalidConfigError,
  ProviderError,
  SecretNotFoundError,
  ThrottledError,
  UnavailableError,
} from '../errors.ts';
import { isUntrustedCertificate } from '../tls-errors.ts';

/** What was being done, for messages. */
export interface FailedCall {
  /** `Secrets Manager` or `STS`. */
  service: string;
  /** `read secret "db"`, `assume role arn:…`. */
  action: string;
  /** The IAM action the store's identity needs for it, e.g. `secretsmanager:GetSecretValue`. */
  permission: string;
  /** Where: the endpoint's host. */
  endpoint: string;
  /** The message of a not-found answer; absent where not-found means something else than a missing secret. */
  notFound?: string;
}

const rejectedCredentials = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'AuthFailure',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidIdentityToken',
  'InvalidIdentityTokenException',
  'IDPRejectedClaim',
  'IDPRejectedClaimException',
]);
const accessDenied = new Set(['AccessDenied', 'AccessDeniedException']);
const throttled = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'PriorRequestNotComplete',
]);
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
]);
interface SdkFailure {
  name: string;
  status: number | undefined;
  code: string | undefined;
  message: string;
}

export function toProviderError(error: unknown, call: FailedCall): ProviderError {
  if (error instanceof ProviderError) return error;
  const failure = describeFailure(error);
  const { name, status } = failure;
  const answered = `${call.service} at ${call.endpoint}`;
  const named = `(${name}${status === undefined ? '' : `, HTTP ${String(status)}`})`;

  if (name === 'ResourceNotFoundException' && call.notFound !== undefined) {
    return new SecretNotFoundError(`aws: ${call.notFound}`);
  }
  // As ESO: a secret scheduled for deletion reads as a missing one.
  if (isScheduledForDeletion(failure) && call.notFound !== undefined) {
    return new SecretNotFoundError(`aws: ${call.notFound} (it is scheduled for deletion)`);
  }
  if (rejectedCredentials.has(name)) {
    return new AuthError(
      `aws: ${answered} did not accept the store's credentials ${named}; check that they are current`,
    );
  }
  if (accessDenied.has(name)) {
    return new AuthError(
      `aws: the store's identity may not ${call.action} ${named}; grant it ${call.permission}`,
    );
  }
  if (name === 'DecryptionFailure') {
    return new AuthError(
      `aws: ${call.service} could not decrypt for ${call.action} ${named}; grant the store's identity kms:Decrypt on the secret's KMS key`,
    );
  }
  if (throttled.has(name) || status === 429) {
    return new ThrottledError(`aws: ${answered} is throttling requests ${named}`);
  }
  if (name === 'CredentialsProviderError') {
    return new AuthError(
      "aws: no credentials: auth is unset, so the AWS SDK's default chain was asked (environment, web identity token file, ECS and EC2 metadata) and found none; set auth or give the operator an identity",
    );
  }
  if (name === 'TimeoutError') {
    return new UnavailableError(`aws: ${answered} did not answer to ${call.action} in time`);
  }
  const code = failure.code;
  if (isUntrustedCertificate(code)) {
    return new InvalidConfigError(
      `aws: cannot verify the TLS certificate of ${answered} (${code}); check the endpoint`,
    );
  }
  if (code !== undefined && networkCodes.has(code)) {
    return new UnavailableError(`aws: cannot reach ${answered} (${code})`);
  }
  if (status === 401 || status === 403) {
    return new AuthError(
      `aws: ${answered} refused to ${call.action} ${named}; check the store's credentials`,
    );
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return new ProviderError('ProviderError', `aws: ${answered} refused to ${call.action} ${named}`, {
      retryable: false,
    });
  }
  return new UnavailableError(`aws: ${answered} failed to ${call.action} ${named}`);
}

/**
 * For validation, what a failed signed call says of the credentials: `accepted` when AWS knew them
 * and only the permission was missing, `rejected` when it did not accept them; undefined when the
 * failure says nothing about them.
 */
export function credentialVerdict(error: unknown): 'accepted' | 'rejected' | undefined {
  if (error instanceof ProviderError) return undefined;
  const { name, status } = describeFailure(error);
  if (accessDenied.has(name)) return 'accepted';
  if (rejectedCredentials.has(name) || status === 401 || status === 403) return 'rejected';
  return undefined;
}

function isScheduledForDeletion(failure: SdkFailure): boolean {
  return (
    (failure.name === 'InvalidRequestException' || failure.name === 'InvalidParameterException') &&
    /marked (for )?delet/i.test(failure.message)
  );
}

function describeFailure(error: unknown): SdkFailure {
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const metadata = record['$metadata'] as { httpStatusCode?: unknown } | undefined;
  const status = typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
  return {
    name: typeof record['name'] === 'string' ? record['name'] : 'Error',
    status,
    code: errorCodeOf(error),
    message: typeof record['message'] === 'string' ? record['message'] : '',
  };
}

/** The first Node.js error code along the cause chain (fetch and undici wrap the socket's error). */
function errorCodeOf(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== 'object' || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const found = errorCodeOf(inner, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return errorCodeOf(cause, depth + 1);
}
