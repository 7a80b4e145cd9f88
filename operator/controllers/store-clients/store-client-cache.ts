import type { SecretsClient } from '../../providers/index.ts';

const closeGraceMs = 60_000;

interface Entry<C> {
  client: Promise<C>;
  expiresAt: number;
}

/**
 * One provider client per store version, shared by every ExternalSecret that uses the store: a
 * store is logged in to once, not once per reconcile. Creation is single-flight (concurrent
 * reconciles wait for the same login). Entries expire after `ttlMs` so rotated credentials and
 * short-lived tokens are picked up; `invalidate` drops one at once (after an auth failure).
 */
export class StoreClientCache<C extends SecretsClient = SecretsClient> {
  private readonly entries = new Map<string, Entry<C>>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: { ttlMs?: number; now?: () => number } = {}) {
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  get(key: string, create: () => Promise<C>): Promise<C> {
    const existing = this.entries.get(key);
    if (existing && existing.expiresAt > this.now()) return existing.client;
    if (existing) this.retire(key, existing);
    const client = create();
    const entry = { client, expiresAt: this.now() + this.ttlMs };
    this.entries.set(key, entry);
    // A failed login is not cached: the next reconcile tries again.
    client.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return client;
  }

  invalidate(key: string): void {
    const existing = this.entries.get(key);
    if (existing) this.retire(key, existing);
  }

  /** Drops every client of a store (all versions), e.g. when the store is deleted or changed. */
  invalidatePrefix(prefix: string): void {
    for (const [key, entry] of this.entries) if (key.startsWith(prefix)) this.retire(key, entry);
  }

  async closeAll(): Promise<void> {
    const entries = [...this.entries.entries()];
    this.entries.clear();
    await Promise.all(
      entries.map(([, entry]) => entry.client.then((client) => client.close()).catch(() => undefined)),
    );
  }

  private retire(key: string, entry: Entry<C>): void {
    this.entries.delete(key);
    // Reconciles that took this client just before it expired may still be using it.
    const timer = setTimeout(() => {
      void entry.client.then((client) => client.close()).catch(() => undefined);
    }, closeGraceMs);
    timer.unref();
  }
}
