import { setTimeout as sleep } from 'node:timers/promises';

/** What a HealthWatch saw: every failed probe, and the longest time without a good answer. */
export interface HealthReport {
  probes: number;
  failures: string[];
  /** Longest time between two answers of 200 (or from the last one to the end of the watch). */
  maxGapMs: number;
}

/**
 * Asks `url` once a second, one request at a time, and records every probe that did not answer
 * 200 within the period: what a kubelet's liveness probe would see, without the kubelet's patience.
 */
export class HealthWatch {
  private readonly url: string;
  private readonly periodMs: number;
  private readonly stopped = new AbortController();
  private readonly loop: Promise<void>;
  private probes = 0;
  private readonly failures: string[] = [];
  private lastOkAt: number;
  private maxGapMs = 0;

  private constructor(url: string, periodMs: number) {
    this.url = url;
    this.periodMs = periodMs;
    this.lastOkAt = performance.now();
    this.loop = this.run();
  }

  static start(url: string, periodMs = 1_000): HealthWatch {
    return new HealthWatch(url, periodMs);
  }

  private async run(): Promise<void> {
    const startedAt = performance.now();
    while (!this.stopped.signal.aborted) {
      const sentAt = performance.now();
      const elapsed = ((sentAt - startedAt) / 1000).toFixed(1);
      this.probes++;
      try {
        const response = await fetch(this.url, { signal: AbortSignal.timeout(this.periodMs) });
        await response.text();
        if (response.status === 200) this.answered();
        else this.failures.push(`${elapsed} s: HTTP ${response.status}`);
      } catch (error) {
        this.failures.push(`${elapsed} s: ${(error as Error).name}: ${(error as Error).message}`);
      }
      const wait = this.periodMs - (performance.now() - sentAt);
      if (wait > 0) await sleep(wait, undefined, { signal: this.stopped.signal }).catch(() => undefined);
    }
  }

  private answered(): void {
    const now = performance.now();
    this.maxGapMs = Math.max(this.maxGapMs, now - this.lastOkAt);
    this.lastOkAt = now;
  }

  /** Ends the watch; the gap still open at the end counts too. */
  async stop(): Promise<HealthReport> {
    this.stopped.abort();
    await this.loop;
    const openGapMs = performance.now() - this.lastOkAt;
    return {
      probes: this.probes,
      failures: [...this.failures],
      maxGapMs: Math.round(Math.max(this.maxGapMs, openGapMs)),
    };
  }
}
