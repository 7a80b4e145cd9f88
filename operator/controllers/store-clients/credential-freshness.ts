import { isNotFound, type ClusterClient } from '../../kube/index.ts';

interface Source {
  /** `namespace/name` → resourceVersion of each credential Secret when the client was built. */
  versions: ReadonlyMap<string, string>;
  checkedAt: number;
  checking: boolean;
}

export interface CredentialFreshnessOptions {
  /** How often, at most, the Secrets of one cached client are looked at. Default 30 s. */
  intervalMs?: number | undefined;
  now?: () => number;
}

/**
 * Notices when a Secret that a cached client's credentials came from changes (a rotated key, a new
 * token), so the client is rebuilt within `intervalMs` instead of at the end of its lifetime. The
 * check reads the Secrets' versions in the background — one GET per credential Secret per interval,
 * whatever the number of ExternalSecrets — and never delays a reconcile.
 */
export class CredentialFreshness {
  private readonly sources = new Map<string, Source>();
  private readonly kube: Pick<ClusterClient, 'readSecret'>;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(kube: Pick<ClusterClient, 'readSecret'>, options: CredentialFreshnessOptions = {}) {
    this.kube = kube;
    this.intervalMs = options.intervalMs ?? 30_000;
    this.now = options.now ?? Date.now;
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

  /** If due, looks at the Secrets of `key` in the background and calls `onStale` if one changed or is gone. */
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
      const [namespace = '', name = ''] = id.split('/');
      const secret = await this.kube.readSecret(namespace, name).catch((error: unknown) => {
        if (isNotFound(error)) return undefined;
        throw error;
      });
      if (secret?.metadata?.resourceVersion !== version) return true;
    }
    return false;
  }
}
