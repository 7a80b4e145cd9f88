import { describeKubeError } from '../../kube/index.ts';
import type { ParsedCommandLine } from '../args/parse-flags.ts';
import { UsageError } from '../args/usage-error.ts';
import { clusterFailure } from '../cluster/cluster-failure.ts';
import { connectWithFlags } from '../cluster/connect-with-flags.ts';
import { eventsAbout, type EventView } from '../cluster/events.ts';
import { ExternalSecrets } from '../cluster/external-secrets.ts';
import { exitCode, type Io } from '../command.ts';
import { renderExplanation } from '../externalsecret/explain-document.ts';
import { explain } from '../externalsecret/explanation.ts';
import { outputFormat, renderStructured } from '../output/structured.ts';
import { styleFor } from '../output/style.ts';

/** `ferry explain` with its command line parsed. */
export async function runExplain(parsed: ParsedCommandLine, io: Io): Promise<number> {
  const format = outputFormat(parsed.values.get('output'));
  const [name, ...extra] = parsed.positionals;
  if (name === undefined) throw new UsageError('which ExternalSecret? ferry explain NAME');
  if (extra.length > 0) throw new UsageError(`one ExternalSecret at a time; also got: ${extra.join(' ')}`);
  const connection = connectWithFlags(parsed, io);
  const { namespace } = connection;
  const es = await new ExternalSecrets(connection.kubeConfig).get(namespace, name).catch((error: unknown) => {
    throw clusterFailure(error, connection, {
      action: `get ExternalSecret "${name}" in namespace "${namespace}"`,
      object: { namespace, name },
      verb: 'get',
    });
  });
  // Events are a help, not the point: without the right to list them, explain shows the rest.
  const events = await eventsAbout(connection.kubeConfig, { namespace, name, uid: es.metadata.uid }).then(
    (found): { events: EventView[] } => ({ events: found }),
    (error: unknown) => ({ error: describeKubeError(error).message }),
  );
  const now = Date.now();
  const explanation = explain(es, events, now);
  io.stdout(
    format === 'table'
      ? renderExplanation(explanation, { now, style: styleFor(io) })
      : renderStructured(explanation, format),
  );
  return exitCode.ok;
}
