import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeConfig, KubernetesObject, V1Deployment } from '@kubernetes/client-node';
import { expect, vi } from 'vitest';
import { stringify } from 'yaml';
import { mintServiceAccountToken } from './cluster.ts';
import { OperatorProcess } from './operator-process.ts';
import { eventually } from './waiting.ts';

/**
 * Writes a kubeconfig that authenticates as an existing ServiceAccount, with a token from the
 * TokenRequest API: what its pod would have mounted. Returns the file's path.
 */
export async function writeServiceAccountKubeconfig(
  admin: KubeConfig,
  account: { namespace: string; name: string },
  dir: string,
): Promise<string> {
  const token = await mintServiceAccountToken(admin, account.namespace, account.name);
  const cluster = admin.getCurrentCluster();
  if (!cluster?.caData) throw new Error('the admin kubeconfig has no cluster with an inline CA');
  const user = `${account.namespace}-${account.name}`;
  const path = join(dir, `${user}.kubeconfig`);
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: 'test', cluster: { server: cluster.server, 'certificate-authority-data': cluster.caData } },
    ],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: user, context: { cluster: 'test', user } }],
    'current-context': user,
  };
  writeFileSync(path, stringify(kubeconfig), { mode: 0o600 });
  return path;
}

/** The object of that kind and name among built manifests; a test fails at once if there is none. */
export function findObject(
  objects: readonly KubernetesObject[],
  kind: string,
  name: string,
): KubernetesObject {
  const found = objects.find((object) => object.kind === kind && object.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among the manifests`);
  return found;
}

/**
 * The operator's command-line flags and environment as the Deployment gives them to its container,
 * with the downward API's fields filled in for a pod `podName` in `namespace`. --metrics-address is
 * left to OperatorProcess (a free loopback port).
 */
export function containerSettings(
  deployment: V1Deployment,
  pod: { namespace: string; name: string },
): { args: string[]; env: Record<string, string> } {
  const container = deployment.spec?.template.spec?.containers[0];
  if (!container) throw new Error('the Deployment has no container');
  const env: Record<string, string> = {};
  for (const variable of container.env ?? []) {
    const field = variable.valueFrom?.fieldRef?.fieldPath;
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (field === 'metadata.namespace') env[variable.name] = pod.namespace;
    else if (field === 'metadata.name') env[variable.name] = pod.name;
    else throw new Error(`env ${variable.name}: no stand-in for ${JSON.stringify(variable.valueFrom)}`);
  }
  const args = (container.args ?? []).filter((arg) => !arg.startsWith('--metrics-address'));
  return { args, env };
}

/**
 * The real operator with the flags and environment of the Deployment's container, authenticated by
 * `kubeconfigPath`, once /readyz says every informer has synced. `extraArgs` come last and win.
 */
export async function startDeployedOperator(
  deployment: V1Deployment,
  pod: { namespace: string; name: string },
  kubeconfigPath: string,
  extraArgs: string[],
  entry?: string,
): Promise<OperatorProcess> {
  const { args, env } = containerSettings(deployment, pod);
  const operator = await OperatorProcess.start(
    [...args, `--kubeconfig=${kubeconfigPath}`, ...extraArgs],
    env,
    entry,
  );
  let exited: number | null | undefined;
  void operator.waitForExit().then((code) => (exited = code));
  await vi.waitFor(async () => {
    if (exited !== undefined) {
      throw new Error(`the operator exited with ${String(exited)}: ${operator.stderr.join('\n')}`);
    }
    expect((await operator.get('/readyz')).status).toBe(200);
  }, eventually);
  return operator;
}
