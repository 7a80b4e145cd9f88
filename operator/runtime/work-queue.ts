import { systemClock, type Clock, type TimerHandle } from './clock.ts';
import { DueTimeHeap } from './due-time-heap.ts';
import { FairLane, type FlowPath, type LaneSlot } from './fair-lane.ts';

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
  /**
   * Whose work a key is, for fair turns within each lane: [flow, sub-flow]. Default: the namespace
   * part of `namespace/name`, one sub-flow. Asked once each time a key is queued.
   */
  flowOf?: (key: string) => FlowPath;
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

/** The namespace of a `namespace/name` key; '' for a cluster-scoped key. */
export function namespaceFlowOf(key: string): FlowPath {
  const slash = key.indexOf('/');
  return [slash < 0 ? '' : key.slice(0, slash)];
}

/**
 * A keyed work queue with client-go's guarantees — a key is queued at most once, is never handed out
 * while it is being processed (adding it then marks it dirty, and it comes back at `done`), and
 * retries back off per key — plus priority lanes, each fair across flows (namespaces, then stores):
 * a burst of one namespace waits its turn instead of making every other namespace wait for it.
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
  private readonly flowOf: (key: string) => FlowPath;

  // Each due key's place in its lane (the slot holds the key), so that a promotion takes it out in O(1).
  private readonly queued = new Map<string, LaneSlot<DueKey>>();
  private lanes = newLanes();
  private readonly processing = new Set<string>();
  private readonly dirty = new Map<string, DueKey>();
  private readonly delayed = new Map<string, DelayedKey>();
  private readonly delayedByDueTime = new DueTimeHeap<DelayedKey>();
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
    this.flowOf = options.flowOf ?? namespaceFlowOf;
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
    const dueNow = this.queued.get(key)?.item ?? this.dirty.get(key);
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
   * The next key to process: most urgent lane first; within a lane, flows take turns and each
   * sub-flow keeps arrival order. Waits until one is due. Resolves to undefined once the queue is
   * shut down. Call `done` when finished.
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
    this.lanes = newLanes();
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
    return this.lanes[priority].size;
  }

  /** Flows (namespaces) with keys due and waiting in one lane: how many take turns there. */
  activeFlows(priority: Priority): number {
    return this.lanes[priority].activeFlows;
  }

  /**
   * How long the key that has waited longest in one lane has been due, 0 when none waits; it keeps
   * growing while a key starves. Linear in the lane's depth: for a scrape, not for every add.
   */
  longestWaitMs(priority: Priority): number {
    let earliestDueAt = Number.POSITIVE_INFINITY;
    for (const entry of this.lanes[priority]) earliestDueAt = Math.min(earliestDueAt, entry.dueAt);
    return Number.isFinite(earliestDueAt) ? Math.max(0, this.clock.now() - earliestDueAt) : 0;
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
    } else if (rank[priority] < rank[queued.item.priority]) {
      // Promotion: out of its lane, to the back of its sub-flow in the more urgent one.
      this.lanes[queued.item.priority].remove(queued);
      this.enqueue({ key, priority, dueAt: Math.min(queued.item.dueAt, dueAt) });
    }
  }

  private enqueue(entry: DueKey): void {
    this.queued.set(entry.key, this.lanes[entry.priority].push(entry, this.flowPathOf(entry.key)));
  }

  private flowPathOf(key: string): FlowPath {
    try {
      return this.flowOf(key);
    } catch {
      // A key whose flow cannot be told still runs, in its namespace's turn.
      return namespaceFlowOf(key);
    }
  }

  private takeNext(): QueueItem | undefined {
    for (const priority of priorities) {
      const entry = this.lanes[priority].shift();
      if (!entry) continue;
      this.queued.delete(entry.key);
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

function newLanes(): Record<Priority, FairLane<DueKey>> {
  return { new: new FairLane(), drift: new FairLane(), refresh: new FairLane() };
}
