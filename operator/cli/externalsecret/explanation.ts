import type { ExternalSecretView } from '../cluster/external-secret-view.ts';
import type { EventView } from '../cluster/events.ts';
import { nextRefreshOf, type NextRefresh } from './next-refresh.ts';
import { storesOf, type StoreRef } from './summary.ts';
import { syncedVersionOf } from '../../api/v1alpha1/index.ts';

/** Everything `ferry explain` shows about one ExternalSecret; its -o json|yaml form too. */
export interface Explanation {
  namespace: string;
  name: string;
  uid: string | null;
  created: string | null;
  spec: {
    stores: StoreRef[];
    refreshPolicy: string;
    refreshInterval: string;
    target: {
      name: string;
      creationPolicy: string;
      deletionPolicy: string;
      immutable: boolean;
      templateType: string | null;
      templated: boolean;
    };
    data: number;
    dataFrom: { extract: number; find: number };
  };
  /** False while a change (spec, labels or annotations, a requested sync) waits for the operator. */
  inSync: boolean;
  nextRefresh: { kind: NextRefresh['kind']; at?: string };
  status: ExternalSecretView['status'] | null;
  /** null: the Events could not be read (the reason is in eventsError). */
  events: EventView[] | null;
  eventsError?: string;
}

export function explain(
  es: ExternalSecretView,
  events: { events: EventView[] } | { error: string },
  now: number,
): Explanation {
  const spec = es.spec ?? {};
  const target = spec.target ?? {};
  const nextRefresh = nextRefreshOf(es, now);
  const dataFrom = spec.dataFrom ?? [];
  return {
    namespace: es.metadata.namespace,
    name: es.metadata.name,
    uid: es.metadata.uid ?? null,
    created: es.metadata.creationTimestamp ?? null,
    spec: {
      stores: storesOf(es),
      refreshPolicy: spec.refreshPolicy ?? 'Periodic',
      refreshInterval: spec.refreshInterval ?? '1h',
      target: {
        name: target.name ?? es.metadata.name,
        creationPolicy: target.creationPolicy ?? 'Owner',
        deletionPolicy: target.deletionPolicy ?? 'Retain',
        immutable: target.immutable ?? false,
        templateType: target.template?.type ?? null,
        templated: target.template !== undefined,
      },
      data: spec.data?.length ?? 0,
      dataFrom: {
        extract: dataFrom.filter((entry) => entry.extract !== undefined).length,
        find: dataFrom.filter((entry) => entry.find !== undefined).length,
      },
    },
    inSync: es.status?.syncedResourceVersion === syncedVersionOf(es.metadata),
    nextRefresh:
      nextRefresh.kind === 'scheduled'
        ? { kind: nextRefresh.kind, at: new Date(nextRefresh.at).toISOString() }
        : { kind: nextRefresh.kind },
    status: es.status ?? null,
    ...('events' in events ? { events: events.events } : { events: null, eventsError: events.error }),
  };
}
