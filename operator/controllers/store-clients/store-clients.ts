import { providerNames, type StoreProvider } from '../../api/v1alpha1/index.ts';
import type { ClusterClient } from '../../kube/index.ts';
import { InvalidConfigError, getProvider, type Provider } from '../../providers/index.ts';
import type { AnyStore } from './any-store.ts';
import { CredentialFreshness } from './credential-freshness.ts';
import { resolveCredentials, type StoreScope } from './credentials.ts';
import { coalescingClient, type SharedReadsClient } from './coalescing-client.ts';
import { breakerClient } from './breaker-client.ts';
import { instrumentedClient, type ProviderCallObserver } from './instrumented-client.ts';
import { rateLimitedClient } from './rate-limited-client.ts';
import { StoreRateLimiter } from './rate-limiter.ts';
import { StoreClientCache } from './store-client-cache.ts';
import type { BulkheadSlot } from './store-bulkhead.ts';
import { StoreGuards, type CircuitListener, type GuardState, type StoreRef } from './store-guards.ts';

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
  private readonly cache = new StoreClientCache<SharedReadsClient>();
  private readonly kube: ClusterClient;
  private readonly observeCall: ProviderCallObserver | undefined;
  private readonly freshness: CredentialFreshness;
  private readonly operatorIdentityForSecretStores: boolean;
  private readonly guards: StoreGuards;

  constructor(
    kube: ClusterClient,
    options: {
      onProviderCall?: ProviderCallObserver;
      credentialCheckIntervalMs?: number;
      /** --namespaced-stores-ambient-credentials: a SecretStore without auth may act as the operator. */
      namespacedStoresAmbientCredentials?: boolean;
      guards?: StoreGuardSettings;
    } = {},
  ) {
    this.kube = kube;
    this.operatorIdentityForSecretStores = options.namespacedStoresAmbientCredentials === true;
    this.observeCall = options.onProviderCall;
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

  forStore(store: AnyStore): Promise<SharedReadsClient> {
    const key = cacheKey(store);
    const client = this.cache.get(key, async () => {
      const { provider, config } = this.providerOf(store);
      const credentials = await resolveCredentials(
        provider.credentialRefs(config),
        scopeOf(store),
        this.kube,
        {
          provider: provider.name,
          operatorIdentityForSecretStores: this.operatorIdentityForSecretStores,
        },
      );
      this.freshness.remember(key, credentials.sourceVersions);
      const client = await provider.newClient(config, credentials.values);
      const counted = this.observeCall ? instrumentedClient(client, provider.name, this.observeCall) : client;
      // Shared reads first, so that only the calls that reach the store spend its rate limit.
      const paced = rateLimitedClient(counted, new StoreRateLimiter(store.spec.rateLimit));
      // Under the shared reads: one failed call that a hundred ExternalSecrets waited for is one failure.
      const guarded = breakerClient(paced, this.guards.circuitOf(store));
      return coalescingClient(guarded, {
        windowMs: coalescingWindowMs,
        retentionMs: refreshWaveRetentionMs,
      });
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
