import { describeFlags } from './args/parse-flags.ts';
import { clusterFlags } from './cluster/cluster-flags.ts';
import type { Command } from './command.ts';

/** The text of `ferry --help`. */
export function cliUsage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const list = commands.map((command) => `  ${command.name.padEnd(width)}   ${command.summary}`).join('\n');
  return `ferry: inspect and nudge Ferry's ExternalSecrets from the command line.
Also runs as a kubectl plugin: kubectl ferry <command> ...

Usage:
  ferry <command> [flags]

Commands:
${list}

Flags of the commands that talk to a cluster (kubectl's):
${describeFlags(clusterFlags)}

  -h, --help      Show help; ferry <command> --help shows a command's flags and examples.
      --version   Print the version.

Exit codes:
  0    Success.
  1    The command ran and found a problem: a failed or timed-out sync, an ExternalSecret
       that does not exist, lint findings, fields migrate could not carry over.
  2    The command line was wrong: an unknown command or flag, a missing argument.
  3    The cluster or a file could not be reached or read: no kubeconfig, cluster unreachable,
       credentials rejected (401), access forbidden (403), Ferry's CRDs not installed.
  130  Interrupted (Ctrl-C); a requested sync still happens.

Environment:
  KUBECONFIG   The kubeconfig file(s), as for kubectl.
  NO_COLOR     When set, no colour, even on a terminal.
`;
}
