import { forceSyncAnnotation, parseDuration } from '../../api/v1alpha1/index.ts';
import type { ParsedCommandLine } from '../args/parse-flags.ts';
import { UsageError } from '../args/usage-error.ts';
import { clusterFailure } from '../cluster/cluster-failure.ts';
import { connectWithFlags } from '../cluster/connect-with-flags.ts';
import { ExternalSecrets } from '../cluster/external-secrets.ts';
import { exitCode, type Io } from '../command.ts';
import { SyncProgress } from '../externalsecret/sync-progress.ts';
import { waitForSync } from '../externalsecret/wait-for-sync.ts';
import { humanDuration } from '../output/age.ts';

/** `ferry sync` with its command line parsed. */
export async function runSync(
  parsed: ParsedCommandLine,
  io: Io,
  defaults: { timeout: string },
): Promise<number> {
  const [name, ...extra] = parsed.positionals;
  if (name === undefined) throw new UsageError('which ExternalSecret? ferry sync NAME');
  if (extra.length > 0) throw new UsageError(`one ExternalSecret at a time; also got: ${extra.join(' ')}`);
  const timeoutMs = timeoutOf(parsed.values.get('timeout') ?? defaults.timeout);
  const connection = connectWithFlags(parsed, io);
  const { namespace } = connection;
  const externalSecrets = new ExternalSecrets(connection.kubeConfig);
  const object = { namespace, name };

  const requestedAt = Date.now();
  const value = new Date(requestedAt).toISOString();
  const requested = await externalSecrets.requestSync(namespace, name, value).catch((error: unknown) => {
    throw clusterFailure(error, connection, {
      action: `annotate ExternalSecret "${name}" in namespace "${namespace}"`,
      object,
      verb: 'patch',
    });
  });
  const progress = new SyncProgress(io, object, requestedAt);
  progress.requested(`${forceSyncAnnotation}=${value}`);
  if (parsed.switches.has('no-wait')) return exitCode.ok;

  progress.waiting(humanDuration(timeoutMs), requested);
  const outcome = await waitForSync(externalSecrets, requested, {
    timeoutMs,
    signal: io.signal,
    onObserved: (observed) => progress.observed(observed),
  }).catch((error: unknown) => {
    progress.stop();
    throw clusterFailure(error, connection, {
      action: `watch ExternalSecret "${name}" in namespace "${namespace}"`,
      object,
      verb: 'watch',
    });
  });
  return progress.finished(outcome);
}

function timeoutOf(text: string): number {
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch {
    throw new UsageError(`--timeout ${text}: expected a duration such as "30s", "5m" or "1h"`);
  }
  if (ms <= 0) throw new UsageError(`--timeout ${text}: must be longer than 0 (or use --no-wait)`);
  return ms;
}
