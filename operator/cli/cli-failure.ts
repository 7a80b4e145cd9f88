/**
 * A command could not do what was asked, for a reason the user can act on: the CLI prints the
 * message as one line on stderr and exits with `exitCode` (see exitCode in command.ts).
 */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
  readonly exitCode: number;

  constructor(message: string, exitCode: number, options?: ErrorOptions) {
    super(message, options);
    this.exitCode = exitCode;
  }
}
