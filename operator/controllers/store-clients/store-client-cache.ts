import { setTimeout as sleep } from 'node:timers/promises';
import type { SecretsClient } from '../../providers/index.ts';
import { InFlight } from './in-flight.ts';

export interface StoreClientCacheOptions {
  /** A client is rebuilt after this long, so rotated credentials and short-lived tokens are picked up. */
  ttlMs?: number;
  /** Clients kept at most (--provider-client-cache-size). */
  maxEntries?: number;
  /** Estimated bytes of the clients kept, at most (--provider-client-cache-mib). */
  maxBytes?: number;
  /** A client let go is closed once no call of it has been under way for this long. */
  closeGraceMs?: number;
  /** A client was let go to stay within a bound: which one (for the evictions metric). */
  onEvicted?: (bound: ClientCacheBound) => void;
  /** A client left the cache, for any reason: what is kept beside it for its key can go too. */
  onForgotten?: (key: string) => void;
  now?: () => number;
}

/** Which bound made the cache let a client go: --provider-client-cache-size or -mib. */
export type ClientCacheBound = 'entries' | 'bytes';

interface Entry<C> {
  client: Promise<C>;
  expiresAt: number;
  bytes: number;
  inFlight: InFlight;
}

/**
 * One provider client per store version, shared by every ExternalSecret that uses the store: a
 * store is logged in to once, not once per reconcile. Creation is single-flight (concurrent
 * reconciles wait for the same login). Bounded by what is in use: past `maxEntries` clients or
 * `maxBytes` of them, the least recently used is let go, so ten thousand stores cost what the ones
 * in use cost. A client let go (expired, evicted, invalidated) is closed only after its last call
 * ended, never under a caller.
 */
export class StoreClientCache<C extends SecretsClient = SecretsClient> {
  private readonly entries = new Map<string, Entry<C>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly closeGraceMs: number;
  private readonly now: () => number;
  private readonly onEvicted: (bound: ClientCacheBound) => void;
  private readonly onForgotten: (key: string) => void;
  private bytesHeld = 0;

  constructor(options: StoreClientCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.maxEntries = options.maxEntries ?? Infinity;
    this.maxBytes = options.maxBytes ?? Infinity;
    this.closeGraceMs = options.closeGraceMs ?? 5_000;
    this.now = options.now ?? Date.now;
    this.onEvicted = options.onEvicted ?? (() => undefined);
    this.onForgotten = options.onForgotten ?? (() => undefined);
  }

  /** Clients kept, and their estimated bytes. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytesHeld };
  }

  /** Whether a client of `key` is kept (or being created). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /**
   * The client of `key`, created by `create` if there is none. `create` wraps its client so that
   * every call is counted in the InFlight it is given (inFlightClient); `bytes` is its estimate.
   */
  get(key: string, bytes: number, create: (inFlight: InFlight) => Promise<C>): Promise<C> {
    const existing = this.entries.get(key);
    if (existing && existing.expiresAt > this.now()) {
      // Most recently used last: eviction takes from the front.
      this.entries.delete(key);
      this.entries.set(key, existing);
      return existing.client;
    }
    if (existing) this.retire(key, existing);
    const inFlight = new InFlight();
    const client = create(inFlight);
    const entry: Entry<C> = { client, expiresAt: this.now() + this.ttlMs, bytes, inFlight };
    this.entries.set(key, entry);
    this.bytesHeld += bytes;
    this.evictBeyondBounds(key);
    // A failed login is not cached: the next reconcile tries again.
    client.catch(() => {
      if (this.entries.get(key) === entry) this.remove(key, entry);
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
    const entries = [...this.entries.values()];
    this.entries.clear();
    this.bytesHeld = 0;
    await Promise.all(
      entries.map((entry) => entry.client.then((client) => client.close()).catch(() => undefined)),
    );
  }

  private evictBeyondBounds(newest: string): void {
    for (const [key, entry] of this.entries) {
      const bound: ClientCacheBound | undefined =
        this.entries.size > this.maxEntries
          ? 'entries'
          : this.bytesHeld > this.maxBytes
            ? 'bytes'
            : undefined;
      if (!bound) return;
      if (key === newest) continue;
      this.retire(key, entry);
      this.onEvicted(bound);
    }
  }

  private remove(key: string, entry: Entry<C>): void {
    this.entries.delete(key);
    this.bytesHeld -= entry.bytes;
    this.onForgotten(key);
  }

  private retire(key: string, entry: Entry<C>): void {
    this.remove(key, entry);
    void this.closeWhenIdle(entry);
  }

  /** Closes once no call has been under way for closeGraceMs: a reconcile between two calls keeps it. */
  private async closeWhenIdle(entry: Entry<C>): Promise<void> {
    const client = await entry.client.catch(() => undefined);
    if (!client) return;
    do {
      await entry.inFlight.whenIdle();
      await sleep(this.closeGraceMs, undefined, { ref: false });
    } while (entry.inFlight.calls > 0);
    await client.close().catch(() => undefined);
  }
}
