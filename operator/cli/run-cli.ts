import { closestFlag as closestWord } from '../config/index.ts';
import { UsageError } from './args/usage-error.ts';
import { cliUsage } from './cli-usage.ts';
import { exitCode, type Command, type Io } from './command.ts';
import { terminalIo } from './output/terminal-text.ts';
import { reportFailure } from './report-failure.ts';

/**
 * Dispatches `ferry <command> [args]`: help, version, the command, exit codes. Each command gets the
 * arguments after its name and owns their meaning; `-h`/`--help` among them shows its usage.
 */
export async function runCli(
  argv: readonly string[],
  rawIo: Io,
  commands: readonly Command[],
  version: string,
): Promise<number> {
  // Every line any command prints, errors and JSON included, is escaped on its way out.
  const io = terminalIo(rawIo);
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    const command = topic === undefined ? undefined : commands.find((candidate) => candidate.name === topic);
    if (topic !== undefined && !command) return reportFailure(unknownCommand(topic, commands), io, undefined);
    io.stdout(command ? command.usage : cliUsage(commands));
    return exitCode.ok;
  }
  if (first === '--version' || first === 'version') {
    io.stdout(`ferry ${version}\n`);
    return exitCode.ok;
  }
  if (first.startsWith('-')) {
    return reportFailure(
      new UsageError(`unknown flag ${first}: the command comes first, as in "ferry status -n NAMESPACE"`),
      io,
      undefined,
    );
  }
  const command = commands.find((candidate) => candidate.name === first);
  if (!command) return reportFailure(unknownCommand(first, commands), io, undefined);
  if (asksForHelp(rest)) {
    io.stdout(command.usage);
    return exitCode.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    return reportFailure(error, io, command.name);
  }
}

function unknownCommand(typed: string, commands: readonly Command[]): UsageError {
  const closest = closestWord(
    typed,
    commands.map((command) => command.name),
  );
  return new UsageError(
    closest ? `unknown command "${typed}"; did you mean "${closest}"?` : `unknown command "${typed}"`,
  );
}

/** -h or --help before any `--`. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '-h' || arg === '--help');
}
