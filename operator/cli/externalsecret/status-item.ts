import type { ExternalSecretView } from '../cluster/external-secret-view.ts';
import type { NextRefresh } from './next-refresh.ts';
import type { ExternalSecretSummary, StoreRef } from './summary.ts';

/** One ExternalSecret in `ferry status -o json|yaml`: the summary, plus the status as the operator wrote it. */
export interface StatusItem {
  namespace: string;
  name: string;
  stores: StoreRef[];
  ready: string;
  reason: string | null;
  message: string | null;
  lastSync: string | null;
  nextRefresh: { kind: NextRefresh['kind']; at?: string };
  status: ExternalSecretView['status'] | null;
}

export function statusItem(summary: ExternalSecretSummary, status: ExternalSecretView['status']): StatusItem {
  const { nextRefresh } = summary;
  return {
    namespace: summary.namespace,
    name: summary.name,
    stores: summary.stores,
    ready: summary.ready,
    reason: summary.reason ?? null,
    message: summary.message ?? null,
    lastSync: summary.lastSync ?? null,
    nextRefresh:
      nextRefresh.kind === 'scheduled'
        ? { kind: nextRefresh.kind, at: new Date(nextRefresh.at).toISOString() }
        : { kind: nextRefresh.kind },
    status: status ?? null,
  };
}
