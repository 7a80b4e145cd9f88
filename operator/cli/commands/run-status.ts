import type { ParsedCommandLine } from '../args/parse-flags.ts';
import { UsageError } from '../args/usage-error.ts';
import { clusterFailure } from '../cluster/cluster-failure.ts';
import { connectWithFlags } from '../cluster/connect-with-flags.ts';
import type { ExternalSecretView } from '../cluster/external-secret-view.ts';
import { ExternalSecrets } from '../cluster/external-secrets.ts';
import { exitCode, type Io } from '../command.ts';
import { statusItem } from '../externalsecret/status-item.ts';
import { renderStatusTable } from '../externalsecret/status-table.ts';
import { summarise } from '../externalsecret/summary.ts';
import { outputFormat, renderStructured } from '../output/structured.ts';
import { styleFor } from '../output/style.ts';

/** `ferry status` with its command line parsed. */
export async function runStatus(parsed: ParsedCommandLine, io: Io): Promise<number> {
  const format = outputFormat(parsed.values.get('output'));
  const allNamespaces = parsed.switches.has('all-namespaces');
  const names = parsed.positionals;
  if (allNamespaces && names.length > 0) {
    throw new UsageError('NAME cannot be combined with --all-namespaces: name the namespace with -n');
  }
  const connection = connectWithFlags(parsed, io);
  const { namespace } = connection;
  const externalSecrets = new ExternalSecrets(connection.kubeConfig);
  const found: ExternalSecretView[] = [];
  let missing = 0;
  if (names.length === 0) {
    const where = allNamespaces ? 'in any namespace' : `in namespace "${namespace}"`;
    const listed = await externalSecrets
      .list(allNamespaces ? undefined : namespace)
      .catch((error: unknown) => {
        throw clusterFailure(error, connection, { action: `list ExternalSecrets ${where}`, verb: 'list' });
      });
    found.push(...listed);
  } else {
    // Like kubectl get: show what exists, report each name that does not, exit 1 if any was missing.
    for (const name of new Set(names)) {
      try {
        found.push(await externalSecrets.get(namespace, name));
      } catch (error) {
        const failure = clusterFailure(error, connection, {
          action: `get ExternalSecret "${name}" in namespace "${namespace}"`,
          object: { namespace, name },
          verb: 'get',
        });
        if (failure.exitCode !== exitCode.failed) throw failure;
        io.stderr(`error: ${failure.message}\n`);
        missing += 1;
      }
    }
  }

  const now = Date.now();
  const sorted = found.sort(
    (a, b) =>
      a.metadata.namespace.localeCompare(b.metadata.namespace) ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
  const summaries = sorted.map((es) => summarise(es, now));
  if (format !== 'table') {
    const items = summaries.map((summary, index) => statusItem(summary, sorted[index]?.status));
    io.stdout(renderStructured({ items }, format));
  } else if (summaries.length > 0) {
    io.stdout(
      renderStatusTable(summaries, {
        now,
        withNamespace: allNamespaces,
        style: styleFor(io),
        layout: io.isTerminal ? 'aligned' : 'tab-separated',
        headers: !parsed.switches.has('no-headers'),
      }),
    );
  } else if (missing === 0) {
    io.stderr(
      allNamespaces
        ? 'No ExternalSecrets found.\n'
        : `No ExternalSecrets found in namespace "${namespace}".\n`,
    );
  }
  return missing > 0 ? exitCode.failed : exitCode.ok;
}
