import { providerNames, type StoreProvider } from '../../api/v1alpha1/index.ts';
import type { ClusterClient } from '../../kube/index.ts';
import {
  InvalidConfigError,
  getProvider,
  type Provider,
  type ProviderTransport,
} from '../../providers/index.ts';
import type { AnyStore } from './any-store.ts';
import { breakerClient } from './breaker-client.ts';
import { CredentialFreshness } from './credential-freshness.ts';
import { resolveCredentials, type StoreScope } from './credentials.ts';
import { coalescingClient, type SharedReadsClient } from './coalescing-client.ts';
import { deadlineClient } from './deadline-client.ts';
import { inFlightClient } from './in-flight-client.ts';
import { instrumentedClient, type ProviderCallObserver } from './instrumented-client.ts';
import { rateLimitedClient } from './rate-limited-client.ts';
import { StoreRateLimiter } from './rate-limiter.ts';
import { StoreClientCache, type ClientCacheBound } from './store-client-cache.ts';
import { createProviderTransport } from './shared-agents.ts';
import type { BulkheadSlot } from './store-bulkhead.ts';
import { StoreGuards, type CircuitListener, type GuardState, type StoreRef } from './store-guards.ts';
import { SyncDeadline } from './sync-deadline.ts';

export type { AnyStore };

/** Reads this recent are shared with identical reads of other ExternalSecrets. */
const coalescingWindowMs = 2_000;
/** How long a read stays available to the ExternalSecrets of a refresh wave (readingSince). */
const refreshWaveRetentionMs = 120_000;

function providerBlock(provider: StoreProvider): { name: string; config: unknown } {
  for (const name of providerNames) {
    const config = provider[name];
    if (config !== undefined) return { name, config };
  }
  throw new InvalidConfigError(`spec.provider has no provider block (one of: ${providerNames.join(', ')})`);
}

function scopeOf(store: AnyStore): StoreScope {
  return {
    kind: store.kind,
    name: store.metadata.name ?? '',
    namespace: store.kind === 'SecretStore' ? store.metadata.namespace : undefined,
  };
}

/** Cache key: a new generation of the store (a changed spec) gets a new client. */
function cacheKey(store: AnyStore): string {
  return `${store.kind}/${store.metadata.namespace ?? ''}/${store.metadata.name ?? ''}/${store.metadata.uid ?? ''}/${String(store.metadata.generation ?? 0)}`;
}

/** Defaults of the --provider-* flags (operator/config), for callers that do not pass them. */
export const defaultProviderTimeouts = { connectMs: 3_000, responseMs: 10_000, syncMs: 30_000 };
export const defaultClientCacheBounds = { entries: 1_000, bytes: 16 * 1024 * 1024 };

/** What the client cache tells the metrics: logins (clients built) and clients let go for a bound. */
export interface ClientCacheObserver {
  created(provider: string): void;
  evicted(bound: ClientCacheBound): void;
}

export interface StoreClientsOptions {
  onProviderCall?: ProviderCallObserver;
  clientCache?: ClientCacheObserver;
  credentialCheckIntervalMs?: number;
  /** --namespaced-stores-ambient-credentials: a SecretStore without auth may act as the operator. */
  namespacedStoresAmbientCredentials?: boolean;
  /** --provider-connect-timeout, --provider-response-timeout and --provider-sync-timeout. */
  timeouts?: { connectMs: number; responseMs: number; syncMs: number };
  /** --provider-client-cache-size and --provider-client-cache-mib. */
  cacheBounds?: { entries: number; bytes: number };
  /** --store-max-calls-in-flight, --store-breaker-failures and --store-breaker-probe-interval. */
  guards?: StoreGuardSettings;
}

/** The bulkhead and circuit breaker settings of every store (the --store-* flags). */
export interface StoreGuardSettings {
  /** Provider calls in flight per store (per store and namespace for a ClusterSecretStore). */
  maxCallsInFlight: number;
  /** Unanswered calls in a row that open a store's circuit. */
  failureThreshold: number;
  /** Pause between probes of an open circuit. */
  probeIntervalMs: number;
}

export const defaultStoreGuardSettings: StoreGuardSettings = {
  maxCallsInFlight: 4,
  failureThreshold: 3,
  probeIntervalMs: 2_000,
};

/**
 * Provider clients for stores: the provider named by the store's block, its credentials, one cached
 * client; and each store's bulkhead and circuit breaker, which every call to it goes through.
 */
export class StoreClients {
  private readonly cache: StoreClientCache<SharedReadsClient>;
  private readonly transport: ProviderTransport;
  private readonly syncTimeoutMs: number;
  private readonly kube: ClusterClient;
  private readonly observeCall: ProviderCallObserver | undefined;
  private readonly freshness: CredentialFreshness;
  private readonly operatorIdentityForSecretStores: boolean;
  private readonly guards: StoreGuards;
  private readonly clientCacheObserver: ClientCacheObserver | undefined;

  constructor(kube: ClusterClient, options: StoreClientsOptions = {}) {
    const timeouts = options.timeouts ?? defaultProviderTimeouts;
    const bounds = options.cacheBounds ?? defaultClientCacheBounds;
    this.cache = new StoreClientCache({
      maxEntries: bounds.entries,
      maxBytes: bounds.bytes,
      onEvicted: (bound) => options.clientCache?.evicted(bound),
      // A store out of the cache costs nothing until it is used again: its freshness record goes too.
      onForgotten: (key) => this.freshness.forget(key),
    });
    this.transport = createProviderTransport({
      connectTimeoutMs: timeouts.connectMs,
      // A call never waits longer than a whole sync may.
      responseTimeoutMs: Math.min(timeouts.responseMs, timeouts.syncMs),
    });
    this.syncTimeoutMs = timeouts.syncMs;
    this.kube = kube;
    this.operatorIdentityForSecretStores = options.namespacedStoresAmbientCredentials === true;
    this.observeCall = options.onProviderCall;
    this.clientCacheObserver = options.clientCache;
    this.freshness = new CredentialFreshness(kube, { intervalMs: options.credentialCheckIntervalMs });
    this.guards = new StoreGuards({
      ...(options.guards ?? defaultStoreGuardSettings),
      // The probe of an open circuit: the store's health check, on its (cached) client.
      probe: async (store, signal) => (await this.forStore(store)).validate(signal),
    });
  }

  providerOf(store: AnyStore): { provider: Provider<unknown>; config: unknown } {
    const { name, config } = providerBlock(store.spec.provider);
    const provider = getProvider(name);
    if (!provider)
      throw new InvalidConfigError(`spec.provider.${name}: this operator has no ${name} provider`);
    const parsed = provider.configSchema.safeParse(config);
    if (!parsed.success)
      throw new InvalidConfigError(
        `spec.provider.${name}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      );
    return { provider, config: parsed.data };
  }

  /** Clients kept in the cache, and their estimated bytes. */
  get cacheSize(): { entries: number; bytes: number } {
    return this.cache.size;
  }

  /** Clients whose credential sources are looked at for rotation: never more than the clients kept. */
  get credentialSourcesWatched(): number {
    return this.freshness.size;
  }

  /**
   * The provider time of one sync, started now: the clients it hands out end their calls by the
   * sync's deadline (--provider-sync-timeout) as well as each call's response timeout.
   */
  forSync(): { forStore(store: AnyStore): Promise<SharedReadsClient> } {
    const deadline = new SyncDeadline(this.syncTimeoutMs);
    return {
      forStore: async (store) => deadline.bound(await this.forStore(store), this.describe(store)),
    };
  }

  /** "aws at 127.0.0.1:5000": the store's provider and where its calls go, for messages. */
  private describe(store: AnyStore): string {
    try {
      const { provider, config } = this.providerOf(store);
      return `${provider.name} at ${provider.endpointOf(config)}`;
    } catch {
      return `the store's provider`;
    }
  }

  // async: a broken spec is a rejection, as a failed login is; the cache is still asked synchronously.
  async forStore(store: AnyStore): Promise<SharedReadsClient> {
    const key = cacheKey(store);
    // A store whose spec is broken fails here, before it takes a place in the cache.
    const { provider, config } = this.providerOf(store);
    const client = this.cache.get(key, provider.clientBytes, async (inFlight) => {
      const credentials = await resolveCredentials(
        provider.credentialRefs(config),
        scopeOf(store),
        this.kube,
        {
          provider: provider.name,
          operatorIdentityForSecretStores: this.operatorIdentityForSecretStores,
        },
      );
      // Evicted while logging in: nothing to keep fresh.
      if (this.cache.has(key)) this.freshness.remember(key, credentials.sourceVersions);
      const client = await provider.newClient(config, credentials.values, this.transport);
      this.clientCacheObserver?.created(provider.name);
      const bounded = deadlineClient(client, {
        store: this.describe(store),
        responseTimeoutMs: this.transport.responseTimeoutMs,
        findTimeoutMs: this.syncTimeoutMs,
      });
      const counted = this.observeCall
        ? instrumentedClient(bounded, provider.name, this.observeCall)
        : bounded;
      // Shared reads first, so that only the calls that reach the store spend its rate limit.
      const paced = rateLimitedClient(counted, new StoreRateLimiter(store.spec.rateLimit));
      // Under the shared reads: one failed call that a hundred ExternalSecrets waited for is one failure.
      const guarded = breakerClient(paced, this.guards.circuitOf(store));
      const shared = coalescingClient(guarded, {
        windowMs: coalescingWindowMs,
        retentionMs: refreshWaveRetentionMs,
      });
      return inFlightClient(shared, inFlight);
    });
    // A rotated credential Secret (or a changed ConfigMap or ServiceAccount annotation): the next use
    // builds a new client with the new credentials.
    this.freshness.check(key, () => {
      this.cache.invalidate(key);
    });
    return client;
  }

  /**
   * A slot of the store's bulkhead for `key`, a caller in `namespace`, to read with; release it when
   * the reads are done. Throws StoreUnavailableError while the store's circuit is open, and
   * StoreBusyError when the store (for a ClusterSecretStore: the store in this namespace) has as
   * many calls in flight as it may.
   */
  enter(store: AnyStore, namespace: string, key: string): BulkheadSlot {
    return this.guards.enter(store, namespace, key);
  }

  /** What calls to the store fail with while its circuit is open; undefined while it is closed. */
  openCircuitMessage(store: AnyStore): string | undefined {
    return this.guards.openCircuitMessage(store);
  }

  /** Hears each store's circuit open and close. */
  onCircuitChange(listener: CircuitListener): void {
    this.guards.onCircuitChange(listener);
  }

  /** The stores that are in trouble or busy (open circuits, calls in flight), for the metrics. */
  guardStates(): GuardState[] {
    return this.guards.states();
  }

  /** A store was deleted: close its clients (every version) instead of keeping them until they expire. */
  forgetStore(kind: AnyStore['kind'], namespace: string, name: string): void {
    this.cache.invalidatePrefix(`${kind}/${namespace}/${name}/`);
    this.freshness.forgetPrefix(`${kind}/${namespace}/${name}/`);
    const ref: StoreRef = { kind, namespace: kind === 'SecretStore' ? namespace : '', name };
    this.guards.forget(ref);
  }

  /** After an authentication failure: log in again on the next use. */
  invalidate(store: AnyStore): void {
    this.cache.invalidate(cacheKey(store));
    this.freshness.forget(cacheKey(store));
  }

  close(): Promise<void> {
    this.guards.stop();
    return this.cache.closeAll();
  }
}
