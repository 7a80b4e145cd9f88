import type { V1ObjectMeta } from '@kubernetes/client-node';
import type { ExternalSecret } from '../../api/v1alpha1/index.ts';

/** One field manager per ExternalSecret, so two ExternalSecrets merging into one Secret own their own keys. */
export function fieldManager(es: ExternalSecret): string {
  return `ferry/${es.metadata.name ?? ''}`.slice(0, 128);
}

/**
 * The data keys `manager` last applied to this Secret, from its managedFields (present on a Secret
 * read from the API server, not on the metadata cache's copies). A key missing from the next apply
 * is removed from the Secret unless another writer owns it too.
 */
export function appliedDataKeys(metadata: V1ObjectMeta, manager: string): Set<string> {
  const entry = (metadata.managedFields ?? []).find(
    (field) => field.manager === manager && field.operation === 'Apply',
  );
  const data = (entry?.fieldsV1 as Record<string, unknown> | undefined)?.['f:data'];
  if (typeof data !== 'object' || data === null) return new Set();
  return new Set(
    Object.keys(data)
      .filter((field) => field.startsWith('f:'))
      .map((field) => field.slice(2)),
  );
}
