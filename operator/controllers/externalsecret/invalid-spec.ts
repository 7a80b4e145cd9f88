// Not runtime/index.ts: this file is loaded in every render worker (see .dependency-cruiser.cjs).
import { TerminalError } from '../../runtime/terminal-error.ts';

/**
 * A problem with the ExternalSecret itself that only the controller can see (a bad regexp, a value
 * that cannot be decoded as asked, a Secret over 1 MiB). Not retried until the object changes.
 * The message names the field and never contains a value.
 */
export class InvalidSpecError extends TerminalError {
  override name = 'InvalidSpecError';
  readonly reason: string;
  constructor(message: string, reason = 'InvalidSpec') {
    super(message);
    this.reason = reason;
  }
}

/**
 * A remote value the spec cannot take as it is: not decodable as its decodingStrategy asks, or
 * holding NUL bytes under nullBytePolicy Fail. Reported as InvalidSpec like a spec error, but not
 * terminal: the remote value may change, so the sync is tried again at the refresh pace. The
 * message names the entry and key, never the value.
 */
export class RemoteValueError extends Error {
  override name = 'RemoteValueError';
  readonly reason = 'InvalidSpec';
}
