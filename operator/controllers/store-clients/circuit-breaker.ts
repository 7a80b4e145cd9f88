import { ProviderError } from '../../providers/index.ts';
import { systemClock, type Clock, type TimerHandle } from '../../runtime/index.ts';

/**
 * The store's circuit is open: its server failed to answer several calls in a row, so calls to it
 * fail fast instead of holding workers. `reason` is the Ready condition's (ProviderUnavailable).
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  readonly reason = 'ProviderUnavailable';
}

/** What a call's outcome says of the server: it answered, it did not, or nothing (our own doing). */
export type CallVerdict = 'answered' | 'unanswered' | 'neither';

/**
 * A failure counts against the server only when it is the connection-level kind (refused, reset,
 * timed out, unreachable, 5xx): an UnavailableError. Any other provider error is the server
 * answering; anything else (a caller's abort, a pacing or budget error of ours) says nothing.
 */
export function verdictOfFailure(error: unknown): CallVerdict {
  if (!(error instanceof ProviderError)) return 'neither';
  return error.reason === 'Unavailable' ? 'unanswered' : 'answered';
}

export interface CircuitBreakerOptions {
  /** Unanswered calls in a row that open the circuit. */
  failureThreshold: number;
  /** Pause between probes while open (±20 % jitter, so that stores do not probe in step). */
  probeIntervalMs: number;
  /** Longest a probe may take before it counts as unanswered. Default 10 s. */
  probeTimeoutMs?: number;
  /** One health-check call to the store (the client's validate); its outcome goes through `record`. */
  probe: (signal: AbortSignal) => Promise<unknown>;
  /** The circuit opened (`true`) or closed (`false`). */
  onChange?: (open: boolean) => void;
  clock?: Clock;
  random?: () => number;
}

/**
 * A circuit breaker for one store, in the manner of Envoy's outlier detection: `failureThreshold`
 * unanswered calls in a row open it; while open, calls fail fast (`isOpen`) and a probe runs in the
 * background every `probeIntervalMs` — one at a time, holding no worker; the first answer the store
 * gives (to the probe or any other call) closes it. There is no half-open state that lets a
 * caller's call through as the trial: against a server that accepts connections and never answers,
 * that caller would be held for the whole response timeout.
 */
export class CircuitBreaker {
  private failuresInARow = 0;
  private openedAt: number | undefined;
  private probeTimer: TimerHandle | undefined;
  private probing = false;
  private stopped = false;
  private readonly options: CircuitBreakerOptions;
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(options: CircuitBreakerOptions) {
    if (!Number.isInteger(options.failureThreshold) || options.failureThreshold < 1)
      throw new RangeError(
        `failure threshold ${String(options.failureThreshold)}: expected a whole number of at least 1`,
      );
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
  }

  get isOpen(): boolean {
    return this.openedAt !== undefined;
  }

  /** When the circuit opened (epoch ms); undefined while closed. */
  get openSince(): number | undefined {
    return this.openedAt;
  }

  /** True while closed with no failure counted: nothing to remember about the store. */
  get isPristine(): boolean {
    return this.openedAt === undefined && this.failuresInARow === 0 && !this.probing;
  }

  record(verdict: CallVerdict): void {
    if (verdict === 'neither' || this.stopped) return;
    if (verdict === 'answered') {
      this.failuresInARow = 0;
      if (this.openedAt !== undefined) this.close();
      return;
    }
    this.failuresInARow += 1;
    if (this.openedAt === undefined && this.failuresInARow >= this.options.failureThreshold) this.open();
  }

  /** Stops probing for good (the store was deleted or changed). */
  stop(): void {
    this.stopped = true;
    this.probeTimer?.cancel();
    this.probeTimer = undefined;
  }

  private open(): void {
    this.openedAt = this.clock.now();
    this.scheduleProbe();
    this.options.onChange?.(true);
  }

  private close(): void {
    this.openedAt = undefined;
    this.probeTimer?.cancel();
    this.probeTimer = undefined;
    this.options.onChange?.(false);
  }

  private scheduleProbe(): void {
    if (this.stopped || this.probing || this.probeTimer) return;
    const delay = this.options.probeIntervalMs * (0.8 + 0.4 * this.random());
    this.probeTimer = this.clock.setTimeout(() => {
      this.probeTimer = undefined;
      void this.runProbe();
    }, delay);
  }

  private async runProbe(): Promise<void> {
    if (this.openedAt === undefined || this.stopped) return;
    this.probing = true;
    const signal = AbortSignal.timeout(this.options.probeTimeoutMs ?? 10_000);
    try {
      await this.options.probe(signal);
      this.record('answered');
    } catch (error) {
      // A probe cut short by its own timeout is the server not answering.
      this.record(signal.aborted ? 'unanswered' : verdictOfFailure(error));
    } finally {
      this.probing = false;
      if (this.isOpen) this.scheduleProbe();
    }
  }
}
