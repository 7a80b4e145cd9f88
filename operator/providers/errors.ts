/**
 * One error taxonomy for every provider. `reason` is stable (it lands in conditions and metrics);
 * `retryable` says whether backing off and trying again can help. Messages are sanitised by the
 * adapter before construction: no tokens, no request ids, no values.
 */
export type ProviderErrorReason =
  | 'SecretNotFound'
  | 'PropertyNotFound'
  | 'AuthFailed'
  | 'Throttled'
  | 'Unavailable'
  | 'InvalidConfig'
  | 'InvalidData'
  | 'BudgetExceeded'
  | 'ProviderError';

export class ProviderError extends Error {
  override name = 'ProviderError';
  readonly reason: ProviderErrorReason;
  readonly retryable: boolean;
  constructor(
    reason: ProviderErrorReason,
    message: string,
    options: { retryable: boolean; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.retryable = options.retryable;
  }
}

/** The remote secret does not exist: the one error that drives deletionPolicy. */
export class SecretNotFoundError extends ProviderError {
  override name = 'SecretNotFoundError';
  constructor(message: string, cause?: unknown) {
    super('SecretNotFound', message, { retryable: false, cause });
  }
}

/**
 * The remote secret exists but has no such property. Deliberately not a SecretNotFoundError: a
 * mistyped property must never make deletionPolicy delete a Secret.
 */
export class PropertyNotFoundError extends ProviderError {
  override name = 'PropertyNotFoundError';
  constructor(message: string, cause?: unknown) {
    super('PropertyNotFound', message, { retryable: false, cause });
  }
}

export class AuthError extends ProviderError {
  override name = 'AuthError';
  constructor(message: string, cause?: unknown) {
    super('AuthFailed', message, { retryable: true, cause });
  }
}

export class ThrottledError extends ProviderError {
  override name = 'ThrottledError';
  constructor(message: string, cause?: unknown) {
    super('Throttled', message, { retryable: true, cause });
  }
}

export class UnavailableError extends ProviderError {
  override name = 'UnavailableError';
  constructor(message: string, cause?: unknown) {
    super('Unavailable', message, { retryable: true, cause });
  }
}

/** The store's configuration cannot work (bad URL, missing credential key): fix the spec. */
export class InvalidConfigError extends ProviderError {
  override name = 'InvalidConfigError';
  constructor(message: string, cause?: unknown) {
    super('InvalidConfig', message, { retryable: false, cause });
  }
}

/**
 * A dataFrom.find matched more than `FindQuery.maxBytes` of values: the provider stopped loading.
 * The controller reports it as BudgetExceeded and retries at the refresh pace.
 */
export class FindBudgetExceededError extends ProviderError {
  override name = 'FindBudgetExceededError';
  constructor(message: string) {
    super('BudgetExceeded', message, { retryable: false });
  }
}
