import { describeFlags, parseCommandLine, type FlagSpec } from '../args/parse-flags.ts';
import { clusterFlags, helpFlag } from '../cluster/cluster-flags.ts';
import type { Command } from '../command.ts';
import { withFailureReport } from '../report-failure.ts';

const flags: readonly FlagSpec[] = [
  ...clusterFlags,
  { name: 'output', short: 'o', value: 'FORMAT', description: 'json or yaml, for scripts.' },
  helpFlag,
];

const usage = `Explain an ExternalSecret: its spec in short, its conditions, the history of its syncs
(status.history: what each sync did, with a hash of the data, never the values) and its recent
Events.

Usage:
  ferry explain NAME [-n NAMESPACE] [-o json|yaml]

Needs RBAC: get on externalsecrets.ferry.dev; list on events.events.k8s.io (without it, the
Events are left out).

Flags:
${describeFlags(flags)}

Examples:
  ferry explain app-db -n app
  ferry explain app-db -o yaml
`;

export const explainCommand: Command = {
  name: 'explain',
  summary: 'Show an ExternalSecret: spec summary, conditions, sync history and recent Events.',
  usage,
  run: (args, io) =>
    withFailureReport(io, 'explain', async () => {
      const parsed = parseCommandLine(args, flags);
      // Loaded on use: --help and a wrong command line answer without loading the Kubernetes client.
      const { runExplain } = await import('./run-explain.ts');
      return runExplain(parsed, io);
    }),
};
