import { isNotFound, type ClusterClient } from '../../kube/index.ts';
import type { CredentialSourceKind } from './credentials.ts';

/** The reads this needs: the credential sources by kind. */
export type CredentialSourceReader = Pick<
  ClusterClient,
  'readSecret' | 'readConfigMap' | 'readServiceAccount'
>;

interface Source {
  /** credentialSourceId → resourceVersion of each object the client's credentials came from. */
  versions: ReadonlyMap<string, string>;
  checkedAt: number;
  checking: boolean;
}

export interface CredentialFreshnessOptions {
  /** How often, at most, the sources of one cached client are looked at. Default 30 s. */
  intervalMs?: number | undefined;
  now?: () => number;
}

/**
 * Notices when an object that a cached client's credentials came from changes (a rotated key in a
 * Secret, a new CA bundle in a ConfigMap, a new role in a ServiceAccount's annotation), so the client
 * is rebuilt within `intervalMs` instead of at the end of its lifetime. The check reads the objects'
 * versions in the background — one GET per source per interval, whatever the number of
 * ExternalSecrets — and never delays a reconcile.
 */
export class CredentialFreshness {
  private readonly sources = new Map<string, Source>();
  private readonly kube: CredentialSourceReader;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(kube: CredentialSourceReader, options: CredentialFreshnessOptions = {}) {
    this.kube = kube;
    this.intervalMs = options.intervalMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** Clients whose sources are remembered. */
  get size(): number {
    return this.sources.size;
  }

  remember(key: string, versions: ReadonlyMap<string, string>): void {
    if (versions.size === 0) this.sources.delete(key);
    else this.sources.set(key, { versions, checkedAt: this.now(), checking: false });
  }

  forget(key: string): void {
    this.sources.delete(key);
  }

  forgetPrefix(prefix: string): void {
    for (const key of this.sources.keys()) if (key.startsWith(prefix)) this.sources.delete(key);
  }

  /** If due, looks at the sources of `key` in the background and calls `onStale` if one changed or is gone. */
  check(key: string, onStale: () => void): void {
    const source = this.sources.get(key);
    if (!source || source.checking || this.now() - source.checkedAt < this.intervalMs) return;
    source.checking = true;
    void this.changed(source.versions)
      .then((changed) => {
        if (this.sources.get(key) !== source) return;
        if (changed) {
          this.sources.delete(key);
          onStale();
        }
      })
      // Unreadable right now (API server busy, RBAC): keep the client, look again next interval.
      .catch(() => undefined)
      .finally(() => {
        source.checking = false;
        source.checkedAt = this.now();
      });
  }

  private async changed(versions: ReadonlyMap<string, string>): Promise<boolean> {
    for (const [id, version] of versions) {
      const [kind = '', namespace = '', name = ''] = id.split('/');
      const object = await this.read(kind as CredentialSourceKind, namespace, name).catch(
        (error: unknown) => {
          if (isNotFound(error)) return undefined;
          throw error;
        },
      );
      if (object?.metadata?.resourceVersion !== version) return true;
    }
    return false;
  }

  private read(
    kind: CredentialSourceKind,
    namespace: string,
    name: string,
  ): Promise<{ metadata?: { resourceVersion?: string } }> {
    switch (kind) {
      case 'Secret':
        return this.kube.readSecret(namespace, name);
      case 'ConfigMap':
        return this.kube.readConfigMap(namespace, name);
      case 'ServiceAccount':
        return this.kube.readServiceAccount(namespace, name);
    }
  }
}
