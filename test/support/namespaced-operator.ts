import { expect, vi } from 'vitest';
import { adminKubeconfigPath } from './cluster.ts';
import { OperatorProcess } from './operator-process.ts';
import { eventually } from './waiting.ts';

/**
 * The real operator, as cluster admin but watching only `namespace` (test files share one control
 * plane, so each operator must keep to its own namespace), once it reports ready. `env` adds to
 * the operator's environment (a provider server's CA file, say); `entry` runs a production build
 * instead of the sources.
 */
export async function startNamespacedOperator(
  namespace: string,
  env: Record<string, string> = {},
  entry?: string,
): Promise<OperatorProcess> {
  const operator = await OperatorProcess.start(
    [
      `--kubeconfig=${adminKubeconfigPath()}`,
      `--namespace=${namespace}`,
      `--leader-election-namespace=${namespace}`,
      '--log-level=debug',
    ],
    env,
    entry,
  );
  // Generous: on a loaded 2-core machine several operators start at once (each loads its sources
  // and fills its caches), and a slow start is not what these tests are about.
  await vi.waitFor(async () => expect((await operator.get('/readyz')).status).toBe(200), {
    ...eventually,
    timeout: 120_000,
  });
  return operator;
}

/** Stops the operator with SIGTERM and checks it exited 0 without any of `secrets` in its output. */
export async function stopAndCheckOutput(
  operator: OperatorProcess,
  secrets: readonly string[],
): Promise<void> {
  const code = await operator.stop('SIGTERM');
  const output = [...operator.stdout, ...operator.stderr].join('\n');
  for (const value of secrets) expect(output).not.toContain(value);
  expect(code).toBe(0);
}
