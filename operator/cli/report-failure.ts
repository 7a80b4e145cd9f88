import { UsageError } from './args/usage-error.ts';
import { CliFailure } from './cli-failure.ts';
import { exitCode, type Io } from './command.ts';

/**
 * Prints why a command stopped, as one line on stderr (kubectl's `error: ...`), and returns the
 * exit code: 2 for a wrong command line (with a pointer to the help), the failure's own code for a
 * CliFailure, 1 for anything unforeseen.
 */
export function reportFailure(error: unknown, io: Pick<Io, 'stderr'>, command: string | undefined): number {
  if (error instanceof UsageError) {
    const help = command ? `ferry ${command} --help` : 'ferry --help';
    io.stderr(`error: ${error.message}\nSee '${help}' for usage.\n`);
    return exitCode.usage;
  }
  if (error instanceof CliFailure) {
    io.stderr(`error: ${error.message}\n`);
    return error.exitCode;
  }
  io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  return exitCode.failed;
}

/** Runs a command's body and reports what it throws, so the command resolves to an exit code. */
export async function withFailureReport(
  io: Pick<Io, 'stderr'>,
  command: string,
  body: () => Promise<number>,
): Promise<number> {
  try {
    return await body();
  } catch (error) {
    return reportFailure(error, io, command);
  }
}
