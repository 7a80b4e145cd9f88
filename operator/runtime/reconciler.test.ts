import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';

import type { LogFields, Logger } from '../logging/index.ts';
import { ManualClock } from './clock.ts';
import { Controller, TerminalError, type ReconcileOutcome, type ReconcileResult } from './reconciler.ts';
import { WorkQueue, type Priority } from './work-queue.ts';

interface LogEntry {
  level: string;
  message: string;
  fields: LogFields;
}

function recordingLogger(entries: LogEntry[], context: LogFields = {}): Logger {
  const write = (level: string) => (message: string, fields?: LogFields) =>
    entries.push({ level, message, fields: { ...context, ...fields } });
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    child: (fields) => recordingLogger(entries, { ...context, ...fields }),
  };
}

// Promise callbacks of the loop all run before the next macrotask; no timers, no sleeping.
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

type Handler = (key: string, signal: AbortSignal) => Promise<ReconcileResult> | ReconcileResult;

/** Runs a Controller over a fake world on a ManualClock and records what happened. */
function harness(
  handler: Handler,
  options: { concurrency?: number; isConflict?: (error: unknown) => boolean } = {},
) {
  const clock = new ManualClock();
  const logs: LogEntry[] = [];
  const runs: { key: string; priority: Priority | undefined; at: number }[] = [];
  const results: { key: string; outcome: ReconcileOutcome; durationMs: number }[] = [];
  const lastPriority = new Map<string, Priority>();
  const running = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  let maxRunsOfOneKey = 0;
  const queue = new WorkQueue({
    clock,
    random: () => 0,
    onDequeue: (key, _wait, priority) => lastPriority.set(key, priority),
  });
  const controller = new Controller({
    reconciler: {
      name: 'test',
      async reconcile(key, signal) {
        runs.push({ key, priority: lastPriority.get(key), at: clock.now() });
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        running.set(key, (running.get(key) ?? 0) + 1);
        maxRunsOfOneKey = Math.max(maxRunsOfOneKey, running.get(key) ?? 0);
        try {
          return await handler(key, signal);
        } finally {
          inFlight--;
          running.set(key, (running.get(key) ?? 1) - 1);
        }
      },
    },
    queue,
    concurrency: options.concurrency ?? 4,
    log: recordingLogger(logs),
    clock,
    ...(options.isConflict ? { isConflict: options.isConflict } : {}),
    onResult: (key, outcome, durationMs) => results.push({ key, outcome, durationMs }),
  });
  controller.start();
  return {
    clock,
    queue,
    controller,
    logs,
    runs,
    results,
    runsOf: (key: string) => runs.filter((run) => run.key === key),
    maxInFlight: () => maxInFlight,
    maxRunsOfOneKey: () => maxRunsOfOneKey,
  };
}

/** A reconcile that finishes only when the test says so. */
function gate() {
  const waiting: (() => void)[] = [];
  return {
    handler: async (): Promise<ReconcileResult> => {
      await new Promise<void>((resolve) => waiting.push(resolve));
      return {};
    },
    get waiting() {
      return waiting.length;
    },
    releaseAll: () => {
      for (const resolve of waiting.splice(0)) resolve();
    },
    releaseOne: () => waiting.shift()?.(),
  };
}

describe('Controller', () => {
  it('runs at most `concurrency` reconciles at once and every queued key once', async () => {
    const slow = gate();
    const world = harness(slow.handler, { concurrency: 3 });
    for (let index = 0; index < 20; index++) world.queue.add(`ns/${index}`, 'new');

    await settle();
    expect(slow.waiting).toBe(3);
    while (world.runs.length < 20 || slow.waiting > 0) {
      slow.releaseOne();
      await settle();
    }

    expect(world.maxInFlight()).toBe(3);
    expect(new Set(world.runs.map((run) => run.key)).size).toBe(20);
    expect(world.runs).toHaveLength(20);
  });

  it('never runs one key twice at once: re-adds during a slow run make exactly one more run', async () => {
    const slow = gate();
    const world = harness(slow.handler, { concurrency: 4 });
    world.queue.add('ns/a', 'new');
    await settle();

    for (let index = 0; index < 5; index++) world.queue.add('ns/a', 'drift');
    await settle();
    expect(world.runsOf('ns/a')).toHaveLength(1);

    slow.releaseAll();
    await settle();
    slow.releaseAll();
    await settle();
    expect(world.runsOf('ns/a').map((run) => run.priority)).toEqual(['new', 'drift']);
    expect(world.maxRunsOfOneKey()).toBe(1);
  });

  it('serves a new object next even while 10,000 refreshes are queued ahead of it', async () => {
    const slow = gate();
    const world = harness(slow.handler, { concurrency: 1 });
    world.queue.add('busy/first', 'refresh');
    await settle();
    for (let index = 0; index < 10_000; index++) world.queue.add(`load/es-${index}`, 'refresh');
    world.queue.add('team/repair-me', 'drift');
    world.queue.add('team/just-created', 'new');

    for (let step = 0; step < 3; step++) {
      slow.releaseAll();
      await settle();
    }
    expect(world.runs.slice(0, 4).map((run) => run.key)).toEqual([
      'busy/first',
      'team/just-created',
      'team/repair-me',
      'load/es-0',
    ]);
  });

  it('comes back after requeueAfterMs as a refresh, and not at all when not asked', async () => {
    const world = harness((key) => (key === 'ns/periodic' ? { requeueAfterMs: 60_000 } : {}));
    world.queue.add('ns/periodic', 'new');
    world.queue.add('ns/once', 'new');
    await settle();

    world.clock.advance(59_999);
    await settle();
    expect(world.runsOf('ns/periodic')).toHaveLength(1);
    world.clock.advance(1);
    await settle();
    world.clock.advance(60_000);
    await settle();

    expect(world.runsOf('ns/periodic').map((run) => [run.at, run.priority])).toEqual([
      [0, 'new'],
      [60_000, 'refresh'],
      [120_000, 'refresh'],
    ]);
    expect(world.runsOf('ns/once')).toHaveLength(1);
  });

  it('uses the priority the result asks for', async () => {
    let first = true;
    const world = harness(() => {
      if (!first) return {};
      first = false;
      return { requeueAfterMs: 10, priority: 'drift' };
    });
    world.queue.add('ns/a', 'new');
    await settle();
    world.clock.advance(10);
    await settle();
    expect(world.runsOf('ns/a').map((run) => run.priority)).toEqual(['new', 'drift']);
  });

  it('comes back as soon as wakeOn settles, before requeueAfterMs, and only once', async () => {
    const slot = Promise.withResolvers<undefined>();
    let first = true;
    const world = harness(() => {
      if (!first) return {};
      first = false;
      return { requeueAfterMs: 60_000, priority: 'new', wakeOn: slot.promise };
    });
    world.queue.add('ns/waiting', 'new');
    await settle();
    world.clock.advance(1_000);
    await settle();
    expect(world.runsOf('ns/waiting')).toHaveLength(1);

    slot.resolve(undefined);
    await settle();
    expect(world.runsOf('ns/waiting').map((run) => [run.at, run.priority])).toEqual([
      [0, 'new'],
      [1_000, 'new'],
    ]);
    // The delayed fallback was merged into the wake-up: no third run.
    world.clock.advance(60_000);
    await settle();
    expect(world.runsOf('ns/waiting')).toHaveLength(2);
  });

  it('retries a failure with growing backoff, and a success resets it', async () => {
    let failuresLeft = 4;
    const world = harness(() => {
      if (failuresLeft-- > 0) throw new Error('store unavailable');
      return {};
    });
    world.queue.add('ns/a', 'new');
    await settle();
    for (let step = 0; step < 40; step++) {
      world.clock.advance(500);
      await settle();
    }

    const at = world.runsOf('ns/a').map((run) => run.at);
    expect(at).toEqual([0, 1_000, 3_000, 7_000, 15_000]);
    expect(world.queue.numRequeues('ns/a')).toBe(0);
    expect(world.results.map((result) => result.outcome)).toEqual([
      'error',
      'error',
      'error',
      'error',
      'success',
    ]);
  });

  it('keeps a never-synced object in its lane while it retries', async () => {
    let failed = false;
    const world = harness(() => {
      if (failed) return {};
      failed = true;
      throw new Error('store unavailable');
    });
    world.queue.add('ns/a', 'new');
    await settle();
    world.clock.advance(1_000);
    await settle();
    expect(world.runsOf('ns/a').map((run) => run.priority)).toEqual(['new', 'new']);
  });

  it('logs the error message with the key, never the error object', async () => {
    const world = harness(() => {
      const error = new Error('permission denied reading the secret');
      Object.assign(error, { response: { body: 'password=hunter2' } });
      throw error;
    });
    world.queue.add('team-a/db', 'new');
    await settle();

    const failure = world.logs.find((entry) => entry.level === 'error');
    expect(failure?.fields).toMatchObject({
      controller: 'test',
      namespace: 'team-a',
      name: 'db',
      error: 'permission denied reading the secret',
      retryInMs: 1_000,
    });
    expect(JSON.stringify(world.logs)).not.toContain('hunter2');
  });

  it('logs an error the API server answered by status code and reason, never its body or headers', async () => {
    const world = harness(() => {
      // As client-node's generated clients throw it: the body and headers are in its message.
      throw new ApiException(
        409,
        'Unknown API Status Code!',
        JSON.stringify({
          kind: 'Status',
          reason: 'Conflict',
          message: 'the object has been modified',
          code: 409,
        }),
        { 'audit-id': 'planted-audit-id-7f3a' },
      );
    });
    world.queue.add('team-a/db', 'new');
    await settle();

    const failure = world.logs.find((entry) => entry.level === 'error');
    expect(failure?.fields['error']).toEqual({ code: 409, reason: 'Conflict' });
    expect(JSON.stringify(world.logs)).not.toContain('planted-audit-id');
  });

  it('does not retry a TerminalError until the key is added again', async () => {
    const world = harness(() => {
      throw new TerminalError('spec.data[0].remoteRef.key is empty');
    });
    world.queue.add('ns/bad', 'new');
    await settle();
    world.clock.advance(3_600_000);
    await settle();
    expect(world.runsOf('ns/bad')).toHaveLength(1);
    expect(world.queue.numRequeues('ns/bad')).toBe(0);
    expect(world.results.map((result) => result.outcome)).toEqual(['terminal']);

    world.queue.add('ns/bad', 'new');
    await settle();
    expect(world.runsOf('ns/bad')).toHaveLength(2);
  });

  it('survives reconcilers that throw synchronously or reject', async () => {
    const world = harness(
      (key) => {
        if (key === 'ns/sync-throw') throw new Error('thrown before any await');
        if (key === 'ns/reject') return Promise.reject(new Error('rejected'));
        return {};
      },
      { concurrency: 1 },
    );
    for (const key of ['ns/sync-throw', 'ns/reject', 'ns/fine']) world.queue.add(key, 'new');
    await settle();

    expect(world.results.map((result) => [result.key, result.outcome])).toEqual([
      ['ns/sync-throw', 'error'],
      ['ns/reject', 'error'],
      ['ns/fine', 'success'],
    ]);
    world.clock.advance(1_000);
    await settle();
    expect(world.runsOf('ns/sync-throw')).toHaveLength(2);
  });

  it('survives a thrown value that is not an Error, logging no part of it', async () => {
    const world = harness(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a careless library might
      throw { token: 's3cr3t' };
    });
    world.queue.add('ns/a', 'new');
    await settle();
    expect(world.results.map((result) => result.outcome)).toEqual(['error']);
    expect(JSON.stringify(world.logs)).not.toContain('s3cr3t');
  });

  it('requeues a conflict soon without growing the backoff', async () => {
    class Conflict extends Error {}
    let conflicts = 2;
    const world = harness(
      () => {
        if (conflicts-- > 0) throw new Conflict('the object has been modified');
        return {};
      },
      { isConflict: (error) => error instanceof Conflict },
    );
    world.queue.add('ns/a', 'new');
    await settle();
    expect(world.queue.numRequeues('ns/a')).toBe(0);
    for (let step = 0; step < 2; step++) {
      world.clock.advance(1_000);
      await settle();
    }

    expect(world.runsOf('ns/a').map((run) => run.at)).toEqual([0, 1_000, 2_000]);
    expect(world.results.map((result) => result.outcome)).toEqual(['requeue', 'requeue', 'success']);
    expect(world.logs.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('reports how long each reconcile took', async () => {
    const slow = gate();
    const world = harness(slow.handler);
    world.queue.add('ns/slow', 'new');
    await settle();
    world.clock.advance(250);
    slow.releaseAll();
    await settle();

    expect(world.results).toEqual([{ key: 'ns/slow', outcome: 'success', durationMs: 250 }]);
  });

  describe('stop', () => {
    it('hands out no more keys and waits for in-flight reconciles to finish', async () => {
      const slow = gate();
      const world = harness(slow.handler, { concurrency: 2 });
      world.queue.add('ns/a', 'new');
      world.queue.add('ns/b', 'new');
      world.queue.add('ns/c', 'new');
      await settle();

      let stopped = false;
      const stopping = world.controller.stop(30_000).then(() => (stopped = true));
      world.queue.add('ns/d', 'new');
      await settle();
      expect(stopped).toBe(false);

      slow.releaseAll();
      await stopping;
      expect(world.runs.map((run) => run.key)).toEqual(['ns/a', 'ns/b']);
      expect(world.results.map((result) => result.outcome)).toEqual(['success', 'success']);
    });

    it('aborts reconciles still running after the grace period, then waits for them', async () => {
      const world = harness(
        (_key, signal) =>
          new Promise<ReconcileResult>((_resolve, reject) => {
            signal.addEventListener('abort', () => reject(new Error('aborted')));
          }),
      );
      world.queue.add('ns/stuck', 'new');
      await settle();

      let stopped = false;
      const stopping = world.controller.stop(5_000).then(() => (stopped = true));
      world.clock.advance(4_999);
      await settle();
      expect(stopped).toBe(false);

      world.clock.advance(1);
      await stopping;
      expect(world.logs.some((entry) => entry.message.includes('grace period is over'))).toBe(true);
      // Aborted by shutdown: not a failure to retry.
      expect(world.queue.numRequeues('ns/stuck')).toBe(0);
    });

    it('stops at once when nothing is running', async () => {
      const world = harness(() => ({}));
      await world.controller.stop();
      world.queue.add('ns/a', 'new');
      await settle();
      expect(world.runs).toEqual([]);
    });
  });

  it('rejects a concurrency that is not a whole number of at least 1', () => {
    const options = {
      reconciler: { name: 'x', reconcile: () => Promise.resolve({}) },
      queue: new WorkQueue(),
      log: recordingLogger([]),
    };
    expect(() => new Controller({ ...options, concurrency: 0 })).toThrow(/at least 1/);
    expect(() => new Controller({ ...options, concurrency: 2.5 })).toThrow(RangeError);
  });
});
