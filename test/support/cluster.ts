import { randomBytes } from 'node:crypto';
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { inject } from 'vitest';

/** The admin KubeConfig of the run's shared control plane (see test/integration/global-setup.ts). */
export function adminKubeConfig(): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(inject('kubeconfigPath'));
  return kubeConfig;
}

export function adminKubeconfigPath(): string {
  return inject('kubeconfigPath');
}

/** Creates a namespace with a unique name; each test works in its own. */
export async function createTestNamespace(kubeConfig: KubeConfig, prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await kubeConfig
    .makeApiClient(CoreV1Api)
    .createNamespace({ body: { metadata: { name, labels: { 'ferry.dev/test': 'true' } } } });
  return name;
}

export async function deleteNamespace(kubeConfig: KubeConfig, name: string): Promise<void> {
  await kubeConfig
    .makeApiClient(CoreV1Api)
    .deleteNamespace({ name })
    .catch(() => undefined);
}

/**
 * A kubeconfig for a ServiceAccount, with a token minted by the TokenRequest API: lets a test run
 * the operator with exactly the permissions RBAC grants, instead of as cluster admin.
 */
export async function serviceAccountKubeConfig(
  admin: KubeConfig,
  namespace: string,
  name: string,
): Promise<KubeConfig> {
  await admin
    .makeApiClient(CoreV1Api)
    .createNamespacedServiceAccount({ namespace, body: { metadata: { name } } });
  const token = await mintServiceAccountToken(admin, namespace, name);
  const cluster = admin.getCurrentCluster();
  if (!cluster) throw new Error('admin kubeconfig has no cluster');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [cluster],
    users: [{ name, token }],
    contexts: [{ name, cluster: cluster.name, user: name }],
    currentContext: name,
  });
  return kubeConfig;
}

/**
 * A ServiceAccount in `namespace`; with `canRead`, a Role and RoleBinding that let it get and list
 * the Secrets there (what a kubernetes-provider store needs), else no permissions at all.
 */
export async function createSecretReader(
  admin: KubeConfig,
  namespace: string,
  name: string,
  canRead: boolean,
): Promise<void> {
  await admin
    .makeApiClient(CoreV1Api)
    .createNamespacedServiceAccount({ namespace, body: { metadata: { name } } });
  if (!canRead) return;
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
  await rbac.createNamespacedRole({
    namespace,
    body: {
      metadata: { name },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }],
    },
  });
  await rbac.createNamespacedRoleBinding({
    namespace,
    body: {
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    },
  });
}

/**
 * What the controller does for a serviceAccountToken credential: a short-lived token of the
 * ServiceAccount from the TokenRequest API (the API server's default audience when none is given).
 */
export async function mintServiceAccountToken(
  admin: KubeConfig,
  namespace: string,
  name: string,
  options: { audiences?: string[]; expirationSeconds?: number } = {},
): Promise<string> {
  const request = await admin.makeApiClient(CoreV1Api).createNamespacedServiceAccountToken({
    name,
    namespace,
    body: {
      spec: { audiences: options.audiences ?? [], expirationSeconds: options.expirationSeconds ?? 3600 },
    },
  });
  const token = request.status?.token;
  if (!token) throw new Error('TokenRequest returned no token');
  return token;
}

/** A JWT's claims, not verified: what a test checks of a minted token's audience and subject. */
export function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}
