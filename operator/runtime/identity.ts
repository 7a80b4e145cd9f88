import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

const serviceAccountNamespaceFile = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

/** A leader-election identity unique per process, readable in the Lease: `<pod or host>_<random>`. */
export function processIdentity(env: Record<string, string | undefined>): string {
  return `${env['POD_NAME'] ?? hostname()}_${randomBytes(4).toString('hex')}`;
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
