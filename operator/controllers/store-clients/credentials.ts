import type { ClusterClient } from '../../kube/index.ts';
import { InvalidConfigError, type CredentialRef, type ResolvedCredentials } from '../../providers/index.ts';

/** Where a store lives decides where its credentials may come from. */
export interface StoreScope {
  kind: 'SecretStore' | 'ClusterSecretStore';
  name: string;
  /** The SecretStore's namespace; undefined for a ClusterSecretStore. */
  namespace: string | undefined;
}

/**
 * A SecretStore reads credentials from its own namespace only (naming another one is an error, not
 * a silent redirect); a ClusterSecretStore must name the namespace of each credential.
 */
function credentialNamespace(
  ref: Exclude<CredentialRef, { kind: 'operatorIdentity' }>,
  scope: StoreScope,
): string {
  const where = `${scope.kind} "${scope.name}"`;
  if (scope.kind === 'SecretStore') {
    if (ref.namespace && ref.namespace !== scope.namespace) {
      throw new InvalidConfigError(
        `${where}: credential "${ref.name}" names namespace "${ref.namespace}"; a SecretStore may only use its own namespace`,
      );
    }
    return scope.namespace ?? '';
  }
  if (!ref.namespace) {
    throw new InvalidConfigError(
      `${where}: credential "${ref.name}" needs a namespace, since a ClusterSecretStore has none of its own`,
    );
  }
  return ref.namespace;
}

/**
 * A namespaced SecretStore without credentials of its own would act as the operator itself (its
 * environment, pod or instance role, mounted token): whoever may write a SecretStore in a namespace
 * would read everything the platform's identity can. Refused unless the cluster operator allows it
 * (--namespaced-stores-ambient-credentials); ClusterSecretStores, which only cluster administrators
 * write, may. Not retried: only an edit of the store, or a restart with the flag, changes it.
 */
export class OperatorIdentityRefusedError extends InvalidConfigError {
  override name = 'OperatorIdentityRefusedError';
}

function refuseOperatorIdentity(
  ref: Extract<CredentialRef, { kind: 'operatorIdentity' }>,
  scope: StoreScope,
  provider: string,
): never {
  throw new OperatorIdentityRefusedError(
    `SecretStore "${scope.name}": spec.provider.${provider} brings no credentials of its own, so it would use ${ref.identity}, which a namespaced SecretStore may not: add ${ref.instead}, use a ClusterSecretStore, or ask the cluster operator to start Ferry with --namespaced-stores-ambient-credentials`,
  );
}

/** The kinds of object credentials are read from, whose changes must reach a cached client. */
export type CredentialSourceKind = 'Secret' | 'ConfigMap' | 'ServiceAccount';

/** `Kind/namespace/name`: how a credential source is named in Credentials.sourceVersions. */
export function credentialSourceId(kind: CredentialSourceKind, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** The credential values, and the resourceVersion of each object they were read from (by credentialSourceId). */
export interface Credentials {
  values: ResolvedCredentials;
  sourceVersions: ReadonlyMap<string, string>;
}

export interface CredentialPolicy {
  /** The provider's name, for messages. */
  provider?: string;
  /** --namespaced-stores-ambient-credentials: SecretStores may use the operator's own identity too. */
  operatorIdentityForSecretStores?: boolean;
}

export async function resolveCredentials(
  refs: readonly CredentialRef[],
  scope: StoreScope,
  kube: ClusterClient,
  policy: CredentialPolicy = {},
): Promise<Credentials> {
  const resolved: Record<string, Uint8Array> = {};
  const sourceVersions = new Map<string, string>();
  const remember = (kind: CredentialSourceKind, namespace: string, name: string, version?: string): void => {
    sourceVersions.set(credentialSourceId(kind, namespace, name), version ?? '');
  };
  for (const ref of refs) {
    if (ref.kind === 'operatorIdentity') {
      // Decided by the store's kind, never by the provider: providers do not know it.
      if (scope.kind === 'SecretStore' && policy.operatorIdentityForSecretStores !== true)
        refuseOperatorIdentity(ref, scope, policy.provider ?? 'the provider');
      resolved[ref.name] = new Uint8Array(0);
      continue;
    }
    const namespace = credentialNamespace(ref, scope);
    switch (ref.kind) {
      case 'secretKey': {
        const secret = await kube.readSecret(namespace, ref.secretName).catch((error: unknown) => {
          throw new InvalidConfigError(
            `credential "${ref.name}": cannot read Secret ${namespace}/${ref.secretName}`,
            error,
          );
        });
        const value = secret.data?.[ref.key];
        if (value === undefined) {
          throw new InvalidConfigError(
            `credential "${ref.name}": Secret ${namespace}/${ref.secretName} has no key "${ref.key}"`,
          );
        }
        resolved[ref.name] = Buffer.from(value, 'base64');
        remember('Secret', namespace, ref.secretName, secret.metadata?.resourceVersion);
        break;
      }
      case 'configMapKey': {
        const configMap = await kube.readConfigMap(namespace, ref.configMapName).catch((error: unknown) => {
          throw new InvalidConfigError(
            `credential "${ref.name}": cannot read ConfigMap ${namespace}/${ref.configMapName}`,
            error,
          );
        });
        const value = configMap.data?.[ref.key];
        if (value === undefined) {
          throw new InvalidConfigError(
            `credential "${ref.name}": ConfigMap ${namespace}/${ref.configMapName} has no key "${ref.key}"`,
          );
        }
        resolved[ref.name] = Buffer.from(value, 'utf8');
        remember('ConfigMap', namespace, ref.configMapName, configMap.metadata?.resourceVersion);
        break;
      }
      case 'serviceAccountAnnotation': {
        const account = await kube
          .readServiceAccount(namespace, ref.serviceAccountName)
          .catch((error: unknown) => {
            throw new InvalidConfigError(
              `credential "${ref.name}": cannot read ServiceAccount ${namespace}/${ref.serviceAccountName}`,
              error,
            );
          });
        // Remembered even when an optional annotation is absent: adding it later must reach the client.
        remember('ServiceAccount', namespace, ref.serviceAccountName, account.metadata?.resourceVersion);
        const value = account.metadata?.annotations?.[ref.annotation];
        if ((value === undefined || value === '') && ref.optional === true) break;
        if (value === undefined || value === '') {
          throw new InvalidConfigError(
            `credential "${ref.name}": ServiceAccount ${namespace}/${ref.serviceAccountName} has no annotation "${ref.annotation}"; annotate it, or name the value in the store`,
          );
        }
        resolved[ref.name] = Buffer.from(value, 'utf8');
        break;
      }
      case 'serviceAccountToken': {
        const token = await kube
          .serviceAccountToken(namespace, ref.serviceAccountName, ref.audiences ?? [])
          .catch((error: unknown) => {
            throw new InvalidConfigError(
              `credential "${ref.name}": cannot get a token for ServiceAccount ${namespace}/${ref.serviceAccountName}`,
              error,
            );
          });
        resolved[ref.name] = Buffer.from(token, 'utf8');
        break;
      }
    }
  }
  return { values: resolved, sourceVersions };
}
