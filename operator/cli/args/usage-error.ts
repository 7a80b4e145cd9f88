/** The command line was wrong: the CLI prints the message and a pointer to --help, and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
