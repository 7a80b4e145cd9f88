import { describeFlags, parseCommandLine, type FlagSpec } from '../args/parse-flags.ts';
import { clusterFlags, helpFlag } from '../cluster/cluster-flags.ts';
import type { Command } from '../command.ts';
import { withFailureReport } from '../report-failure.ts';

const flags: readonly FlagSpec[] = [
  ...clusterFlags,
  { name: 'all-namespaces', short: 'A', description: 'List the ExternalSecrets of every namespace.' },
  { name: 'output', short: 'o', value: 'FORMAT', description: 'json or yaml: the status data, for scripts.' },
  { name: 'no-headers', description: 'Leave out the header line of the table.' },
  helpFlag,
];

const usage = `List ExternalSecrets with their store, readiness, reason, last sync and next refresh.

Usage:
  ferry status [NAME...] [-n NAMESPACE | -A] [-o json|yaml]

Needs RBAC: get and list on externalsecrets.ferry.dev (list in every namespace for -A).

Flags:
${describeFlags(flags)}

On a terminal the table is aligned and coloured (unless NO_COLOR is set); piped, it is
tab-separated, one ExternalSecret per line. NEXT REFRESH is "in 42m" for a periodic refresh,
"on change" (refreshPolicy OnChange, refreshInterval 0, or a spec that must be fixed), "never"
(CreatedOnce), "pending" (not synced yet, or a change waits for the operator) or "retrying"
(the last sync failed).

Examples:
  ferry status                      # the current namespace
  ferry status -A                   # every namespace
  ferry status app-db -n app -o json
`;

export const statusCommand: Command = {
  name: 'status',
  summary: 'List ExternalSecrets: store, ready, reason, last sync, next refresh.',
  usage,
  run: (args, io) =>
    withFailureReport(io, 'status', async () => {
      const parsed = parseCommandLine(args, flags);
      // Loaded on use: --help and a wrong command line answer without loading the Kubernetes client.
      const { runStatus } = await import('./run-status.ts');
      return runStatus(parsed, io);
    }),
};
