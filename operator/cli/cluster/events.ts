import { EventsV1Api, type EventsV1Event, type KubeConfig } from '@kubernetes/client-node';

/** An Event about an ExternalSecret, reduced to what `ferry explain` shows. */
export interface EventView {
  type: string;
  reason: string;
  action: string;
  note: string;
  /** When it last happened (RFC 3339). */
  time: string | undefined;
  /** How often it happened (an event series counts repeats). */
  count: number;
  reportingController: string;
}

/**
 * The events.k8s.io/v1 Events whose `regarding` is this ExternalSecret (by uid, so a deleted and
 * recreated one of the same name does not inherit the old one's Events), oldest first.
 */
export async function eventsAbout(
  kubeConfig: KubeConfig,
  object: { namespace: string; name: string; uid?: string | undefined },
): Promise<EventView[]> {
  const api = kubeConfig.makeApiClient(EventsV1Api);
  const selector = [`regarding.kind=ExternalSecret`, `regarding.name=${object.name}`];
  if (object.uid) selector.push(`regarding.uid=${object.uid}`);
  const list = await api.listNamespacedEvent({
    namespace: object.namespace,
    fieldSelector: selector.join(','),
  });
  return list.items.map(toView).sort((a, b) => timeOf(a) - timeOf(b));
}

function toView(event: EventsV1Event): EventView {
  // eventTime is required by events.k8s.io/v1 but null on Events recorded through core/v1.
  const eventTime = event.eventTime as Date | null | undefined;
  const time =
    event.series?.lastObservedTime ??
    eventTime ??
    event.deprecatedLastTimestamp ??
    event.metadata?.creationTimestamp;
  return {
    type: event.type ?? '',
    reason: event.reason ?? '',
    action: event.action ?? '',
    note: event.note ?? '',
    time: time ? new Date(time).toISOString() : undefined,
    count: event.series?.count ?? event.deprecatedCount ?? 1,
    reportingController: event.reportingController ?? event.deprecatedSource?.component ?? '',
  };
}

function timeOf(event: EventView): number {
  return Date.parse(event.time ?? '') || 0;
}
