import { namespaceFlowOf, type FlowPath } from '../../runtime/index.ts';
import { storeRefsOf, type StoreRefsSpec } from './store-refs.ts';

/**
 * The work queue's flow of an ExternalSecret key: its namespace, then the first store it names (the
 * group it refreshes with). A namespace's turn is then shared among its stores, so a burst against
 * one store does not hold back the ExternalSecrets of another. `lookup` reads the informer's cache.
 */
export function queueFlowOf(
  lookup: (name: string, namespace: string) => object | undefined,
): (key: string) => FlowPath {
  return (key) => {
    const slash = key.indexOf('/');
    if (slash < 0) return namespaceFlowOf(key);
    const namespace = key.slice(0, slash);
    const es = lookup(key.slice(slash + 1), namespace) as { spec?: StoreRefsSpec } | undefined;
    const [store] = storeRefsOf(es?.spec);
    return [namespace, store ? `${store.kind ?? 'SecretStore'}/${store.name ?? ''}` : ''];
  };
}
