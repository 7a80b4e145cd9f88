import { describe, expect, it } from 'vitest';

import { ManualClock } from './clock.ts';
import { WorkQueue, type Priority, type QueueItem, type WorkQueueOptions } from './work-queue.ts';

function queueOnManualClock(options: WorkQueueOptions = {}): { clock: ManualClock; queue: WorkQueue } {
  const clock = new ManualClock();
  // random 0: no jitter, so backoff delays are exact.
  const queue = new WorkQueue({ clock, random: () => 0, ...options });
  return { clock, queue };
}

/** Hands out every key that is due now, marking each done, in the order the queue gives them. */
async function drainDue(queue: WorkQueue): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  while (queue.length > 0) {
    const item = await queue.get();
    if (!item) break;
    items.push(item);
    queue.done(item.key);
  }
  return items;
}

async function takeDue(queue: WorkQueue): Promise<QueueItem> {
  expect(queue.length).toBeGreaterThan(0);
  const item = await queue.get();
  if (!item) throw new Error('the queue handed out nothing');
  return item;
}

describe('WorkQueue', () => {
  describe('dedupe and priority', () => {
    it('queues a key once however often it is added', async () => {
      const { queue } = queueOnManualClock();
      queue.add('ns/a', 'refresh');
      queue.add('ns/a', 'refresh');
      queue.add('ns/b', 'refresh');
      queue.add('ns/a', 'refresh');

      expect(queue.length).toBe(2);
      expect(await drainDue(queue)).toEqual([
        { key: 'ns/a', priority: 'refresh' },
        { key: 'ns/b', priority: 'refresh' },
      ]);
    });

    it('promotes a queued key added again with a more urgent priority, and never demotes it', async () => {
      const { queue } = queueOnManualClock();
      queue.add('ns/a', 'refresh');
      queue.add('ns/b', 'refresh');
      queue.add('ns/c', 'refresh');
      queue.add('ns/c', 'new');
      queue.add('ns/d', 'drift');
      queue.add('ns/d', 'refresh');

      expect([queue.depth('new'), queue.depth('drift'), queue.depth('refresh')]).toEqual([1, 1, 2]);
      expect(queue.length).toBe(4);
      expect(await drainDue(queue)).toEqual([
        { key: 'ns/c', priority: 'new' },
        { key: 'ns/d', priority: 'drift' },
        { key: 'ns/a', priority: 'refresh' },
        { key: 'ns/b', priority: 'refresh' },
      ]);
    });

    it('hands out new before drift before refresh, even behind 10,000 queued refreshes', async () => {
      const { queue } = queueOnManualClock();
      for (let index = 0; index < 10_000; index++) queue.add(`load/es-${index}`, 'refresh');
      queue.add('team/repair-me', 'drift');
      queue.add('team/just-created', 'new');

      expect(await takeDue(queue)).toEqual({ key: 'team/just-created', priority: 'new' });
      expect(await takeDue(queue)).toEqual({ key: 'team/repair-me', priority: 'drift' });
      expect(await takeDue(queue)).toEqual({ key: 'load/es-0', priority: 'refresh' });
      expect(await takeDue(queue)).toEqual({ key: 'load/es-1', priority: 'refresh' });
      expect(queue.depth('refresh')).toBe(9_998);
    });

    it('keeps arrival order within a lane across many promotions', async () => {
      const { queue } = queueOnManualClock();
      for (let index = 0; index < 3_000; index++) queue.add(`ns/${index}`, 'refresh');
      // Promoted keys leave stale entries behind in the refresh lane; they must never resurface.
      for (let index = 0; index < 2_500; index++) queue.add(`ns/${index}`, 'new');

      const order = (await drainDue(queue)).map((item) => `${item.priority}:${item.key}`);
      const promoted = Array.from({ length: 2_500 }, (_, n) => `new:ns/${n}`);
      const rest = Array.from({ length: 500 }, (_, n) => `refresh:ns/${2_500 + n}`);
      expect(order).toEqual([...promoted, ...rest]);
    });
  });

  describe('fair turns across namespaces and stores', () => {
    it("hands out another namespace's key at its turn, not after a 10,000-key burst", async () => {
      const { queue } = queueOnManualClock();
      for (let index = 0; index < 10_000; index++) queue.add(`burst/es-${index}`, 'new');
      expect(await takeDue(queue)).toEqual({ key: 'burst/es-0', priority: 'new' });
      queue.add('quiet/first', 'new');

      // The burst's flow had its turn in the round already open; the new flow is next.
      expect(await takeDue(queue)).toEqual({ key: 'burst/es-1', priority: 'new' });
      expect(await takeDue(queue)).toEqual({ key: 'quiet/first', priority: 'new' });
      expect(queue.depth('new')).toBe(9_998);
    });

    it('alternates between two namespaces with bursts, and starves neither', async () => {
      const { queue } = queueOnManualClock();
      for (let index = 0; index < 1_000; index++) queue.add(`a/es-${index}`, 'refresh');
      for (let index = 0; index < 3; index++) queue.add(`b/es-${index}`, 'refresh');

      const order = (await drainDue(queue)).map((item) => item.key);
      expect(order.slice(0, 7)).toEqual([
        'a/es-0',
        'b/es-0',
        'a/es-1',
        'b/es-1',
        'a/es-2',
        'b/es-2',
        'a/es-3',
      ]);
      expect(order.slice(7)).toEqual(Array.from({ length: 996 }, (_, n) => `a/es-${4 + n}`));
    });

    it('takes turns between the stores of one namespace, keeping arrival order within each', async () => {
      const storeOf = new Map<string, string>();
      const { queue } = queueOnManualClock({
        flowOf: (key) => [key.split('/')[0] ?? '', storeOf.get(key) ?? ''],
      });
      for (let index = 0; index < 4; index++) {
        storeOf.set(`team/big-${index}`, 'SecretStore/big');
        queue.add(`team/big-${index}`, 'new');
      }
      storeOf.set('team/small-0', 'ClusterSecretStore/small');
      queue.add('team/small-0', 'new');
      queue.add('other/es', 'new');

      expect((await drainDue(queue)).map((item) => item.key)).toEqual([
        'team/big-0',
        'other/es',
        'team/small-0',
        'team/big-1',
        'team/big-2',
        'team/big-3',
      ]);
    });

    it('gives a namespace alone every worker at once', async () => {
      const { queue } = queueOnManualClock();
      for (let index = 0; index < 100; index++) queue.add(`only/es-${index}`, 'new');
      const workers = await Promise.all(Array.from({ length: 32 }, () => queue.get()));

      expect(new Set(workers.map((item) => item?.key)).size).toBe(32);
      expect(queue.processingCount).toBe(32);
      expect(queue.length).toBe(68);
    });

    it("keeps priority above fairness: a busy namespace's new key goes before a quiet one's refresh", async () => {
      const { queue } = queueOnManualClock();
      queue.add('quiet/es', 'refresh');
      for (let index = 0; index < 3; index++) queue.add(`busy/es-${index}`, 'new');

      expect((await drainDue(queue)).map((item) => `${item.priority}:${item.key}`)).toEqual([
        'new:busy/es-0',
        'new:busy/es-1',
        'new:busy/es-2',
        'refresh:quiet/es',
      ]);
    });

    it('forgets a namespace once its last key is handed out or promoted away', async () => {
      const { queue } = queueOnManualClock();
      for (let index = 0; index < 1_000; index++) queue.add(`ns-${index}/es`, 'refresh');
      queue.add('ns-0/es', 'new');
      expect([queue.activeFlows('new'), queue.activeFlows('refresh')]).toEqual([1, 999]);

      await drainDue(queue);
      expect([queue.activeFlows('new'), queue.activeFlows('refresh')]).toEqual([0, 0]);
    });

    it('reports the longest wait of a lane, growing while its key waits', async () => {
      const { clock, queue } = queueOnManualClock();
      expect(queue.longestWaitMs('refresh')).toBe(0);
      queue.add('a/old', 'refresh');
      clock.advance(3_000);
      queue.add('b/young', 'refresh');
      clock.advance(1_000);

      expect(queue.longestWaitMs('refresh')).toBe(4_000);
      expect(queue.longestWaitMs('new')).toBe(0);
      await takeDue(queue);
      expect(queue.longestWaitMs('refresh')).toBe(1_000);
    });

    it("queues a key in its namespace's turn when the flow function fails", async () => {
      const { queue } = queueOnManualClock({
        flowOf: () => {
          throw new Error('no flow');
        },
      });
      queue.add('a/es-0', 'new');
      queue.add('a/es-1', 'new');
      queue.add('b/es-0', 'new');
      expect((await drainDue(queue)).map((item) => item.key)).toEqual(['a/es-0', 'b/es-0', 'a/es-1']);
    });
  });

  describe('keys being processed', () => {
    it('never hands out a key twice at once: adds while it runs make one more run after done', async () => {
      const { queue } = queueOnManualClock();
      queue.add('ns/a', 'refresh');
      const first = await takeDue(queue);

      queue.add('ns/a', 'refresh');
      queue.add('ns/a', 'drift');
      queue.add('ns/a', 'refresh');
      expect(queue.length).toBe(0);
      expect(queue.processingCount).toBe(1);

      queue.done(first.key);
      expect(await drainDue(queue)).toEqual([{ key: 'ns/a', priority: 'drift' }]);
      expect(queue.length).toBe(0);
    });

    it('hands a key to a worker already waiting when it is added', async () => {
      const { queue } = queueOnManualClock();
      const waiting = [queue.get(), queue.get()];
      queue.add('ns/a', 'refresh');
      queue.add('ns/b', 'new');

      expect(await Promise.all(waiting)).toEqual([
        { key: 'ns/a', priority: 'refresh' },
        { key: 'ns/b', priority: 'new' },
      ]);
    });
  });

  describe('delayed adds', () => {
    it('makes a key due only once its delay has passed', async () => {
      const { clock, queue } = queueOnManualClock();
      queue.addAfter('ns/a', 1_000, 'refresh');
      expect(queue.delayedCount).toBe(1);

      clock.advance(999);
      expect(queue.length).toBe(0);
      clock.advance(1);
      expect(await drainDue(queue)).toEqual([{ key: 'ns/a', priority: 'refresh' }]);
      expect(queue.delayedCount).toBe(0);
    });

    it('keeps the earliest due time when a key is delayed twice, and runs it once', async () => {
      const { clock, queue } = queueOnManualClock();
      queue.addAfter('ns/later-first', 10_000, 'refresh');
      queue.addAfter('ns/later-first', 5_000, 'refresh');
      queue.addAfter('ns/sooner-first', 5_000, 'refresh');
      queue.addAfter('ns/sooner-first', 10_000, 'refresh');

      clock.advance(4_999);
      expect(queue.length).toBe(0);
      clock.advance(1);
      expect((await drainDue(queue)).map((item) => item.key)).toEqual(['ns/later-first', 'ns/sooner-first']);
      clock.advance(60_000);
      expect(queue.length).toBe(0);
    });

    it('runs a key once, at its earliest time, however often it was rescheduled sooner', async () => {
      const { clock, queue } = queueOnManualClock();
      for (let delay = 30_000; delay >= 1_000; delay -= 10) queue.addAfter('ns/a', delay, 'refresh');
      queue.addAfter('ns/b', 2_000, 'refresh');

      clock.advance(999);
      expect(queue.length).toBe(0);
      clock.advance(1);
      expect(await drainDue(queue)).toEqual([{ key: 'ns/a', priority: 'refresh' }]);
      clock.advance(1_000);
      expect(await drainDue(queue)).toEqual([{ key: 'ns/b', priority: 'refresh' }]);
      clock.advance(60_000);
      expect(queue.length).toBe(0);
    });

    it('lets an immediate add supersede a pending delayed one (no second run)', async () => {
      const { clock, queue } = queueOnManualClock();
      queue.addAfter('ns/a', 5_000, 'refresh');
      queue.add('ns/a', 'new');
      expect(await drainDue(queue)).toEqual([{ key: 'ns/a', priority: 'new' }]);

      clock.advance(10_000);
      expect(queue.length).toBe(0);
    });

    it('ignores a delayed add for a key that is already due sooner', async () => {
      const { clock, queue } = queueOnManualClock();
      queue.add('ns/a', 'refresh');
      queue.addAfter('ns/a', 5_000, 'refresh');
      expect(await drainDue(queue)).toHaveLength(1);

      clock.advance(10_000);
      expect(queue.length).toBe(0);
    });

    it('schedules a delayed add made while the key runs for after its delay', async () => {
      const { clock, queue } = queueOnManualClock();
      queue.add('ns/a', 'new');
      const running = await takeDue(queue);
      queue.addAfter('ns/a', 1_000, 'refresh');
      queue.done(running.key);
      expect(queue.length).toBe(0);

      clock.advance(1_000);
      expect(await drainDue(queue)).toEqual([{ key: 'ns/a', priority: 'refresh' }]);
    });

    it('hands out keys falling due together by priority', async () => {
      const { clock, queue } = queueOnManualClock();
      const handedOut = queue.get();
      queue.addAfter('ns/refresh', 1_000, 'refresh');
      queue.addAfter('ns/new', 1_000, 'new');

      clock.advance(1_000);
      expect(await handedOut).toEqual({ key: 'ns/new', priority: 'new' });
    });

    it('uses one timer for 10,000 scheduled refreshes and delivers each at its time', async () => {
      const { clock, queue } = queueOnManualClock();
      for (let index = 0; index < 10_000; index++)
        queue.addAfter(`load/es-${index}`, 1_000 + index, 'refresh');
      expect(clock.pendingTimers).toBe(1);

      clock.advance(1_000 + 4_999);
      expect(queue.length).toBe(5_000);
      clock.advance(5_000);
      const order = (await drainDue(queue)).map((item) => item.key);
      expect(order).toHaveLength(10_000);
      expect(order.slice(0, 3)).toEqual(['load/es-0', 'load/es-1', 'load/es-2']);
      expect(clock.pendingTimers).toBe(0);
    });

    it('reports how long each key waited after it fell due', async () => {
      const waits: [string, number, Priority][] = [];
      const { clock, queue } = queueOnManualClock({ onDequeue: (...wait) => waits.push(wait) });
      queue.add('ns/now', 'new');
      queue.addAfter('ns/later', 1_000, 'refresh');
      clock.advance(1_500);
      await drainDue(queue);

      expect(waits).toEqual([
        ['ns/now', 1_500, 'new'],
        ['ns/later', 500, 'refresh'],
      ]);
    });
  });

  describe('rate-limited retries', () => {
    it('doubles the delay with each failure up to the cap, and forget resets it', () => {
      const { queue } = queueOnManualClock({ backoffBaseMs: 1_000, backoffMaxMs: 10_000 });
      const delays = Array.from({ length: 6 }, () => queue.addRateLimited('ns/a'));
      expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
      expect(queue.numRequeues('ns/a')).toBe(6);

      queue.forget('ns/a');
      expect(queue.numRequeues('ns/a')).toBe(0);
      expect(queue.addRateLimited('ns/a')).toBe(1_000);
    });

    it('defaults to 1 s doubling to 5 min, taking off at most the jitter share', () => {
      const { queue } = queueOnManualClock({ random: () => 0.999 });
      const delays = Array.from({ length: 12 }, () => queue.addRateLimited('ns/a'));
      delays.forEach((delay, failures) => {
        const ceiling = Math.min(300_000, 1_000 * 2 ** failures);
        expect(delay).toBeLessThanOrEqual(ceiling);
        expect(delay).toBeGreaterThanOrEqual(0.8 * ceiling);
      });
      expect(delays.at(-1)).toBeGreaterThanOrEqual(240_000);
    });

    it('makes the key due after its backoff', async () => {
      const { clock, queue } = queueOnManualClock();
      queue.addRateLimited('ns/a');
      clock.advance(999);
      expect(queue.length).toBe(0);
      clock.advance(1);
      expect(await drainDue(queue)).toEqual([{ key: 'ns/a', priority: 'refresh' }]);
    });
  });

  describe('shutdown', () => {
    it('stops handing out keys and ignores later adds', async () => {
      const { clock, queue } = queueOnManualClock();
      const waiting = queue.get();
      queue.shutDown();
      expect(await waiting).toBeUndefined();

      queue.add('ns/a', 'new');
      queue.addAfter('ns/b', 10, 'new');
      clock.advance(100);
      expect(queue.length).toBe(0);
      expect(await queue.get()).toBeUndefined();
    });

    it('drains once the keys in flight are done, and does not requeue their dirty adds', async () => {
      const { queue } = queueOnManualClock();
      queue.add('ns/a', 'new');
      queue.add('ns/b', 'new');
      const a = await takeDue(queue);
      const b = await takeDue(queue);
      queue.add('ns/a', 'new');
      queue.shutDown();

      let drained = false;
      const draining = queue.drain().then(() => (drained = true));
      queue.done(a.key);
      await Promise.resolve();
      expect(drained).toBe(false);
      queue.done(b.key);
      await draining;
      expect(queue.length).toBe(0);
    });

    it('cancels its timer so a stopped process can exit', () => {
      const { clock, queue } = queueOnManualClock();
      queue.addAfter('ns/a', 60_000, 'refresh');
      expect(clock.pendingTimers).toBe(1);
      queue.shutDown();
      expect(clock.pendingTimers).toBe(0);
    });
  });

  it('rejects backoff settings that make no sense', () => {
    expect(() => new WorkQueue({ backoffBaseMs: 0 })).toThrow(RangeError);
    expect(() => new WorkQueue({ backoffBaseMs: 10_000, backoffMaxMs: 1_000 })).toThrow(
      /cap at least the base/,
    );
    expect(() => new WorkQueue({ backoffJitter: 2 })).toThrow(/from 0 to 1/);
  });
});
