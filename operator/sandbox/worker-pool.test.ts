import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { JobFailedError, JobStoppedError, WorkerPool } from './index.ts';
import type { Chore, ChoreResult } from './test-workers/chores-worker.ts';

const choresWorker = new URL('./test-workers/chores-worker.ts', import.meta.url);
const brokenWorker = new URL('./test-workers/broken-worker.ts', import.meta.url);
const pools: WorkerPool<unknown, unknown>[] = [];

function pool(
  size: number,
  script = choresWorker,
  maxOldGenerationSizeMb = 32,
): WorkerPool<Chore, ChoreResult> {
  const created = new WorkerPool<Chore, ChoreResult>({
    name: 'test',
    script,
    size,
    resourceLimits: { maxOldGenerationSizeMb, maxYoungGenerationSizeMb: 4 },
  });
  pools.push(created as WorkerPool<unknown, unknown>);
  return created;
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected the job to fail');
    },
    (error: unknown) => error as Error,
  );
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((each) => each.close()));
});

describe('WorkerPool', () => {
  it('runs a job in a worker thread and moves the buffers it transfers', async () => {
    const workers = pool(1);
    const echoed = await workers.run({ kind: 'echo', value: 'hello' }, { deadlineMs: 5_000 });
    expect(echoed.value).toBe('hello');
    expect(echoed.threadId).not.toBe(0);
    const { bytes } = await workers.run({ kind: 'bytes', size: 1 << 20 }, { deadlineMs: 5_000 });
    expect(bytes?.length).toBe(1 << 20);
    expect(bytes?.[12345]).toBe(7);
  });

  it('stops a job that never ends at its deadline, keeps the event loop turning, then serves the next job', async () => {
    const workers = pool(1);
    await workers.run({ kind: 'echo', value: 'warm' }, { deadlineMs: 5_000 }); // loaded: the deadline times the job alone
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    const started = performance.now();
    const failure = await failureOf(workers.run({ kind: 'spin' }, { deadlineMs: 300 }));
    const tookMs = performance.now() - started;
    clearInterval(ticker);
    expect(failure).toBeInstanceOf(JobStoppedError);
    expect((failure as JobStoppedError).why).toBe('deadline');
    expect(failure.message).toContain('deadline of 300 ms');
    expect(tookMs).toBeGreaterThanOrEqual(290);
    expect(tookMs).toBeLessThan(2_000);
    expect(ticks).toBeGreaterThanOrEqual(5);
    const next = await workers.run({ kind: 'echo', value: 'after' }, { deadlineMs: 5_000 });
    expect(next.value).toBe('after');
  });

  it('fails a job that allocates without end as out of memory; the main thread’s heap is untouched', async () => {
    const workers = pool(1, choresWorker, 24);
    await workers.run({ kind: 'echo', value: 'warm' }, { deadlineMs: 5_000 });
    const heapBefore = process.memoryUsage().heapUsed;
    const failure = await failureOf(workers.run({ kind: 'hoard' }, { deadlineMs: 30_000 }));
    expect(failure).toBeInstanceOf(JobStoppedError);
    expect((failure as JobStoppedError).why).toBe('memory');
    expect(failure.message).toContain('heap limit 24 MiB');
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(8 * 1024 * 1024);
    const next = await workers.run({ kind: 'echo', value: 'after' }, { deadlineMs: 5_000 });
    expect(next.value).toBe('after');
  });

  it('runs as many jobs at once as it has workers, and queues the rest in order', async () => {
    const workers = pool(2);
    expect(workers.threads).toBe(0); // started when a job first needs one
    const finished: number[] = [];
    const started = performance.now();
    const results = await Promise.all(
      [0, 1, 2, 3].map(async (index) => {
        const result = await workers.run({ kind: 'sleep', ms: 300 }, { deadlineMs: 5_000 });
        finished.push(index);
        return result;
      }),
    );
    const tookMs = performance.now() - started;
    // Two rounds of two: two threads, and the first two jobs finish first.
    expect(new Set(results.map((result) => result.threadId)).size).toBe(2);
    expect(workers.threads).toBe(2);
    expect(new Set(finished.slice(0, 2))).toEqual(new Set([0, 1]));
    expect(tookMs).toBeGreaterThanOrEqual(590);
  });

  it('a job whose handler throws fails alone; its worker stays and serves the next job', async () => {
    const workers = pool(1);
    const before = await workers.run({ kind: 'echo', value: 'x' }, { deadlineMs: 5_000 });
    const failure = await failureOf(workers.run({ kind: 'throw', message: 'no' }, { deadlineMs: 5_000 }));
    expect(failure).toBeInstanceOf(JobFailedError);
    expect((failure as JobFailedError).errorName).toBe('RangeError');
    expect(failure.message).toBe('no');
    const after = await workers.run({ kind: 'echo', value: 'y' }, { deadlineMs: 5_000 });
    expect(after.threadId).toBe(before.threadId);
  });

  it('a worker that exits fails its job as crashed and is replaced', async () => {
    const workers = pool(1);
    const before = await workers.run({ kind: 'echo', value: 'x' }, { deadlineMs: 5_000 });
    const failure = await failureOf(workers.run({ kind: 'exit' }, { deadlineMs: 5_000 }));
    expect((failure as JobStoppedError).why).toBe('crashed');
    expect(failure.message).toContain('code 3');
    const after = await workers.run({ kind: 'echo', value: 'y' }, { deadlineMs: 5_000 });
    expect(after.threadId).not.toBe(before.threadId);
  });

  it('a worker that cannot load fails one queued job per attempt instead of restarting for ever', async () => {
    const workers = pool(1, brokenWorker);
    const failures = await Promise.all(
      [1, 2].map((value) =>
        failureOf(workers.run({ kind: 'echo', value: String(value) }, { deadlineMs: 5_000 })),
      ),
    );
    for (const failure of failures) {
      expect((failure as JobStoppedError).why).toBe('crashed');
      expect(failure.message).toContain('this worker cannot start');
    }
  });

  it('an aborted job leaves the queue, or has its worker stopped when it runs', async () => {
    const workers = pool(1);
    const running = new AbortController();
    const queued = new AbortController();
    const spin = failureOf(workers.run({ kind: 'spin' }, { deadlineMs: 60_000, signal: running.signal }));
    const waiting = failureOf(
      workers.run({ kind: 'echo', value: 'x' }, { deadlineMs: 5_000, signal: queued.signal }),
    );
    queued.abort(new Error('not needed any more'));
    expect((await waiting).message).toBe('not needed any more');
    running.abort(new Error('shutting down'));
    expect((await spin).message).toBe('shutting down');
    expect((await workers.run({ kind: 'echo', value: 'z' }, { deadlineMs: 5_000 })).value).toBe('z');
  });

  it('close() fails running and queued jobs as closed, stops every worker, and refuses new jobs', async () => {
    const workers = pool(1);
    const spin = failureOf(workers.run({ kind: 'spin' }, { deadlineMs: 60_000 }));
    const queued = failureOf(workers.run({ kind: 'echo', value: 'x' }, { deadlineMs: 5_000 }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    await workers.close();
    expect(performance.now() - started).toBeLessThan(2_000);
    for (const failure of [await spin, await queued]) expect((failure as JobStoppedError).why).toBe('closed');
    const refused = await failureOf(workers.run({ kind: 'echo', value: 'y' }, { deadlineMs: 5_000 }));
    expect((refused as JobStoppedError).why).toBe('closed');
  });

  it('idle workers do not keep the process alive', async () => {
    // A process that runs one job and forgets to close its pool still exits on its own.
    const script = `
      import { WorkerPool } from ${JSON.stringify(new URL('./index.ts', import.meta.url).href)};
      const pool = new WorkerPool({ name: 'exit', script: new URL(${JSON.stringify(choresWorker.href)}), size: 1, resourceLimits: {} });
      const { value } = await pool.run({ kind: 'echo', value: 'done' }, { deadlineMs: 5000 });
      console.log(value);`;
    const file = join(mkdtempSync(join(tmpdir(), 'worker-pool-')), 'forgets-to-close.mjs');
    writeFileSync(file, script);
    const { stdout } = await promisify(execFile)(process.execPath, [file], { timeout: 20_000 });
    rmSync(dirname(file), { recursive: true });
    expect(stdout.trim()).toBe('done');
  });
});
