import { externalSecretReasons } from '../../api/v1alpha1/index.ts';
import { PropertyNotFoundError, SecretNotFoundError } from '../../providers/index.ts';

/**
 * What an entry asks for is not in the store (yet): the remote secret (when deletionPolicy Retain
 * keeps the Secret rather than dropping its keys) or a property of it. Often only a matter of time —
 * GitOps applies the ExternalSecret before anyone puts the value — so it is retried with backoff
 * (at most every 5 minutes) and heals once the store has it. Never a reason to apply deletionPolicy:
 * a mistyped property must not delete a Secret.
 */
export class RemoteValueNotFoundError extends Error {
  override name = 'RemoteValueNotFoundError';
  readonly reason = externalSecretReasons.remoteValueNotFound;

  constructor(field: string, cause: SecretNotFoundError | PropertyNotFoundError) {
    super(
      `${field}: ${cause.message}; Ferry tries again with backoff (at least every 5 minutes), so adding it to the store is enough`,
      { cause },
    );
  }
}

/** A provider's not-found error for the entry at `field`, as RemoteValueNotFoundError; anything else as it is. */
export function asRemoteValueNotFound(error: unknown, field: string): unknown {
  return error instanceof SecretNotFoundError || error instanceof PropertyNotFoundError
    ? new RemoteValueNotFoundError(field, error)
    : error;
}
