// Secret Manager failures → the provider error taxonomy. Both transports report a gRPC status code
// (google-gax maps REST's HTTP errors onto the same codes). Messages are built from our own words
// and the status name only: the server's text and request ids stay in `cause`.
import {
  AuthError,
  InvalidConfigError,
  ProviderError,
  SecretNotFoundError,
  ThrottledError,
  UnavailableError,
} from '../errors.ts';

/**
 * The version asked for is disabled or destroyed (FAILED_PRECONDITION). Retryable: someone may
 * enable it again; secretVersionSelectionPolicy LatestOrFetch falls back to the newest enabled one.
 */
export class DisabledVersionError extends ProviderError {
  override name = 'DisabledVersionError';
  constructor(message: string, cause?: unknown) {
    super('ProviderError', message, { retryable: true, cause });
  }
}

/** gRPC status codes by name (google.rpc.Code). */
export const grpcStatus = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

const statusNames = new Map<number, string>(Object.entries(grpcStatus).map(([name, code]) => [code, name]));

/** What a call was about: `access secret "db" version "latest"`, in the store's project. */
export interface FailedCall {
  action: string;
  /** What is missing when the answer is NOT_FOUND: `secret "db"`, `version "3" of secret "db"`. */
  subject: string;
  /** `project "p"` or `project "p" location "europe-west1"`. */
  scope: string;
  /** Where the call went, for unreachable-server messages. */
  server: string;
}

export function toProviderError(error: unknown, call: FailedCall): ProviderError {
  if (error instanceof ProviderError) return error;
  const code = statusCodeOf(error);
  const name = code === undefined ? undefined : (statusNames.get(code) ?? `status ${String(code)}`);
  const where = `in ${call.scope}`;
  switch (code) {
    case grpcStatus.NOT_FOUND:
      return new SecretNotFoundError(`gcpsm: ${call.subject} not found ${where}`, error);
    case grpcStatus.UNAUTHENTICATED:
      return new AuthError(
        `gcpsm: Secret Manager rejected the store's credentials (UNAUTHENTICATED) to ${call.action} ${where}`,
        error,
      );
    case grpcStatus.PERMISSION_DENIED:
      return new AuthError(
        `gcpsm: the store's identity may not ${call.action} ${where} (PERMISSION_DENIED); grant it roles/secretmanager.secretAccessor (and secretmanager.secrets.list for find)`,
        error,
      );
    case grpcStatus.RESOURCE_EXHAUSTED:
      return new ThrottledError(
        `gcpsm: Secret Manager is throttling requests (RESOURCE_EXHAUSTED) ${where}`,
        error,
      );
    case grpcStatus.UNAVAILABLE:
    case grpcStatus.DEADLINE_EXCEEDED:
    case grpcStatus.INTERNAL:
    case grpcStatus.UNKNOWN:
    case grpcStatus.ABORTED:
      return new UnavailableError(`gcpsm: could not ${call.action} at ${call.server} (${name ?? ''})`, error);
    case grpcStatus.INVALID_ARGUMENT:
      return new InvalidConfigError(
        `gcpsm: Secret Manager refused to ${call.action} ${where} (INVALID_ARGUMENT)`,
        error,
      );
    case grpcStatus.FAILED_PRECONDITION:
      return new DisabledVersionError(
        `gcpsm: cannot ${call.action} ${where}: the version is disabled or destroyed (FAILED_PRECONDITION)`,
        error,
      );
    case undefined:
      return new UnavailableError(`gcpsm: could not ${call.action} at ${call.server}`, error);
    default:
      return new ProviderError('ProviderError', `gcpsm: could not ${call.action} ${where} (${name ?? ''})`, {
        retryable: true,
        cause: error,
      });
  }
}

/** google-gax's GoogleError and grpc-js's ServiceError carry the status as a numeric `code`. */
function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'number' ? error.code : undefined;
}
