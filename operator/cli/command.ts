// The contract between the `ferry` CLI's entry point (main.ts: argument dispatch, help, exit codes)
// and its commands (one module each under commands/). A command gets its arguments and an Io; it
// never touches process.stdout, process.exit or process.env directly, so tests run it in-process.

/** Where a command writes and what it may know about the terminal and environment. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** stdout is a terminal: colour and aligned tables are welcome; false when piped. */
  readonly isTerminal: boolean;
  /** The process environment (KUBECONFIG, NO_COLOR, ...), read-only. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working directory relative paths (-f FILE) resolve against. */
  readonly cwd: string;
  /** Aborted on SIGINT/SIGTERM; long waits (ferry sync) stop and return. */
  readonly signal: AbortSignal;
  /** All of standard input as text (`-f -`). */
  readonly readStdin: () => Promise<string>;
}

/** Exit codes shared by every command, so scripts and CI can tell failures apart. */
export const exitCode = {
  ok: 0,
  /** The command ran and found a problem: a failed sync, lint findings, unmigratable fields. */
  failed: 1,
  /** The command line was wrong (unknown flag, missing argument). */
  usage: 2,
  /** The cluster or a file could not be reached or read. */
  unavailable: 3,
} as const;

export interface Command {
  /** The word after `ferry`: status, sync, explain, migrate, lint. */
  readonly name: string;
  /** One line for `ferry --help`. */
  readonly summary: string;
  /** The full text of `ferry <name> --help`: synopsis, flags, examples. */
  readonly usage: string;
  /** Runs with the arguments after the command name; resolves to the process exit code. */
  run(args: readonly string[], io: Io): Promise<number>;
}
