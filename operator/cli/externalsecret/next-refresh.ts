import { externalSecretReasons, parseDuration, syncedVersionOf } from '../../api/v1alpha1/index.ts';
import { storeRefreshGrid } from '../../runtime/index.ts';
import { readyConditionOf, type ExternalSecretView } from '../cluster/external-secret-view.ts';
import { humanDuration } from '../output/age.ts';

/** When the operator will next read the store for an ExternalSecret, as far as its object tells. */
export type NextRefresh =
  /** A periodic refresh at this time (ms since the epoch). */
  | { readonly kind: 'scheduled'; readonly at: number }
  /** Only when the spec changes, the target drifts or a sync is forced (OnChange, interval 0, a bad spec). */
  | { readonly kind: 'on-change' }
  /** CreatedOnce: not again, unless the spec changes, the target goes missing or a sync is forced. */
  | { readonly kind: 'never' }
  /** Never synced, or a change the operator has not synced yet: as soon as it gets to it. */
  | { readonly kind: 'pending' }
  /** The last sync failed: the operator retries with backoff. */
  | { readonly kind: 'retrying' };

/**
 * Mirrors the controller's schedule: a periodic refresh falls on the refresh grid of the
 * ExternalSecret's first store (refreshGrid, shared by every ExternalSecret of that store), at the
 * latest one interval after status.refreshTime, and on every grid point after that. Refreshes that
 * find nothing new write no status, so refreshTime may lie several intervals back: the next grid
 * point after `now` is the answer then.
 */
export function nextRefreshOf(es: ExternalSecretView, now: number): NextRefresh {
  const ready = readyConditionOf(es);
  if (!ready || !es.status?.syncedResourceVersion) {
    return ready?.status === 'False' ? failedRefresh(ready.reason) : { kind: 'pending' };
  }
  if (ready.status !== 'True') return failedRefresh(ready.reason);
  if (es.status.syncedResourceVersion !== syncedVersionOf(es.metadata)) return { kind: 'pending' };
  const policy = es.spec?.refreshPolicy ?? 'Periodic';
  if (policy === 'CreatedOnce') return { kind: 'never' };
  if (policy === 'OnChange') return { kind: 'on-change' };
  const intervalMs = intervalOf(es.spec?.refreshInterval ?? '1h');
  if (intervalMs === undefined || intervalMs === 0) return { kind: 'on-change' };
  const refreshedAt = Date.parse(es.status.refreshTime ?? '');
  if (Number.isNaN(refreshedAt)) return { kind: 'pending' };
  const firstDue = storeRefreshGrid(firstStoreOf(es))(refreshedAt, intervalMs);
  if (firstDue > now) return { kind: 'scheduled', at: firstDue };
  return { kind: 'scheduled', at: firstDue + Math.ceil((now - firstDue) / intervalMs) * intervalMs };
}

/** The words the status table and `ferry explain` print: `in 42m`, `on change`, `never`, ... */
export function describeNextRefresh(next: NextRefresh, now: number): string {
  switch (next.kind) {
    case 'scheduled':
      return `in ${humanDuration(Math.max(0, next.at - now))}`;
    case 'on-change':
      return 'on change';
    default:
      return next.kind;
  }
}

/** A bad spec is not retried until it changes; anything else is retried with backoff. */
function failedRefresh(reason: string): NextRefresh {
  return reason === externalSecretReasons.invalidSpec ? { kind: 'on-change' } : { kind: 'retrying' };
}

function intervalOf(text: string): number | undefined {
  try {
    return parseDuration(text);
  } catch {
    return undefined;
  }
}

/** The first store the ExternalSecret names: its refresh grid is the controller's (see refreshScheduleOf). */
function firstStoreOf(es: ExternalSecretView): { kind: string; namespace: string; name: string } {
  const entries = [...(es.spec?.data ?? []), ...(es.spec?.dataFrom ?? [])];
  const store =
    es.spec?.secretStoreRef ?? entries.find((entry) => entry.sourceRef?.storeRef)?.sourceRef?.storeRef;
  return { kind: store?.kind ?? 'SecretStore', namespace: es.metadata.namespace, name: store?.name ?? '' };
}
