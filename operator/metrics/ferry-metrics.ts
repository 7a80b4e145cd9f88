import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export const queuePriorities = ['new', 'drift', 'refresh'] as const;

/**
 * Ferry's own metrics. Labels are bounded sets (controller, kind, result, provider, operation,
 * priority, informer): never an object name, so cardinality does not grow with the cluster.
 */
export class FerryMetrics {
  readonly syncs: Counter<'kind' | 'result'>;
  readonly reconcileDuration: Histogram<'controller' | 'outcome'>;
  readonly queueWait: Histogram<'controller' | 'priority'>;
  readonly providerCalls: Counter<'provider' | 'operation' | 'result'>;
  readonly informerRestarts: Counter<'informer'>;
  private readonly queueDepth: Gauge<'controller' | 'priority'>;
  private readonly depthSources = new Map<string, (priority: (typeof queuePriorities)[number]) => number>();
  private readonly leader: Gauge;
  private leading: () => boolean = () => false;
  private readonly notReadyCount: Gauge<'reason'>;
  private readonly notReadyAge: Gauge<'reason'>;
  private notReady: () => ReadonlyMap<string, { count: number; oldestSince: number }> = () => new Map();

  constructor(registry: Registry) {
    this.syncs = new Counter({
      name: 'ferry_sync_total',
      help: 'Sync outcomes of ExternalSecrets: created, updated, unchanged, deleted, failed.',
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
    const depthSources = this.depthSources;
    this.queueDepth = new Gauge({
      name: 'ferry_workqueue_depth',
      help: 'Keys due and waiting in the work queue, by priority lane.',
      labelNames: ['controller', 'priority'],
      registers: [registry],
      collect() {
        for (const [controller, depth] of depthSources) {
          for (const priority of queuePriorities) this.set({ controller, priority }, depth(priority));
        }
      },
    });
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
    this.notReadyAge = new Gauge({
      name: 'ferry_externalsecrets_not_ready_max_age_seconds',
      help: 'How long the longest-failing ExternalSecret of each reason has not been Ready (set with ferry_externalsecrets_not_ready).',
      labelNames: ['reason'],
      registers: [registry],
    });
  }

  /** Says at scrape time which ExternalSecrets are not Ready, by reason, and since when the oldest. */
  watchNotReady(source: () => ReadonlyMap<string, { count: number; oldestSince: number }>): void {
    this.notReady = source;
  }

  /** Says at scrape time whether this replica is the one reconciling (holds the Lease, or elects no leader). */
  watchLeadership(leading: () => boolean): void {
    this.leading = leading;
  }

  /** Registers a queue whose depth is read at scrape time. */
  watchQueueDepth(controller: string, depth: (priority: (typeof queuePriorities)[number]) => number): void {
    this.depthSources.set(controller, depth);
  }
}
