import type { ParsedCommandLine } from '../args/parse-flags.ts';
import { UsageError } from '../args/usage-error.ts';
import type { Io } from '../command.ts';
import { connectToCluster, type ClusterConnection } from './connect.ts';

/** The cluster that --kubeconfig, --context and -n choose. */
export function connectWithFlags(parsed: ParsedCommandLine, io: Pick<Io, 'env'>): ClusterConnection {
  const namespace = parsed.values.get('namespace');
  if (namespace === '') throw new UsageError('--namespace needs a name');
  return connectToCluster({
    kubeconfig: parsed.values.get('kubeconfig'),
    context: parsed.values.get('context'),
    namespace,
    env: io.env,
  });
}
