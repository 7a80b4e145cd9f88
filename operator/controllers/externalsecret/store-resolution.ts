import {
  conditionReady,
  secretStoreReasons,
  type ClusterSecretStore,
  type ClusterStoreCondition,
  type LabelSelector,
  type SecretStore,
  type SecretStoreRef,
} from '../../api/v1alpha1/index.ts';
import { InvalidSpecError } from './invalid-spec.ts';
import { compileRegexp } from './rewrite.ts';

export type ResolvedStore =
  { kind: 'SecretStore'; store: SecretStore } | { kind: 'ClusterSecretStore'; store: ClusterSecretStore };

/** Why an ExternalSecret cannot use the store it names; `reason` becomes the Ready condition's reason. */
export class StoreProblem extends Error {
  override name = 'StoreProblem';
  readonly reason: 'StoreNotFound' | 'StoreNotAllowed' | 'StoreNotReady' | 'ClusterSecretStoresDisabled';
  constructor(reason: StoreProblem['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

export interface StoreLookup {
  secretStore(namespace: string, name: string): SecretStore | undefined;
  clusterSecretStore(name: string): ClusterSecretStore | undefined;
  namespaceLabels(namespace: string): Promise<Record<string, string>>;
  /** The operator runs with --cluster-stores=false: it neither watches nor serves ClusterSecretStores. */
  clusterSecretStoresDisabled?: boolean;
}

/** The namespace's own labels only: `constructor` or `toString` must not count as a label it has. */
function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  const valueOf = (key: string): string | undefined => (Object.hasOwn(labels, key) ? labels[key] : undefined);
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => valueOf(key) === value);
  const byExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    const value = valueOf(key);
    switch (operator) {
      case 'In':
        return value !== undefined && values.includes(value);
      case 'NotIn':
        return value === undefined || !values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
    }
  });
  return byLabels && byExpressions;
}

async function conditionAdmits(
  condition: ClusterStoreCondition,
  field: string,
  namespace: string,
  labels: () => Promise<Record<string, string>>,
): Promise<boolean> {
  if (condition.namespaces?.includes(namespace)) return true;
  if (
    condition.namespaceRegexes?.some((source, index) =>
      compileRegexp(source, `${field}.namespaceRegexes[${index}]`).test(namespace),
    )
  ) {
    return true;
  }
  return (
    condition.namespaceSelector !== undefined && selectorMatches(condition.namespaceSelector, await labels())
  );
}

/**
 * The store an ExternalSecret in `namespace` may use: a SecretStore of its own namespace only, or a
 * ClusterSecretStore whose conditions admit the namespace (no conditions: every namespace).
 */
export async function resolveStore(
  ref: SecretStoreRef,
  namespace: string,
  lookup: StoreLookup,
): Promise<ResolvedStore> {
  let resolved: ResolvedStore;
  if (ref.kind === 'SecretStore') {
    const store = lookup.secretStore(namespace, ref.name);
    if (!store)
      throw new StoreProblem(
        'StoreNotFound',
        `SecretStore "${ref.name}" not found in namespace "${namespace}"`,
      );
    resolved = { kind: 'SecretStore', store };
  } else {
    if (lookup.clusterSecretStoresDisabled) {
      throw new StoreProblem(
        'ClusterSecretStoresDisabled',
        `ClusterSecretStore "${ref.name}" cannot be used: ClusterSecretStores are disabled in this installation (--cluster-stores=false); use a SecretStore in namespace "${namespace}"`,
      );
    }
    const store = lookup.clusterSecretStore(ref.name);
    if (!store) throw new StoreProblem('StoreNotFound', `ClusterSecretStore "${ref.name}" not found`);
    const conditions = store.spec.conditions ?? [];
    if (conditions.length > 0) {
      let labels: Record<string, string> | undefined;
      const namespaceLabels = async (): Promise<Record<string, string>> =>
        (labels ??= await lookup.namespaceLabels(namespace));
      let admitted = false;
      for (const [index, condition] of conditions.entries()) {
        try {
          admitted = await conditionAdmits(
            condition,
            `spec.conditions[${index}]`,
            namespace,
            namespaceLabels,
          );
        } catch (error) {
          // A bad regexp is the store's fault, not the ExternalSecret's: say which store to fix.
          if (!(error instanceof InvalidSpecError)) throw error;
          throw new StoreProblem('StoreNotReady', `ClusterSecretStore "${ref.name}": ${error.message}`);
        }
        if (admitted) break;
      }
      if (!admitted) {
        throw new StoreProblem(
          'StoreNotAllowed',
          `ClusterSecretStore "${ref.name}" does not admit namespace "${namespace}": its spec.conditions name other namespaces`,
        );
      }
    }
    resolved = { kind: 'ClusterSecretStore', store };
  }
  const ready = resolved.store.status?.conditions?.find((condition) => condition.type === conditionReady);
  // An unreachable server is no fault of the store's spec: the sync reaches the store's client,
  // whose circuit breaker says whether calls are paused (ProviderUnavailable) or the server is back.
  if (ready?.status === 'False' && ready.reason !== secretStoreReasons.providerUnavailable) {
    throw new StoreProblem('StoreNotReady', `${ref.kind} "${ref.name}" is not ready: ${ready.message}`);
  }
  return resolved;
}
