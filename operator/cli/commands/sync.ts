import { forceSyncAnnotation } from '../../api/v1alpha1/index.ts';
import { describeFlags, parseCommandLine, type FlagSpec } from '../args/parse-flags.ts';
import { clusterFlags, helpFlag } from '../cluster/cluster-flags.ts';
import type { Command } from '../command.ts';
import { withFailureReport } from '../report-failure.ts';

const defaultTimeout = '60s';

const flags: readonly FlagSpec[] = [
  ...clusterFlags,
  {
    name: 'timeout',
    value: 'DURATION',
    description: `How long to wait for the outcome (default ${defaultTimeout}); e.g. 30s, 5m.`,
  },
  { name: 'no-wait', description: 'Request the sync and return at once.' },
  helpFlag,
];

const usage = `Force a sync of an ExternalSecret now, whatever its refresh policy, and wait for the outcome.

Usage:
  ferry sync NAME [-n NAMESPACE] [--timeout ${defaultTimeout}] [--no-wait]

Sets the annotation ${forceSyncAnnotation} to the current time (as ESO's force-sync does), then
watches the ExternalSecret until the operator has synced that request. Exits 0 when the sync
succeeded and the ExternalSecret is Ready; 1 when it failed (printing the reason and message),
when the wait timed out (printing what was last seen) or when the ExternalSecret was deleted.

Needs RBAC: patch, watch and get on externalsecrets.ferry.dev.

Flags:
${describeFlags(flags)}

Examples:
  ferry sync app-db -n app
  ferry sync app-db --timeout 5m
  ferry sync app-db --no-wait
`;

export const syncCommand: Command = {
  name: 'sync',
  summary: 'Force a sync of an ExternalSecret and wait until it has succeeded or failed.',
  usage,
  run: (args, io) =>
    withFailureReport(io, 'sync', async () => {
      const parsed = parseCommandLine(args, flags);
      // Loaded on use: --help and a wrong command line answer without loading the Kubernetes client.
      const { runSync } = await import('./run-sync.ts');
      return runSync(parsed, io, { timeout: defaultTimeout });
    }),
};
