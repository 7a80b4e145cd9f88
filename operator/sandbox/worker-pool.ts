import { Worker, type ResourceLimits } from 'node:worker_threads';
import { JobFailedError, JobStoppedError, type StopCause } from './job-stopped.ts';
import type { JobMessage, WorkerMessage } from './protocol.ts';

export interface WorkerPoolOptions {
  /** Names the pool in thread names and messages, such as "render". */
  name: string;
  /** The worker's module: a file that calls serveJobs once its imports are loaded. */
  script: URL;
  /** Workers running at most; each is started when a job first needs it. */
  size: number;
  /** Each worker's V8 limits: a worker over them stops, and is replaced. */
  resourceLimits: ResourceLimits;
  /** Handed to every worker as workerData. */
  workerData?: unknown;
}

export interface RunOptions {
  /** How long the job may run once a worker took it (the wait for a free worker does not count). */
  deadlineMs: number;
  /** Aborting takes the job out of the queue, or stops its worker. */
  signal?: AbortSignal | undefined;
}

interface Job<In, Out> {
  input: In;
  options: RunOptions;
  resolve: (output: Out) => void;
  reject: (error: Error) => void;
}

interface Running<In, Out> extends Job<In, Out> {
  id: number;
  deadline: NodeJS.Timeout;
  stopOnAbort: () => void;
}

interface PoolWorker<In, Out> {
  thread: Worker;
  /** Its modules are loaded: it takes jobs. */
  ready: boolean;
  job: Running<In, Out> | undefined;
  /** What the thread reported before it exited (ERR_WORKER_OUT_OF_MEMORY, a load error). */
  failure: Error | undefined;
}

/**
 * A few worker threads that run jobs the main thread must be able to stop: each job runs alone in
 * its worker, under the worker's heap limit and the job's deadline. A job past its deadline has its
 * worker terminated; a worker that dies (out of memory, crashed) fails its job only. Either way the
 * worker is replaced when the next job needs one, and the event loop never waits on a job: jobs
 * queue as promises until a worker is free.
 */
export class WorkerPool<In, Out> {
  private readonly options: WorkerPoolOptions;
  private readonly workers = new Set<PoolWorker<In, Out>>();
  private queue: Job<In, Out>[] = [];
  /** Workers being terminated; close() waits for them. */
  private readonly stopping = new Set<Promise<unknown>>();
  private nextId = 0;
  private closed = false;

  constructor(options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new Error(`worker pool ${options.name}: size must be a whole number of at least 1`);
    }
    this.options = options;
  }

  /** Worker threads started and not stopped: starting, idle or busy. */
  get threads(): number {
    return this.workers.size;
  }

  /** Runs `input` in a worker; rejects with JobStoppedError when the worker was stopped. */
  run(input: In, options: RunOptions): Promise<Out> {
    if (this.closed) return Promise.reject(this.stoppedError('closed'));
    if (options.signal?.aborted) return Promise.reject(abortReason(options.signal));
    return new Promise<Out>((resolve, reject) => {
      const job: Job<In, Out> = { input, options, resolve, reject };
      const leaveQueue = (): void => {
        const index = this.queue.indexOf(job);
        if (index === -1) return;
        this.queue.splice(index, 1);
        if (options.signal) reject(abortReason(options.signal));
      };
      options.signal?.addEventListener('abort', leaveQueue, { once: true });
      job.resolve = (output) => {
        options.signal?.removeEventListener('abort', leaveQueue);
        resolve(output);
      };
      job.reject = (error) => {
        options.signal?.removeEventListener('abort', leaveQueue);
        reject(error);
      };
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Fails the queued and running jobs (JobStoppedError 'closed') and terminates every worker. */
  async close(): Promise<void> {
    this.closed = true;
    const queued = this.queue;
    this.queue = [];
    for (const job of queued) job.reject(this.stoppedError('closed'));
    for (const worker of [...this.workers]) this.stop(worker, this.stoppedError('closed'));
    await Promise.all(this.stopping);
  }

  private dispatch(): void {
    if (this.closed) return;
    for (const worker of this.workers) {
      const job = worker.ready && !worker.job ? this.queue.shift() : undefined;
      if (job) this.start(worker, job);
    }
    const starting = [...this.workers].filter((worker) => !worker.ready).length;
    const wanted = Math.min(this.queue.length - starting, this.options.size - this.workers.size);
    for (let i = 0; i < wanted; i++) this.spawn();
  }

  private spawn(): void {
    const { script, workerData, resourceLimits, name } = this.options;
    const thread = new Worker(script, { workerData, resourceLimits, name: `${name}-worker` });
    const worker: PoolWorker<In, Out> = { thread, ready: false, job: undefined, failure: undefined };
    // A worker keeps the process alive while a job waits for it or runs in it, never when idle.
    thread.on('message', (message: WorkerMessage<Out>) => this.received(worker, message));
    thread.on('error', (error: Error) => {
      worker.failure = error;
    });
    thread.on('exit', (code) => this.exited(worker, code));
    this.workers.add(worker);
  }

  private start(worker: PoolWorker<In, Out>, job: Job<In, Out>): void {
    const id = ++this.nextId;
    const { deadlineMs, signal } = job.options;
    const running: Running<In, Out> = {
      ...job,
      id,
      deadline: setTimeout(() => this.stop(worker, this.stoppedError('deadline', deadlineMs)), deadlineMs),
      stopOnAbort: () => {
        if (signal) this.stop(worker, abortReason(signal));
      },
    };
    signal?.addEventListener('abort', running.stopOnAbort, { once: true });
    worker.job = running;
    worker.thread.ref();
    try {
      worker.thread.postMessage({ id, input: job.input } satisfies JobMessage<In>);
    } catch (error) {
      // The input cannot be cloned (a programming error): this job fails, the worker stays.
      this.settle(worker)?.reject(error instanceof Error ? error : new Error(String(error)));
      this.dispatch();
    }
  }

  private received(worker: PoolWorker<In, Out>, message: WorkerMessage<Out>): void {
    if ('ready' in message) {
      worker.ready = true;
      worker.thread.unref();
      this.dispatch();
      return;
    }
    if (worker.job?.id !== message.id) return;
    const job = this.settle(worker);
    if ('failed' in message) job?.reject(new JobFailedError(message.failed.name, message.failed.message));
    else job?.resolve(message.output);
    this.dispatch();
  }

  /** The worker's job, detached from it: its timer cleared, the worker free again. */
  private settle(worker: PoolWorker<In, Out>): Running<In, Out> | undefined {
    const job = worker.job;
    if (!job) return undefined;
    clearTimeout(job.deadline);
    job.options.signal?.removeEventListener('abort', job.stopOnAbort);
    worker.job = undefined;
    worker.thread.unref();
    return job;
  }

  /** Terminates the worker now; its job fails with `error`. A replacement starts when a job needs one. */
  private stop(worker: PoolWorker<In, Out>, error: Error): void {
    this.workers.delete(worker);
    const job = this.settle(worker);
    const terminated = worker.thread.terminate().finally(() => this.stopping.delete(terminated));
    this.stopping.add(terminated);
    job?.reject(error);
    this.dispatch();
  }

  private exited(worker: PoolWorker<In, Out>, code: number): void {
    // A worker we stopped has left the pool already.
    if (!this.workers.delete(worker)) return;
    const cause: StopCause =
      (worker.failure as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? 'memory'
        : 'crashed';
    const error = this.stoppedError(cause, code, worker.failure);
    // A worker that died before it was ready (its modules do not load) fails the oldest queued job,
    // so that a broken worker fails jobs one by one instead of restarting for ever.
    const job = worker.job ? this.settle(worker) : worker.ready ? undefined : this.queue.shift();
    job?.reject(error);
    this.dispatch();
  }

  private stoppedError(cause: 'closed'): JobStoppedError;
  private stoppedError(cause: 'deadline', deadlineMs: number): JobStoppedError;
  private stoppedError(
    cause: 'memory' | 'crashed',
    code: number,
    failure: Error | undefined,
  ): JobStoppedError;
  private stoppedError(cause: StopCause, detail?: number, failure?: Error): JobStoppedError {
    const pool = `worker pool ${this.options.name}`;
    switch (cause) {
      case 'closed':
        return new JobStoppedError(cause, `${pool} is closed: the operator is stopping`);
      case 'deadline':
        return new JobStoppedError(
          cause,
          `${pool}: the job ran past its deadline of ${String(detail)} ms and its worker was stopped`,
        );
      case 'memory':
        return new JobStoppedError(
          cause,
          `${pool}: the worker ran out of memory (heap limit ${String(this.options.resourceLimits.maxOldGenerationSizeMb ?? 'default')} MiB) and was stopped`,
        );
      case 'crashed':
        return new JobStoppedError(
          cause,
          `${pool}: the worker exited (code ${String(detail)})${failure ? `: ${failure.message}` : ''}`,
        );
    }
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('the job was aborted');
}
