import { describe, expect, it } from 'vitest';
import { AuthError, ProviderError, UnavailableError } from '../../providers/index.ts';
import { ManualClock } from '../../runtime/index.ts';
import { CircuitBreaker, verdictOfFailure } from './circuit-breaker.ts';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A breaker whose probe answers as `server` says, on a clock the test moves. */
function breakerWith(options: { failureThreshold?: number } = {}) {
  const clock = new ManualClock(1_000_000);
  const changes: boolean[] = [];
  const server = { up: false, probes: 0, hang: false };
  const breaker = new CircuitBreaker({
    failureThreshold: options.failureThreshold ?? 3,
    probeIntervalMs: 2_000,
    clock,
    random: () => 0.5,
    onChange: (open) => changes.push(open),
    probe: (signal) => {
      server.probes += 1;
      if (server.hang)
        return new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(new Error('probe timed out')));
        });
      return server.up
        ? Promise.resolve('Ready')
        : Promise.reject(new UnavailableError('connection refused'));
    },
  });
  return { breaker, clock, changes, server };
}

describe('verdictOfFailure', () => {
  it('holds only connection-level failures against the server', () => {
    expect(verdictOfFailure(new UnavailableError('ECONNREFUSED'))).toBe('unanswered');
    // HTTP 403: the server answered; a revoked token is no outage.
    expect(verdictOfFailure(new AuthError('denied (HTTP 403)'))).toBe('answered');
    expect(verdictOfFailure(new ProviderError('ProviderError', 'HTTP 400', { retryable: false }))).toBe(
      'answered',
    );
    // An abort, a pacing or budget error of ours: nothing either way.
    expect(verdictOfFailure(new Error('the operation was aborted'))).toBe('neither');
  });
});

describe('CircuitBreaker', () => {
  it('opens after `failureThreshold` unanswered calls in a row; an answer in between resets the count', () => {
    const { breaker, changes } = breakerWith();
    breaker.record('unanswered');
    breaker.record('unanswered');
    breaker.record('answered');
    breaker.record('unanswered');
    breaker.record('neither');
    breaker.record('unanswered');
    expect(breaker.isOpen).toBe(false);
    breaker.record('unanswered');
    expect(breaker.isOpen).toBe(true);
    expect(breaker.openSince).toBe(1_000_000);
    expect(changes).toEqual([true]);
  });

  it('probes in the background every interval while open, and closes on the first answer', async () => {
    const { breaker, clock, changes, server } = breakerWith({ failureThreshold: 1 });
    breaker.record('unanswered');
    expect(server.probes).toBe(0);
    clock.advance(2_000);
    await settle();
    expect(server.probes).toBe(1);
    expect(breaker.isOpen).toBe(true);
    clock.advance(2_000);
    await settle();
    expect(server.probes).toBe(2);

    server.up = true;
    clock.advance(2_000);
    await settle();
    expect(server.probes).toBe(3);
    expect(breaker.isOpen).toBe(false);
    expect(changes).toEqual([true, false]);
    // Closed: no more probes.
    clock.advance(60_000);
    await settle();
    expect(server.probes).toBe(3);
  });

  it('runs one probe at a time: a hanging probe is not joined by another', async () => {
    const { breaker, clock, server } = breakerWith({ failureThreshold: 1 });
    server.hang = true;
    breaker.record('unanswered');
    for (let step = 0; step < 5; step++) {
      clock.advance(2_000);
      await settle();
    }
    expect(server.probes).toBe(1);
    breaker.stop();
  });

  it('closes when any call gets an answer while open, and stops probing for good on stop()', async () => {
    const { breaker, clock, server } = breakerWith({ failureThreshold: 1 });
    breaker.record('unanswered');
    breaker.record('answered');
    expect(breaker.isOpen).toBe(false);
    expect(breaker.isPristine).toBe(true);
    breaker.record('unanswered');
    breaker.stop();
    clock.advance(10_000);
    await settle();
    expect(server.probes).toBe(0);
  });
});
