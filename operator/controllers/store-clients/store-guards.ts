import type { Clock } from '../../runtime/index.ts';
import { CircuitBreaker, StoreUnavailableError, type CallVerdict } from './circuit-breaker.ts';
import { storeEndpoint } from './store-endpoint.ts';
import { StoreBulkhead, type BulkheadSlot } from './store-bulkhead.ts';
import type { AnyStore } from './any-store.ts';

/** Which store: a ClusterSecretStore has no namespace. */
export interface StoreRef {
  kind: AnyStore['kind'];
  namespace: string;
  name: string;
}

export interface StoreGuardOptions {
  /** Provider calls in flight per store (per store and namespace for a ClusterSecretStore). */
  maxCallsInFlight: number;
  /** Unanswered calls in a row that open a store's circuit. */
  failureThreshold: number;
  /** Pause between probes of an open circuit. */
  probeIntervalMs: number;
  /** One health-check call to the store: the probe of its open circuit. */
  probe: (store: AnyStore, signal: AbortSignal) => Promise<unknown>;
  clock?: Clock;
  random?: () => number;
  /** Bulkhead tuning, for tests. */
  holdForWaiterMs?: number;
  busyRetryAfterMs?: number;
}

/** What one store's guard shows the metrics. */
export interface GuardState {
  store: StoreRef;
  open: boolean;
  /** When the circuit opened (epoch ms), while open. */
  openSince: number | undefined;
  callsInFlight: number;
  waiting: number;
}

/** One store's circuit: whether it is open, and what each call that reached the store found. */
export interface StoreCircuit {
  isOpen(): boolean;
  record(verdict: CallVerdict): void;
  /** The error a call fails with while the circuit is open. */
  unavailable(): Error;
}

export type CircuitListener = (store: StoreRef, open: boolean) => void;

/** One store's circuit breaker and its bulkheads (one per namespace of the callers). */
class StoreGuard {
  readonly ref: StoreRef;
  /** The store's uid and generation: an edited store (a new server, perhaps) starts afresh. */
  readonly version: string;
  readonly endpoint: string;
  readonly breaker: CircuitBreaker;
  readonly bulkheads = new Map<string, StoreBulkhead>();
  /** The latest copy of the store, for the probe's client. */
  store: AnyStore;

  constructor(ref: StoreRef, store: AnyStore, makeBreaker: (guard: StoreGuard) => CircuitBreaker) {
    this.ref = ref;
    this.store = store;
    this.version = versionOf(store);
    this.endpoint = storeEndpoint(store.spec.provider);
    this.breaker = makeBreaker(this);
  }

  get idle(): boolean {
    return this.breaker.isPristine && this.bulkheads.size === 0;
  }
}

function versionOf(store: AnyStore): string {
  return `${store.metadata.uid ?? ''}/${String(store.metadata.generation ?? 0)}`;
}

function refOf(store: AnyStore): StoreRef {
  return {
    kind: store.kind,
    namespace: store.kind === 'SecretStore' ? (store.metadata.namespace ?? '') : '',
    name: store.metadata.name ?? '',
  };
}

function idOf(ref: StoreRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/**
 * The bulkheads and circuit breakers of every store in use. A store costs nothing here until a
 * call to it fails or waits: guards of stores that are healthy and idle are dropped, so ten
 * thousand stores keep only the few that are in trouble.
 */
export class StoreGuards {
  private readonly guards = new Map<string, StoreGuard>();
  private readonly listeners: CircuitListener[] = [];
  private readonly options: StoreGuardOptions;

  constructor(options: StoreGuardOptions) {
    if (!Number.isInteger(options.maxCallsInFlight) || options.maxCallsInFlight < 1)
      throw new RangeError(
        `calls in flight per store ${String(options.maxCallsInFlight)}: expected a whole number of at least 1`,
      );
    this.options = options;
  }

  get probeIntervalMs(): number {
    return this.options.probeIntervalMs;
  }

  /** Hears every circuit that opens or closes. */
  onCircuitChange(listener: CircuitListener): void {
    this.listeners.push(listener);
  }

  /**
   * A slot for `key` (a caller in `namespace`) to read from `store` with, released by the caller
   * when its reads are done. Throws StoreUnavailableError while the store's circuit is open, and
   * StoreBusyError when its bulkhead is full.
   */
  enter(store: AnyStore, namespace: string, key: string): BulkheadSlot {
    const guard = this.guardOf(store);
    if (guard.breaker.isOpen) throw this.unavailable(guard);
    const bulkheadKey = store.kind === 'ClusterSecretStore' ? namespace : '';
    let bulkhead = guard.bulkheads.get(bulkheadKey);
    if (!bulkhead) {
      const created = new StoreBulkhead({
        limit: this.options.maxCallsInFlight,
        ...(this.options.clock ? { clock: this.options.clock } : {}),
        ...(this.options.random ? { random: this.options.random } : {}),
        ...(this.options.holdForWaiterMs === undefined
          ? {}
          : { holdForWaiterMs: this.options.holdForWaiterMs }),
        ...(this.options.busyRetryAfterMs === undefined
          ? {}
          : { retryAfterMs: this.options.busyRetryAfterMs }),
        onIdle: () => {
          if (guard.bulkheads.get(bulkheadKey) === created) guard.bulkheads.delete(bulkheadKey);
          this.dropIfIdle(guard);
        },
      });
      bulkhead = created;
      guard.bulkheads.set(bulkheadKey, bulkhead);
    }
    return bulkhead.enter(key);
  }

  /** The circuit of one store version, as the store-client layer sees it (see breakerClient). */
  circuitOf(store: AnyStore): StoreCircuit {
    return {
      isOpen: () => this.existing(store)?.breaker.isOpen ?? false,
      record: (verdict) => {
        // Only a failure makes a healthy store worth remembering.
        const guard = verdict === 'unanswered' ? this.guardOf(store) : this.existing(store);
        if (!guard) return;
        guard.breaker.record(verdict);
        this.dropIfIdle(guard);
      },
      unavailable: () => this.unavailable(this.guardOf(store)),
    };
  }

  /** The message of an open circuit, or undefined when the store's circuit is closed. */
  openCircuitMessage(store: AnyStore): string | undefined {
    const guard = this.existing(store);
    return guard?.breaker.isOpen ? this.unavailable(guard).message : undefined;
  }

  /** The store was deleted: stop probing it. */
  forget(ref: StoreRef): void {
    const id = idOf(ref);
    const guard = this.guards.get(id);
    if (!guard) return;
    this.guards.delete(id);
    guard.breaker.stop();
    for (const bulkhead of guard.bulkheads.values()) bulkhead.wakeAll();
  }

  /** Stops every probe (the operator is stopping). */
  stop(): void {
    for (const guard of this.guards.values()) guard.breaker.stop();
  }

  /** The guards of stores that are in trouble or busy, for the metrics. */
  states(): GuardState[] {
    return [...this.guards.values()].map((guard) => {
      let callsInFlight = 0;
      let waiting = 0;
      for (const bulkhead of guard.bulkheads.values()) {
        callsInFlight += bulkhead.callsInFlight;
        waiting += bulkhead.waiting;
      }
      return {
        store: guard.ref,
        open: guard.breaker.isOpen,
        openSince: guard.breaker.openSince,
        callsInFlight,
        waiting,
      };
    });
  }

  /** The guard of this version of the store, if it has one. */
  private existing(store: AnyStore): StoreGuard | undefined {
    const guard = this.guards.get(idOf(refOf(store)));
    return guard?.version === versionOf(store) ? guard : undefined;
  }

  private guardOf(store: AnyStore): StoreGuard {
    const ref = refOf(store);
    const id = idOf(ref);
    const existing = this.guards.get(id);
    if (existing && existing.version === versionOf(store)) {
      existing.store = store;
      return existing;
    }
    if (existing) this.forget(ref);
    const guard = new StoreGuard(
      ref,
      store,
      (owner) =>
        new CircuitBreaker({
          failureThreshold: this.options.failureThreshold,
          probeIntervalMs: this.options.probeIntervalMs,
          probe: (signal) => this.options.probe(owner.store, signal),
          onChange: (open) => {
            this.circuitChanged(owner, open);
          },
          ...(this.options.clock ? { clock: this.options.clock } : {}),
          ...(this.options.random ? { random: this.options.random } : {}),
        }),
    );
    this.guards.set(id, guard);
    return guard;
  }

  private circuitChanged(guard: StoreGuard, open: boolean): void {
    // Waiters of an open store fail fast now, with the reason, instead of waiting their turn.
    if (open) for (const bulkhead of guard.bulkheads.values()) bulkhead.wakeAll();
    for (const listener of this.listeners) listener(guard.ref, open);
    if (!open) this.dropIfIdle(guard);
  }

  private dropIfIdle(guard: StoreGuard): void {
    const id = idOf(guard.ref);
    if (guard.idle && this.guards.get(id) === guard) this.guards.delete(id);
  }

  private unavailable(guard: StoreGuard): StoreUnavailableError {
    const seconds = Math.max(1, Math.round(this.options.probeIntervalMs / 1000));
    return new StoreUnavailableError(
      `${guard.ref.kind} "${guard.ref.name}": ${guard.endpoint} did not answer ${String(this.options.failureThreshold)} calls in a row (connection refused, reset or timed out), so calls to it are paused; it is tried again every ${String(seconds)} s, and syncs resume as soon as it answers`,
    );
  }
}
