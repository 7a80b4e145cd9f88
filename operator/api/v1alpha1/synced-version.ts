import { createHash } from 'node:crypto';

/**
 * What `status.syncedResourceVersion` holds after a sync of an ExternalSecret with this metadata:
 * the generation plus a hash of labels and annotations, so that a new `ferry.dev/force-sync` value
 * (or any label or annotation change) makes it differ while status writes do not. The controller
 * writes it; `ferry sync` compares against it to know its request has been served.
 */
export function syncedVersionOf(metadata: {
  generation?: number | undefined;
  labels?: Record<string, string> | undefined;
  annotations?: Record<string, string> | undefined;
}): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([sortedEntries(metadata.labels), sortedEntries(metadata.annotations)]))
    .digest('hex')
    .slice(0, 16);
  return `${String(metadata.generation ?? 0)}-${digest}`;
}

// By code point, not localeCompare: the order (and so the hash) must not depend on the locale of
// the process computing it.
function sortedEntries(map: Record<string, string> | undefined): [string, string][] {
  return Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
