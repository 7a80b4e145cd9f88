import { isKubeApiError, kubeErrorLogFields } from '../kube/index.ts';
import type { Logger } from '../logging/index.ts';
import { systemClock, type Clock } from './clock.ts';
import { TerminalError } from './terminal-error.ts';
import type { Priority, QueueItem, WorkQueue } from './work-queue.ts';

export { TerminalError };

export interface ReconcileResult {
  /** Come back after this long (the next refresh); omitted: only when something adds the key again. */
  requeueAfterMs?: number;
  /** The lane of that later run; `refresh` unless said otherwise. */
  priority?: Priority;
  /**
   * Come back as soon as this settles, if that is before `requeueAfterMs`: work that waits for a
   * resource (a slot of a store's bulkhead) is woken by it instead of polling, without holding a worker.
   */
  wakeOn?: Promise<unknown>;
}

/**
 * One reconciler per kind, level-based: it re-reads the world for `key` (`namespace/name`) and
 * converges it, never asking which event woke it. A thrown error is retried with backoff; a
 * TerminalError is not. It must stop promptly when `signal` aborts (the operator is shutting down).
 */
export interface Reconciler {
  name: string;
  reconcile(key: string, signal: AbortSignal): Promise<ReconcileResult>;
}

/** How one reconcile ended: `requeue` is a conflict retried soon without counting as a failure. */
export type ReconcileOutcome = 'success' | 'error' | 'terminal' | 'requeue';

export interface ControllerOptions {
  reconciler: Reconciler;
  queue: WorkQueue;
  /** Reconciles running at once, at most one per key. */
  concurrency: number;
  log: Logger;
  clock?: Clock;
  /**
   * Errors that only mean our copy was stale (HTTP 409): the key runs again after
   * `conflictRequeueMs` without growing its backoff. Usually the watch event of the newer version
   * re-adds it sooner.
   */
  isConflict?: (error: unknown) => boolean;
  /** Default 1 s. */
  conflictRequeueMs?: number;
  /** Called after each reconcile; a hook for metrics. */
  onResult?: (key: string, outcome: ReconcileOutcome, durationMs: number) => void;
}

/** Runs a Reconciler over a WorkQueue with bounded concurrency, the way controller-runtime does. */
export class Controller {
  private readonly reconciler: Reconciler;
  private readonly queue: WorkQueue;
  private readonly concurrency: number;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly isConflict: (error: unknown) => boolean;
  private readonly conflictRequeueMs: number;
  private readonly onResult: ControllerOptions['onResult'];
  private readonly inFlight = new Map<string, AbortController>();
  private workers: Promise<void>[] = [];

  constructor(options: ControllerOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1)
      throw new RangeError(`concurrency ${options.concurrency}: expected a whole number of at least 1`);
    this.reconciler = options.reconciler;
    this.queue = options.queue;
    this.concurrency = options.concurrency;
    this.log = options.log.child({ controller: options.reconciler.name });
    this.clock = options.clock ?? systemClock;
    this.isConflict = options.isConflict ?? (() => false);
    this.conflictRequeueMs = options.conflictRequeueMs ?? 1_000;
    this.onResult = options.onResult;
  }

  /** Starts the workers; calling it again does nothing. */
  start(): void {
    if (this.workers.length > 0) return;
    for (let worker = 0; worker < this.concurrency; worker++) this.workers.push(this.work());
  }

  /**
   * Stops handing out keys, lets in-flight reconciles finish for up to `graceMs`, then aborts their
   * signals and waits for them to return.
   */
  async stop(graceMs = 30_000): Promise<void> {
    this.queue.shutDown();
    const drained = this.queue.drain();
    const graceOver = Promise.withResolvers<'grace over'>();
    const timer = this.clock.setTimeout(() => graceOver.resolve('grace over'), graceMs);
    const first = await Promise.race([drained.then(() => 'drained' as const), graceOver.promise]);
    timer.cancel();
    if (first === 'grace over') {
      this.log.warn('aborting in-flight reconciles: the shutdown grace period is over', {
        inFlight: this.inFlight.size,
        graceMs,
      });
      for (const controller of this.inFlight.values())
        controller.abort(new Error('the controller is stopping'));
    }
    await drained;
    await Promise.all(this.workers);
  }

  private async work(): Promise<void> {
    for (let item = await this.queue.get(); item; item = await this.queue.get()) {
      try {
        await this.process(item);
      } catch (error) {
        // process() handles the reconciler's errors; this only keeps a bug in a hook from killing a worker.
        this.log.error('unexpected error in the reconcile loop', { key: item.key, error: messageOf(error) });
      }
    }
  }

  private async process({ key, priority }: QueueItem): Promise<void> {
    const abort = new AbortController();
    this.inFlight.set(key, abort);
    const startedAt = this.clock.now();
    let outcome: ReconcileOutcome;
    try {
      const result = await this.reconciler.reconcile(key, abort.signal);
      outcome = this.succeeded(key, result);
    } catch (error) {
      outcome = this.failed(key, priority, error, abort.signal);
    } finally {
      this.inFlight.delete(key);
      this.queue.done(key);
    }
    this.report(key, outcome, this.clock.now() - startedAt);
  }

  private succeeded(key: string, result: ReconcileResult): ReconcileOutcome {
    this.queue.forget(key);
    const priority = result.priority ?? 'refresh';
    if (result.requeueAfterMs !== undefined) this.queue.addAfter(key, result.requeueAfterMs, priority);
    // The queue merges this with the delayed run above: whichever comes first runs.
    result.wakeOn?.then(
      () => this.queue.add(key, priority),
      () => this.queue.add(key, priority),
    );
    return 'success';
  }

  private failed(key: string, priority: Priority, error: unknown, signal: AbortSignal): ReconcileOutcome {
    const log = this.log.child(keyFields(key));
    if (signal.aborted) {
      log.warn('reconcile aborted by shutdown', { error: messageOf(error) });
      return 'error';
    }
    if (error instanceof TerminalError) {
      this.queue.forget(key);
      log.warn('reconcile failed; not retrying until the object changes', { error: error.message });
      return 'terminal';
    }
    if (this.isConflict(error)) {
      this.queue.addAfter(key, this.conflictRequeueMs, priority);
      log.debug('conflict: our copy was stale; requeueing', { error: messageOf(error) });
      return 'requeue';
    }
    // A never-synced object keeps its lane while it retries; backoff, not the lane, limits its rate.
    const retryInMs = this.queue.addRateLimited(key, priority);
    log.error('reconcile failed; retrying with backoff', {
      error: messageOf(error),
      failures: this.queue.numRequeues(key),
      retryInMs,
    });
    return 'error';
  }

  private report(key: string, outcome: ReconcileOutcome, durationMs: number): void {
    if (!this.onResult) return;
    try {
      this.onResult(key, outcome, durationMs);
    } catch (error) {
      this.log.warn('the onResult hook failed', { error: messageOf(error) });
    }
  }
}

// The message only: an error object can carry a response body or the object itself. An API
// server's error is its status code and reason: its message holds the raw body and headers.
function messageOf(error: unknown): string | Record<string, unknown> {
  if (isKubeApiError(error)) return kubeErrorLogFields(error);
  return error instanceof Error ? error.message : 'a value that is not an Error was thrown';
}

function keyFields(key: string): { namespace?: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
