import type { ExternalSecretView } from '../cluster/external-secret-view.ts';
import { readyConditionOf } from '../cluster/external-secret-view.ts';
import { nextRefreshOf, type NextRefresh } from './next-refresh.ts';

export interface StoreRef {
  kind: string;
  name: string;
}

/** One ExternalSecret as `ferry status` shows it. */
export interface ExternalSecretSummary {
  namespace: string;
  name: string;
  /** Every store it reads from, spec.secretStoreRef first, without repeats. */
  stores: StoreRef[];
  /** The Ready condition's status; Unknown until the operator has written one. */
  ready: 'True' | 'False' | 'Unknown';
  reason: string | undefined;
  message: string | undefined;
  /** status.refreshTime: when the data was last read from the store and written. */
  lastSync: string | undefined;
  nextRefresh: NextRefresh;
}

export function summarise(es: ExternalSecretView, now: number): ExternalSecretSummary {
  const ready = readyConditionOf(es);
  return {
    namespace: es.metadata.namespace,
    name: es.metadata.name,
    stores: storesOf(es),
    ready: ready?.status ?? 'Unknown',
    reason: ready?.reason,
    message: ready?.message,
    lastSync: es.status?.refreshTime,
    nextRefresh: nextRefreshOf(es, now),
  };
}

export function storesOf(es: ExternalSecretView): StoreRef[] {
  const entries = [...(es.spec?.data ?? []), ...(es.spec?.dataFrom ?? [])];
  const refs = [es.spec?.secretStoreRef, ...entries.map((entry) => entry.sourceRef?.storeRef)];
  const seen = new Map<string, StoreRef>();
  for (const ref of refs) {
    if (!ref?.name) continue;
    const store = { kind: ref.kind ?? 'SecretStore', name: ref.name };
    seen.set(`${store.kind}/${store.name}`, store);
  }
  return [...seen.values()];
}

/** `SecretStore/fake`, or `SecretStore/a (+2)` for an ExternalSecret that reads from three stores. */
export function describeStores(stores: readonly StoreRef[]): string {
  const [first] = stores;
  if (!first) return '<none>';
  const more = stores.length > 1 ? ` (+${String(stores.length - 1)})` : '';
  return `${first.kind}/${first.name}${more}`;
}
