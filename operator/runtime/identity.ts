import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

const serviceAccountNamespaceFile = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

/**
 * A leader-election identity unique per process and readable in the Lease: `<pod>_<random>` in a
 * pod; `<host>_<pid>_<random>` out of cluster, so a second `make run` can say which process holds
 * the Lease.
 */
export function processIdentity(env: Record<string, string | undefined>): string {
  const suffix = randomBytes(4).toString('hex');
  const pod = env['POD_NAME'];
  return pod ? `${pod}_${suffix}` : `${hostname()}_${String(process.pid)}_${suffix}`;
}

/** The namespace the operator runs in: explicit, else the pod's, else `default` (out of cluster). */
export function operatorNamespace(explicit: string, env: Record<string, string | undefined>): string {
  if (explicit) return explicit;
  if (env['POD_NAMESPACE']) return env['POD_NAMESPACE'];
  try {
    return readFileSync(serviceAccountNamespaceFile, 'utf8').trim() || 'default';
  } catch {
    return 'default';
  }
}

/** Where config/ deploys the operator, and so where a deployed Ferry's Lease lives. */
export const deployedNamespace = 'ferry-system';

/**
 * The namespace of the leader-election Lease. Out of cluster, without --leader-election-namespace, it
 * is the deployed operator's (`ferry-system`) when that namespace exists, so a `make run` against a
 * cluster that runs Ferry stands by behind it instead of writing the same Secrets; else the
 * operator's namespace, as in a pod.
 */
export async function leaseNamespace(options: {
  explicit: string;
  inCluster: boolean;
  env: Record<string, string | undefined>;
  namespaceExists: (name: string) => Promise<boolean>;
}): Promise<string> {
  const { explicit, inCluster, env, namespaceExists } = options;
  if (explicit || inCluster) return operatorNamespace(explicit, env);
  const deployed = await namespaceExists(deployedNamespace).catch(() => false);
  return deployed ? deployedNamespace : operatorNamespace('', env);
}
