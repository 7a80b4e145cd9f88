import type { V1ObjectMeta } from '@kubernetes/client-node';

/** A Secret as a metadata-only informer caches it (PartialObjectMetadata): no type, no data. */
export interface SecretMetadata {
  apiVersion?: string;
  kind?: string;
  metadata?: V1ObjectMeta;
}
