import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export const queuePriorities = ['new', 'drift', 'refresh'] as const;
type QueuePriority = (typeof queuePriorities)[number];

/** What a work queue tells about each of its lanes at scrape time (the runtime's WorkQueue fits). */
export interface QueueLanes {
  depth(priority: QueuePriority): number;
  /** Flows (namespaces) with keys waiting: how many take turns. */
  activeFlows(priority: QueuePriority): number;
  /** How long the key that has waited longest has been due; grows while a key starves. */
  longestWaitMs(priority: QueuePriority): number;
}

/** What a store's bulkhead and circuit breaker show at scrape time (the store-client layer's GuardState fits). */
export interface StoreGuardState {
  store: { kind: string; namespace: string; name: string };
  open: boolean;
  openSince: number | undefined;
  callsInFlight: number;
  waiting: number;
}

/**
 * Stores named in the per-store series: the ones open longest and the busiest, at most this many, so
 * that ten thousand dead stores cost a bounded number of series (the totals count them all).
 */
export const namedStoresLimit = 20;

/**
 * Ferry's own metrics. Labels are bounded sets (controller, kind, result, provider, operation,
 * priority, informer, bound): never an object name or a namespace — but for the few stores named
 * in the store series, at most namedStoresLimit — so cardinality does not grow with the cluster. The
 * queue's fairness across namespaces shows as how many take turns and the longest
 * wait of any, per lane — not as one series per namespace.
 */
export class FerryMetrics {
  readonly syncs: Counter<'kind' | 'result'>;
  readonly reconcileDuration: Histogram<'controller' | 'outcome'>;
  readonly queueWait: Histogram<'controller' | 'priority'>;
  readonly providerCalls: Counter<'provider' | 'operation' | 'result'>;
  readonly informerRestarts: Counter<'informer'>;
  readonly providerClientsCreated: Counter<'provider'>;
  readonly providerClientCacheEvictions: Counter<'bound'>;
  private readonly providerClientCacheEntries: Gauge;
  private readonly providerClientCacheBytes: Gauge;
  private clientCacheSize: () => { entries: number; bytes: number } = () => ({ entries: 0, bytes: 0 });
  private readonly queueDepth: Gauge<'controller' | 'priority'>;
  private readonly queueActiveFlows: Gauge<'controller' | 'priority'>;
  private readonly queueLongestWait: Gauge<'controller' | 'priority'>;
  private readonly queues = new Map<string, QueueLanes>();
  private readonly leader: Gauge;
  private leading: () => boolean = () => false;
  private readonly notReadyCount: Gauge<'reason'>;
  private readonly notReadyAge: Gauge<'reason'>;
  private notReady: () => ReadonlyMap<string, { count: number; oldestSince: number }> = () => new Map();
  private storeGuards: () => readonly StoreGuardState[] = () => [];

  constructor(registry: Registry) {
    this.syncs = new Counter({
      name: 'ferry_sync_total',
      help: 'Sync outcomes of ExternalSecrets: created, updated, restored, unchanged, deleted, failed.',
      labelNames: ['kind', 'result'],
      registers: [registry],
    });
    this.reconcileDuration = new Histogram({
      name: 'ferry_reconcile_duration_seconds',
      help: 'Time one reconcile took, by controller and outcome.',
      labelNames: ['controller', 'outcome'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.queueWait = new Histogram({
      name: 'ferry_workqueue_wait_seconds',
      help: 'Time a due key waited in the work queue before a worker took it, by priority lane.',
      labelNames: ['controller', 'priority'],
      buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60],
      registers: [registry],
    });
    this.providerCalls = new Counter({
      name: 'ferry_provider_calls_total',
      help: 'Calls to external stores, by provider, operation and result (ok or an error reason).',
      labelNames: ['provider', 'operation', 'result'],
      registers: [registry],
    });
    this.informerRestarts = new Counter({
      name: 'ferry_informer_restarts_total',
      help: 'Times a watch stopped with an error and was restarted.',
      labelNames: ['informer'],
      registers: [registry],
    });
    this.providerClientsCreated = new Counter({
      name: 'ferry_provider_clients_created_total',
      help: 'Provider clients built (each a login with the store’s credentials), by provider: a store’s first use, and again after its client expired, was evicted or its credentials changed.',
      labelNames: ['provider'],
      registers: [registry],
    });
    this.providerClientCacheEvictions = new Counter({
      name: 'ferry_provider_client_cache_evictions_total',
      help: 'Provider clients let go, least recently used first, to stay within a bound: entries (--provider-client-cache-size) or bytes (--provider-client-cache-mib).',
      labelNames: ['bound'],
      registers: [registry],
    });
    // Read at scrape time from the cache itself, so the gauges cannot drift from it.
    const clientCacheSize = (): { entries: number; bytes: number } => this.clientCacheSize();
    this.providerClientCacheEntries = new Gauge({
      name: 'ferry_provider_client_cache_entries',
      help: 'Provider clients kept in the client cache (at most --provider-client-cache-size).',
      registers: [registry],
      collect() {
        this.set(clientCacheSize().entries);
      },
    });
    this.providerClientCacheBytes = new Gauge({
      name: 'ferry_provider_client_cache_bytes',
      help: 'Estimated bytes of the provider clients kept in the client cache (at most --provider-client-cache-mib), from each provider’s measured size per client.',
      registers: [registry],
      collect() {
        this.set(clientCacheSize().bytes);
      },
    });
    const queues = this.queues;
    const laneGauge = (
      name: string,
      help: string,
      read: (queue: QueueLanes, priority: QueuePriority) => number,
    ) =>
      new Gauge({
        name,
        help,
        labelNames: ['controller', 'priority'],
        registers: [registry],
        collect() {
          for (const [controller, queue] of queues) {
            for (const priority of queuePriorities) this.set({ controller, priority }, read(queue, priority));
          }
        },
      });
    this.queueDepth = laneGauge(
      'ferry_workqueue_depth',
      'Keys due and waiting in the work queue, by priority lane.',
      (queue, priority) => queue.depth(priority),
    );
    this.queueActiveFlows = laneGauge(
      'ferry_workqueue_active_flows',
      'Namespaces with keys due and waiting in the work queue, by priority lane; they take turns.',
      (queue, priority) => queue.activeFlows(priority),
    );
    this.queueLongestWait = laneGauge(
      'ferry_workqueue_longest_wait_seconds',
      'How long the key that has waited longest in each priority lane has been due; it grows while a key starves.',
      (queue, priority) => queue.longestWaitMs(priority) / 1000,
    );
    // Read at scrape time, so it cannot disagree with the elector. Alerts count leader changes with
    // changes(ferry_leader[1h]) summed over the replicas.
    const leading = (): boolean => this.leading();
    this.leader = new Gauge({
      name: 'ferry_leader',
      help: '1 while this replica holds the leader election Lease (or runs without leader election), else 0.',
      registers: [registry],
      collect() {
        this.set(leading() ? 1 : 0);
      },
    });
    // One summary per scrape feeds both gauges; reasons that cleared since the last scrape vanish.
    const notReady = (): ReadonlyMap<string, { count: number; oldestSince: number }> => this.notReady();
    const ageGauge = (): Gauge<'reason'> => this.notReadyAge;
    this.notReadyCount = new Gauge({
      name: 'ferry_externalsecrets_not_ready',
      help: 'ExternalSecrets whose Ready condition is not True, by reason (NotSyncedYet: never reconciled).',
      labelNames: ['reason'],
      registers: [registry],
      collect() {
        const summary = notReady();
        const now = Date.now();
        this.reset();
        ageGauge().reset();
        for (const [reason, { count, oldestSince }] of summary) {
          this.set({ reason }, count);
          if (Number.isFinite(oldestSince))
            ageGauge().set({ reason }, Math.max(0, Math.round((now - oldestSince) / 1000)));
        }
      },
    });
    this.watchStoreGuardGauges(registry);
    this.notReadyAge = new Gauge({
      name: 'ferry_externalsecrets_not_ready_max_age_seconds',
      help: 'How long the longest-failing ExternalSecret of each reason has not been Ready (set with ferry_externalsecrets_not_ready).',
      labelNames: ['reason'],
      registers: [registry],
    });
  }

  /** Says at scrape time which stores have an open circuit or calls in flight. */
  watchStoreGuards(source: () => readonly StoreGuardState[]): void {
    this.storeGuards = source;
  }

  /**
   * Totals over every store, and per-store series for a bounded few (see namedStoresLimit): a store
   * back to normal leaves them at the next scrape.
   */
  private watchStoreGuardGauges(registry: Registry): void {
    const states = (): readonly StoreGuardState[] => this.storeGuards();
    const total = (name: string, help: string, read: (state: StoreGuardState) => number): void => {
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(states().reduce((sum, state) => sum + read(state), 0));
        },
      });
    };
    total(
      'ferry_store_circuits_open',
      'Stores whose circuit is open: their calls are paused while they are probed.',
      (state) => (state.open ? 1 : 0),
    );
    total(
      'ferry_store_calls_in_flight',
      'Provider calls in flight, over every store (each store is bounded by its bulkhead).',
      (state) => state.callsInFlight,
    );
    total(
      'ferry_store_calls_waiting',
      "ExternalSecrets waiting for a slot of their store's bulkhead (without holding a worker).",
      (state) => state.waiting,
    );
    const named = (
      name: string,
      help: string,
      pick: (all: readonly StoreGuardState[]) => StoreGuardState[],
      read: (state: StoreGuardState) => number,
    ): void => {
      new Gauge({
        name,
        help,
        labelNames: ['kind', 'namespace', 'name'],
        registers: [registry],
        collect() {
          this.reset();
          for (const state of pick(states()).slice(0, namedStoresLimit))
            this.set({ ...state.store }, read(state));
        },
      });
    };
    const now = (): number => Date.now();
    named(
      'ferry_store_circuit_open_seconds',
      `How long each store's circuit has been open, for the ${String(namedStoresLimit)} open longest.`,
      (all) => all.filter((state) => state.open).sort((a, b) => (a.openSince ?? 0) - (b.openSince ?? 0)),
      (state) => Math.max(0, Math.round((now() - (state.openSince ?? now())) / 1000)),
    );
    named(
      'ferry_store_calls_in_flight_by_store',
      `Provider calls in flight to each store, for the ${String(namedStoresLimit)} busiest.`,
      (all) =>
        all.filter((state) => state.callsInFlight > 0).sort((a, b) => b.callsInFlight - a.callsInFlight),
      (state) => state.callsInFlight,
    );
  }

  /** Says at scrape time which ExternalSecrets are not Ready, by reason, and since when the oldest. */
  watchNotReady(source: () => ReadonlyMap<string, { count: number; oldestSince: number }>): void {
    this.notReady = source;
  }

  /** Says at scrape time whether this replica is the one reconciling (holds the Lease, or elects no leader). */
  watchLeadership(leading: () => boolean): void {
    this.leading = leading;
  }

  /** Says at scrape time how many provider clients the client cache holds, and their estimated bytes. */
  watchClientCache(size: () => { entries: number; bytes: number }): void {
    this.clientCacheSize = size;
  }

  /** Registers a controller's queue, whose lanes are read at scrape time. */
  watchQueue(controller: string, queue: QueueLanes): void {
    this.queues.set(controller, queue);
  }
}
