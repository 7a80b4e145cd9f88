import { TerminalError } from '../../runtime/index.ts';

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
