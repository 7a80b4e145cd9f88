import { systemClock, type Clock, type TimerHandle } from './clock.ts';

/** Lanes of the queue, most urgent first. */
export const priorities = ['new', 'drift', 'refresh'] as const;

/**
 * `new`: never-synced or changed objects; `drift`: repairs of a managed Secret that was edited or
 * deleted; `refresh`: periodic re-reads. A more urgent key is always handed out first.
 */
export type Priority = (typeof priorities)[number];

export interface QueueItem {
  key: string;
  priority: Priority;
}

export interface WorkQueueOptions {
  clock?: Clock;
  /** First retry delay of `addRateLimited`; doubles with each failure. Default 1 s. */
  backoffBaseMs?: number;
  /** Longest retry delay. Default 5 min. */
  backoffMaxMs?: number;
  /** Share of each retry delay taken off at random, from 0 to 1, so failures do not retry in step. Default 0.2. */
  backoffJitter?: number;
  /** A source of numbers in [0, 1) for the jitter; tests pin it. */
  random?: () => number;
  /** Called as each key is handed out, with how long it waited after falling due; a hook for metrics. */
  onDequeue?: (key: string, waitMs: number, priority: Priority) => void;
}

/** A key that is due: `dueAt` is when it fell due, for the wait-time report. */
interface DueKey {
  key: string;
  priority: Priority;
  dueAt: number;
}

/** A key waiting for its time; `sequence` keeps keys with the same due time in the order they were added. */
interface DelayedKey extends DueKey {
  sequence: number;
}

const rank: Record<Priority, number> = { new: 0, drift: 1, refresh: 2 };

function moreUrgent(a: Priority, b: Priority): Priority {
  return rank[a] <= rank[b] ? a : b;
}

/**
 * A keyed work queue with client-go's guarantees — a key is queued at most once, is never handed out
 * while it is being processed (adding it then marks it dirty, and it comes back at `done`), and
 * retries back off per key — plus priority lanes.
 *
 * Each key has at most one pending run: queued now, dirty (queued for after its current run), or
 * delayed. Requests for the same key merge into it, keeping the earliest due time and the most
 * urgent priority. Reconciles are level-based, so one run serves every request made before it, and
 * the run itself schedules the next refresh.
 */
export class WorkQueue {
  private readonly clock: Clock;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly backoffJitter: number;
  private readonly random: () => number;
  private readonly onDequeue: WorkQueueOptions['onDequeue'];

  private readonly queued = new Map<string, DueKey>();
  private readonly lanes: Record<Priority, Lane> = {
    new: new Lane(),
    drift: new Lane(),
    refresh: new Lane(),
  };
  private readonly laneDepths: Record<Priority, number> = { new: 0, drift: 0, refresh: 0 };
  private readonly processing = new Set<string>();
  private readonly dirty = new Map<string, DueKey>();
  private readonly delayed = new Map<string, DelayedKey>();
  private readonly delayedByDueTime = new DueTimeHeap();
  private nextSequence = 0;
  // One timer, for the earliest delayed key: ten thousand scheduled refreshes cost one timer.
  private timer: { dueAt: number; handle: TimerHandle } | undefined;
  private readonly failures = new Map<string, number>();
  private readonly waitingWorkers: ((item: QueueItem | undefined) => void)[] = [];
  private readonly drainWaiters: (() => void)[] = [];
  private shuttingDown = false;

  constructor(options: WorkQueueOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 300_000;
    this.backoffJitter = options.backoffJitter ?? 0.2;
    this.random = options.random ?? Math.random;
    this.onDequeue = options.onDequeue;
    if (!(this.backoffBaseMs > 0 && this.backoffMaxMs >= this.backoffBaseMs))
      throw new RangeError(
        `backoff ${this.backoffBaseMs}..${this.backoffMaxMs} ms: expected a base above 0 and a cap at least the base`,
      );
    if (!(this.backoffJitter >= 0 && this.backoffJitter <= 1))
      throw new RangeError(`backoff jitter ${this.backoffJitter}: expected a number from 0 to 1`);
  }

  /** Queues `key` to run as soon as a worker is free. */
  add(key: string, priority: Priority): void {
    if (this.shuttingDown) return;
    this.makeDue(key, priority, this.clock.now());
    this.handOut();
  }

  /** Queues `key` to run after `delayMs`, unless it is already due sooner. */
  addAfter(key: string, delayMs: number, priority: Priority): void {
    if (this.shuttingDown) return;
    if (!(delayMs > 0)) {
      this.add(key, priority);
      return;
    }
    const dueNow = this.queued.get(key) ?? this.dirty.get(key);
    if (dueNow) {
      this.makeDue(key, priority, dueNow.dueAt);
      return;
    }
    const dueAt = this.clock.now() + delayMs;
    const existing = this.delayed.get(key);
    if (existing && existing.dueAt <= dueAt) {
      existing.priority = moreUrgent(existing.priority, priority);
      return;
    }
    const entry: DelayedKey = {
      key,
      dueAt,
      priority: existing ? moreUrgent(existing.priority, priority) : priority,
      sequence: this.nextSequence++,
    };
    this.delayed.set(key, entry);
    this.delayedByDueTime.push(entry);
    // Superseded entries stay in the heap until they surface; rebuild before they outnumber the live ones.
    if (this.delayedByDueTime.size > 2 * this.delayed.size + 1024)
      this.delayedByDueTime.rebuild([...this.delayed.values()]);
    this.armTimer();
  }

  /**
   * Queues `key` after its backoff: base · 2^failures, capped, less up to `backoffJitter` of it at
   * random. Returns the delay chosen. Retries wait in the `refresh` lane unless told otherwise.
   */
  addRateLimited(key: string, priority: Priority = 'refresh'): number {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    const ceiling = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** Math.min(failures, 64));
    const delayMs = Math.round(ceiling * (1 - this.backoffJitter * this.random()));
    this.addAfter(key, delayMs, priority);
    return delayMs;
  }

  /** Resets the backoff of `key`, after it succeeded or failed for good. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  /** How many times in a row `key` has been retried with backoff. */
  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /**
   * The next key to process, most urgent first and in arrival order within a lane; waits until
   * one is due. Resolves to undefined once the queue is shut down. Call `done` when finished.
   */
  get(): Promise<QueueItem | undefined> {
    if (this.shuttingDown) return Promise.resolve(undefined);
    const item = this.takeNext();
    if (item) return Promise.resolve(item);
    return new Promise((resolve) => this.waitingWorkers.push(resolve));
  }

  /** Marks `key` as processed; if it was added meanwhile, it is queued again now. */
  done(key: string): void {
    if (!this.processing.delete(key)) return;
    const again = this.dirty.get(key);
    if (again) {
      this.dirty.delete(key);
      if (!this.shuttingDown) {
        this.makeDue(key, again.priority, again.dueAt);
        this.handOut();
      }
    }
    if (this.processing.size === 0) for (const resolve of this.drainWaiters.splice(0)) resolve();
  }

  /** Stops handing out keys: waiting and later `get` calls resolve to undefined, adds are ignored. */
  shutDown(): void {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    this.timer?.handle.cancel();
    this.timer = undefined;
    this.delayed.clear();
    this.delayedByDueTime.rebuild([]);
    this.queued.clear();
    this.dirty.clear();
    for (const priority of priorities) {
      this.lanes[priority] = new Lane();
      this.laneDepths[priority] = 0;
    }
    for (const resolve of this.waitingWorkers.splice(0)) resolve(undefined);
  }

  /** Resolves once no key is being processed. */
  drain(): Promise<void> {
    if (this.processing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** Keys due and waiting for a worker. */
  get length(): number {
    return this.queued.size;
  }

  get processingCount(): number {
    return this.processing.size;
  }

  /** Keys waiting for a later due time (scheduled refreshes and retries). */
  get delayedCount(): number {
    return this.delayed.size;
  }

  /** Keys due and waiting in one lane. */
  depth(priority: Priority): number {
    return this.laneDepths[priority];
  }

  private makeDue(key: string, priority: Priority, dueAt: number): void {
    const delayed = this.delayed.get(key);
    if (delayed) {
      this.delayed.delete(key);
      priority = moreUrgent(priority, delayed.priority);
    }
    if (this.processing.has(key)) {
      const dirty = this.dirty.get(key);
      this.dirty.set(key, {
        key,
        priority: dirty ? moreUrgent(dirty.priority, priority) : priority,
        dueAt: dirty ? Math.min(dirty.dueAt, dueAt) : dueAt,
      });
      return;
    }
    const queued = this.queued.get(key);
    if (!queued) {
      this.enqueue({ key, priority, dueAt });
    } else if (rank[priority] < rank[queued.priority]) {
      // Promotion: to the back of the more urgent lane; the old entry goes stale where it stands.
      this.laneDepths[queued.priority]--;
      this.enqueue({ key, priority, dueAt: Math.min(queued.dueAt, dueAt) });
      const lane = this.lanes[queued.priority];
      lane.pruneIfMostlyStale(this.laneDepths[queued.priority], (entry) => this.isLive(entry));
    }
  }

  private enqueue(entry: DueKey): void {
    this.queued.set(entry.key, entry);
    this.lanes[entry.priority].push(entry);
    this.laneDepths[entry.priority]++;
  }

  private isLive(entry: DueKey): boolean {
    return this.queued.get(entry.key) === entry;
  }

  private takeNext(): QueueItem | undefined {
    for (const priority of priorities) {
      const entry = this.lanes[priority].shift((candidate) => this.isLive(candidate));
      if (!entry) continue;
      this.queued.delete(entry.key);
      this.laneDepths[priority]--;
      this.processing.add(entry.key);
      this.reportWait(entry);
      return { key: entry.key, priority };
    }
    return undefined;
  }

  private handOut(): void {
    for (let worker = this.waitingWorkers[0]; worker !== undefined; worker = this.waitingWorkers[0]) {
      const item = this.takeNext();
      if (!item) return;
      this.waitingWorkers.shift();
      worker(item);
    }
  }

  private reportWait(entry: DueKey): void {
    if (!this.onDequeue) return;
    try {
      this.onDequeue(entry.key, Math.max(0, this.clock.now() - entry.dueAt), entry.priority);
    } catch {
      // A failing metrics hook must not stop the work it measures.
    }
  }

  private nextDelayed(): DelayedKey | undefined {
    for (let top = this.delayedByDueTime.peek(); top; top = this.delayedByDueTime.peek()) {
      if (this.delayed.get(top.key) === top) return top;
      this.delayedByDueTime.pop();
    }
    return undefined;
  }

  private armTimer(): void {
    const next = this.nextDelayed();
    if (this.timer && next && this.timer.dueAt <= next.dueAt) return;
    this.timer?.handle.cancel();
    this.timer = undefined;
    if (!next) return;
    const handle = this.clock.setTimeout(() => this.fireDelayed(), next.dueAt - this.clock.now());
    this.timer = { dueAt: next.dueAt, handle };
  }

  private fireDelayed(): void {
    this.timer = undefined;
    const now = this.clock.now();
    for (let next = this.nextDelayed(); next && next.dueAt <= now; next = this.nextDelayed()) {
      this.delayedByDueTime.pop();
      this.makeDue(next.key, next.priority, next.dueAt);
    }
    this.armTimer();
    // Hand out only after every due key is queued, so the most urgent of them goes first.
    this.handOut();
  }
}

/** A FIFO of due keys that tolerates stale entries (promoted or handed-out keys) and skips them. */
class Lane {
  private entries: (DueKey | undefined)[] = [];
  private head = 0;

  push(entry: DueKey): void {
    this.entries.push(entry);
  }

  shift(isLive: (entry: DueKey) => boolean): DueKey | undefined {
    while (this.head < this.entries.length) {
      const entry = this.entries[this.head];
      this.entries[this.head] = undefined;
      this.head++;
      if (entry && isLive(entry)) {
        this.compact();
        return entry;
      }
    }
    this.entries = [];
    this.head = 0;
    return undefined;
  }

  /** Drops stale entries once they far outnumber the live ones, e.g. a starved lane whose keys keep being promoted. */
  pruneIfMostlyStale(liveCount: number, isLive: (entry: DueKey) => boolean): void {
    if (this.entries.length - this.head <= 2 * liveCount + 1024) return;
    this.entries = this.entries.slice(this.head).filter((entry) => entry !== undefined && isLive(entry));
    this.head = 0;
  }

  // Array.shift is linear in the length; a moving head with occasional compaction is not.
  private compact(): void {
    if (this.head < 1024 || this.head * 2 < this.entries.length) return;
    this.entries = this.entries.slice(this.head);
    this.head = 0;
  }
}

/** A binary min-heap of delayed keys by due time, then by the order they were added. */
class DueTimeHeap {
  private items: DelayedKey[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): DelayedKey | undefined {
    return this.items[0];
  }

  push(item: DelayedKey): void {
    this.items.push(item);
    this.siftUp(this.items.length - 1);
  }

  pop(): DelayedKey | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (top !== last && last !== undefined) {
      this.items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  rebuild(items: DelayedKey[]): void {
    this.items = items;
    for (let index = Math.floor(items.length / 2) - 1; index >= 0; index--) this.siftDown(index);
  }

  private siftUp(index: number): void {
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(index, parent)) return;
      this.swap(index, parent);
      index = parent;
    }
  }

  private siftDown(index: number): void {
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let first = index;
      if (left < this.items.length && this.before(left, first)) first = left;
      if (right < this.items.length && this.before(right, first)) first = right;
      if (first === index) return;
      this.swap(index, first);
      index = first;
    }
  }

  private before(a: number, b: number): boolean {
    const x = this.items[a];
    const y = this.items[b];
    if (!x || !y) return false;
    return x.dueAt < y.dueAt || (x.dueAt === y.dueAt && x.sequence < y.sequence);
  }

  private swap(a: number, b: number): void {
    const x = this.items[a];
    const y = this.items[b];
    if (!x || !y) return;
    this.items[a] = y;
    this.items[b] = x;
  }
}
