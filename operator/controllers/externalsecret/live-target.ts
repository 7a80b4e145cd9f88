import type { V1ObjectMeta, V1Secret } from '@kubernetes/client-node';
import { OwnWrites } from '../../runtime/index.ts';
import { dataHash } from './data-hash.ts';

/**
 * What a reconcile knows of the target Secret as it is now. Managed Secrets are cached
 * metadata-only, so the data is present only when the Secret was read; its hash is always known,
 * either computed from a read or remembered from the version this controller last saw.
 */
export interface LiveTarget {
  metadata: V1ObjectMeta;
  type: string;
  immutable: boolean;
  /** The keyed hash of the data as it is now (data-hash.ts). */
  dataHash: string;
  /** The data, when this reconcile read the Secret (Merge targets are always read). */
  data?: Readonly<Record<string, Uint8Array>>;
}

export function decodeSecretData(secret: V1Secret): Record<string, Uint8Array> {
  return Object.fromEntries(
    Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
  );
}

/** A Secret as read from the API server, hashed once. */
export function liveTargetOf(secret: V1Secret, hashKey: Uint8Array): LiveTarget {
  const type = secret.type ?? 'Opaque';
  const data = decodeSecretData(secret);
  return {
    metadata: secret.metadata ?? {},
    type,
    immutable: secret.immutable === true,
    dataHash: dataHash(hashKey, type, data),
    data,
  };
}

/** What is remembered of one Secret version: everything of a LiveTarget but the metadata and data. */
type KnownVersion = Pick<LiveTarget, 'type' | 'immutable' | 'dataHash'>;

/**
 * The last Secret version each ExternalSecret wrote or read. When the metadata cache still shows
 * that version, the Secret has not changed since, so its hash is known without reading it again;
 * and the watch event of that version is no news, so it needs no reconcile.
 */
export class KnownSecretVersions {
  private readonly versions = new OwnWrites<KnownVersion>();

  remember(key: string, live: LiveTarget | undefined): void {
    if (!live) this.versions.forget(key);
    else
      this.versions.remember(key, live.metadata.resourceVersion, {
        type: live.type,
        immutable: live.immutable,
        dataHash: live.dataHash,
      });
  }

  /** The target as the metadata cache shows it, if that is a version this controller knows. */
  recall(key: string, cached: { metadata?: V1ObjectMeta } | undefined): LiveTarget | undefined {
    const metadata = cached?.metadata;
    const known = metadata && this.versions.recall(key, metadata.resourceVersion);
    return known && { metadata, ...known };
  }

  isKnown(key: string, resourceVersion: string | undefined): boolean {
    return this.versions.isOwn(key, resourceVersion);
  }

  forget(key: string): void {
    this.versions.forget(key);
  }
}
