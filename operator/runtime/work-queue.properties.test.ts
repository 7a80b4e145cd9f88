import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { ManualClock } from './clock.ts';
import { priorities, WorkQueue, type Priority, type QueueItem } from './work-queue.ts';

// Keys `ns-N/es-K` whose store (the sub-flow) is `store-(K mod 3)`: few enough to collide often.
const keyArbitrary = fc
  .record({ namespace: fc.nat({ max: 3 }), name: fc.nat({ max: 8 }) })
  .map(({ namespace, name }) => `ns-${namespace}/es-${name}`);
const priorityArbitrary = fc.constantFrom(...priorities);

function storeFlowOf(key: string): [string, string] {
  const [namespace = '', name = ''] = key.split('/');
  return [namespace, `store-${Number(name.slice(3)) % 3}`];
}

function newQueue(clock = new ManualClock()): WorkQueue {
  return new WorkQueue({ clock, random: () => 0.5, flowOf: storeFlowOf });
}

/** Takes every key due now, marking each done at once. */
async function drainDue(queue: WorkQueue): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  for (let item = queue.length > 0 ? await queue.get() : undefined; item;) {
    items.push(item);
    queue.done(item.key);
    item = queue.length > 0 ? await queue.get() : undefined;
  }
  return items;
}

/**
 * Round robin's bound: at every point of the sequence, no group has been served more than one
 * item beyond any group that still has items waiting.
 */
function expectTurnsWithinOne(groups: string[]): void {
  const remaining = new Map<string, number>();
  for (const group of groups) remaining.set(group, (remaining.get(group) ?? 0) + 1);
  const served = new Map<string, number>([...remaining.keys()].map((group) => [group, 0]));
  groups.forEach((group, position) => {
    served.set(group, (served.get(group) ?? 0) + 1);
    remaining.set(group, (remaining.get(group) ?? 0) - 1);
    const waiting = [...remaining].filter(([, left]) => left > 0).map(([name]) => served.get(name) ?? 0);
    const mostServed = Math.max(...served.values());
    if (waiting.length > 0 && mostServed > Math.min(...waiting) + 1)
      expect.fail(`after ${position + 1} hand-outs, ${JSON.stringify([...served])} is not turn by turn`);
  });
}

type Command =
  | { op: 'add'; key: string; priority: Priority }
  | { op: 'addAfter'; key: string; delayMs: number; priority: Priority }
  | { op: 'addRateLimited'; key: string }
  | { op: 'take' }
  | { op: 'finish'; which: number }
  | { op: 'advance'; ms: number };

const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), key: keyArbitrary, priority: priorityArbitrary }),
  fc.record({
    op: fc.constant('addAfter' as const),
    key: keyArbitrary,
    delayMs: fc.integer({ min: 0, max: 5_000 }),
    priority: priorityArbitrary,
  }),
  fc.record({ op: fc.constant('addRateLimited' as const), key: keyArbitrary }),
  fc.constant({ op: 'take' as const }),
  fc.record({ op: fc.constant('finish' as const), which: fc.nat() }),
  fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 3_000 }) }),
);

describe('WorkQueue properties', () => {
  it('runs every request once it is due, one run per key at a time, never a run nobody asked for', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArbitrary, { maxLength: 200 }), async (commands) => {
        const clock = new ManualClock();
        const queue = newQueue(clock);
        // Keys asked for since their last hand-out began: each must get a run that starts later.
        const requested = new Set<string>();
        const running: string[] = [];
        const take = async (): Promise<void> => {
          const item = await queue.get();
          if (!item) return expect.fail('the queue said a key was due but handed out none');
          expect(running).not.toContain(item.key);
          expect(requested).toContain(item.key);
          requested.delete(item.key);
          running.push(item.key);
        };
        const finish = (index: number): void => {
          const [key] = running.splice(index, 1);
          if (key !== undefined) queue.done(key);
        };

        for (const command of commands) {
          if (command.op === 'add') queue.add(command.key, command.priority);
          else if (command.op === 'addAfter') queue.addAfter(command.key, command.delayMs, command.priority);
          else if (command.op === 'addRateLimited') queue.addRateLimited(command.key);
          else if (command.op === 'advance') clock.advance(command.ms);
          else if (command.op === 'finish') finish(running.length === 0 ? 0 : command.which % running.length);
          if (command.op === 'add' || command.op === 'addAfter' || command.op === 'addRateLimited')
            requested.add(command.key);
          if (command.op === 'take' && queue.length > 0) await take();
        }

        // Let everything finish and fall due (retries back off for at most 5 min), then drain.
        while (running.length > 0 || queue.length > 0 || queue.delayedCount > 0) {
          while (running.length > 0) finish(0);
          clock.advance(600_000);
          while (queue.length > 0) {
            await take();
            finish(0);
          }
        }
        expect([...requested]).toEqual([]);
        for (const priority of priorities) expect(queue.activeFlows(priority)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('hands out each queued key once, by lane, and takes turns across namespaces and then stores', async () => {
    const adds = fc.array(fc.record({ key: keyArbitrary, priority: priorityArbitrary }), { maxLength: 120 });
    await fc.assert(
      fc.asyncProperty(adds, async (requests) => {
        const queue = newQueue();
        for (const { key, priority } of requests) queue.add(key, priority);

        const items = await drainDue(queue);
        const rank = (priority: Priority): number => priorities.indexOf(priority);
        const mostUrgent = new Map<string, Priority>();
        for (const { key, priority } of requests) {
          const before = mostUrgent.get(key);
          if (before === undefined || rank(priority) < rank(before)) mostUrgent.set(key, priority);
        }
        expect(items.map((item) => item.key).sort()).toEqual([...mostUrgent.keys()].sort());
        for (const item of items) expect(item.priority).toBe(mostUrgent.get(item.key));
        expect(items.map((item) => rank(item.priority))).toEqual(
          items.map((item) => rank(item.priority)).sort((a, b) => a - b),
        );

        for (const priority of priorities) {
          const lane = items
            .filter((item) => item.priority === priority)
            .map((item) => storeFlowOf(item.key));
          expectTurnsWithinOne(lane.map(([namespace]) => namespace));
          for (const namespace of new Set(lane.map(([name]) => name)))
            expectTurnsWithinOne(lane.filter(([name]) => name === namespace).map(([, store]) => store));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("hands out a newcomer namespace's key within one turn of each namespace already waiting", async () => {
    const scenario = fc.record({
      backlog: fc.array(
        fc.record({ namespace: fc.nat({ max: 20 }), count: fc.integer({ min: 1, max: 50 }) }),
        {
          maxLength: 10,
        },
      ),
      takenBefore: fc.nat({ max: 100 }),
      priority: priorityArbitrary,
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ backlog, takenBefore, priority }) => {
        const queue = newQueue();
        backlog.forEach(({ namespace, count }, burst) => {
          for (let index = 0; index < count; index++)
            queue.add(`ns-${namespace}/b${burst}-${index}`, priority);
        });
        for (let taken = 0; taken < takenBefore && queue.length > 0; taken++) {
          const item = await queue.get();
          if (item) queue.done(item.key);
        }
        const waitingFlows = queue.activeFlows(priority);
        queue.add('newcomer/es', priority);

        const order = (await drainDue(queue)).map((item) => item.key);
        expect(order.indexOf('newcomer/es')).toBeLessThanOrEqual(waitingFlows);
      }),
      { numRuns: 300 },
    );
  });
});
