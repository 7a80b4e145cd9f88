import { readyConditionOf, type ExternalSecretView } from '../cluster/external-secret-view.ts';
import { exitCode, type Io } from '../command.ts';
import { humanDuration } from '../output/age.ts';
import { styleFor, type Style } from '../output/style.ts';
import { terminalSequence } from '../output/terminal-text.ts';
import type { SyncOutcome } from './wait-for-sync.ts';

const clearLine = terminalSequence('\r') + terminalSequence('[2K');

/**
 * What `ferry sync` tells the user while it waits. On a terminal: one line that ticks the seconds
 * and shows the Ready condition last seen, replaced by the outcome. Piped: plain lines, no ticking.
 * The outcome of a failure goes to stderr, everything else to stdout.
 */
export class SyncProgress {
  private readonly io: Io;
  private readonly style: Style;
  private readonly namespace: string;
  private readonly name: string;
  private readonly startedAt: number;
  private lastSeen: ExternalSecretView | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private timeout = '';

  constructor(io: Io, object: { namespace: string; name: string }, startedAt: number) {
    this.io = io;
    this.style = styleFor(io);
    this.namespace = object.namespace;
    this.name = object.name;
    this.startedAt = startedAt;
  }

  private get object(): string {
    return `${this.namespace}/${this.name}`;
  }

  requested(annotation: string): void {
    this.io.stdout(
      `${this.mark('►', this.style.cyan)}sync requested: ExternalSecret ${this.object} (${annotation})\n`,
    );
  }

  /** `requested`: the ExternalSecret as the request left it, the first thing the progress line shows. */
  waiting(timeout: string, requested: ExternalSecretView): void {
    this.timeout = timeout;
    this.lastSeen = requested;
    if (!this.io.isTerminal) {
      this.io.stdout(`waiting for the operator to sync it (timeout ${timeout})\n`);
      return;
    }
    this.draw();
    this.ticker = setInterval(() => this.draw(), 1000);
  }

  observed(object: ExternalSecretView): void {
    this.lastSeen = object;
    if (this.ticker) this.draw();
  }

  /** Clears the ticking line (before an error is printed). */
  stop(): void {
    if (!this.ticker) return;
    clearInterval(this.ticker);
    this.ticker = undefined;
    this.io.stdout(clearLine);
  }

  /** Prints the outcome and returns the exit code for it. */
  finished(outcome: SyncOutcome): number {
    this.stop();
    const took = preciseDuration(Date.now() - this.startedAt);
    const hint = `ferry explain ${this.name} -n ${this.namespace} shows its history and Events`;
    switch (outcome.kind) {
      case 'synced':
        this.io.stdout(
          `${this.mark('✔', this.style.green)}synced in ${took}: ${outcome.message} (${outcome.reason})\n`,
        );
        return exitCode.ok;
      case 'failed':
        this.io.stderr(
          `${this.mark('✗', this.style.red)}sync failed: ${this.style.red(outcome.reason)}: ${outcome.message}\n  ${hint}\n`,
        );
        return exitCode.failed;
      case 'deleted':
        this.io.stderr(
          `${this.mark('✗', this.style.red)}ExternalSecret ${this.object} was deleted while waiting\n`,
        );
        return exitCode.failed;
      case 'timed-out': {
        // Ferry records a failure once: a sync that fails the same way again leaves the status as it is.
        const stillFailing = outcome.statusUnchanged && readyConditionOf(outcome.last)?.status === 'False';
        const why = stillFailing
          ? 'it was failing this way before the request, and a repeat of the same failure leaves the status as it is'
          : `is Ferry running and watching namespace "${this.namespace}"?`;
        this.io.stderr(
          `${this.mark('✗', this.style.red)}timed out after ${took} waiting for the operator to sync ExternalSecret ${this.object}; last seen: ${describeReady(outcome.last)}\n` +
            `  ${why}; ${hint}\n`,
        );
        return exitCode.failed;
      }
      case 'interrupted':
        this.io.stderr(
          `interrupted after ${took}; the sync request stands and the operator will carry it out (${hint})\n`,
        );
        return exitCode.failed;
    }
  }

  private draw(): void {
    const elapsed = humanDuration(Date.now() - this.startedAt);
    const seen = this.lastSeen ? `; last seen: ${describeReady(this.lastSeen)}` : '';
    this.io.stdout(
      `${clearLine}${this.mark('◎', this.style.cyan)}waiting for the operator to sync it… ${elapsed} (timeout ${this.timeout})${this.style.dim(seen)}`,
    );
  }

  /** A leading symbol on a terminal; nothing when piped, where plain words read better. */
  private mark(symbol: string, paint: (text: string) => string): string {
    return this.io.isTerminal ? `${paint(symbol)} ` : '';
  }
}

/** Tenths of a second while that matters (a sync usually takes one or two), kubectl's ages after that. */
function preciseDuration(ms: number): string {
  return ms < 10_000 ? `${(Math.max(0, ms) / 1000).toFixed(1)}s` : humanDuration(ms);
}

function describeReady(object: ExternalSecretView): string {
  const ready = readyConditionOf(object);
  if (!ready) return 'no Ready condition yet';
  return `Ready ${ready.status} (${ready.reason}): ${ready.message}`;
}
