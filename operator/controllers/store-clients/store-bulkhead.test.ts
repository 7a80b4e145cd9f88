import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../runtime/index.ts';
import { StoreBulkhead, StoreBusyError, type BulkheadSlot } from './store-bulkhead.ts';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function busyError(enter: () => unknown): StoreBusyError {
  try {
    enter();
  } catch (error) {
    if (error instanceof StoreBusyError) return error;
    throw error;
  }
  throw new Error('expected the bulkhead to be full');
}

/** Which of `promises` have settled by now. */
async function settled(promises: Record<string, Promise<void>>): Promise<string[]> {
  const done: string[] = [];
  for (const [name, promise] of Object.entries(promises)) void promise.then(() => done.push(name));
  await settle();
  return done.sort();
}

describe('StoreBulkhead', () => {
  it('lets `limit` callers in and turns the next away at once, holding no one', () => {
    const bulkhead = new StoreBulkhead({ limit: 2, clock: new ManualClock(), random: () => 0.5 });
    bulkhead.enter('ns/a');
    bulkhead.enter('ns/b');
    const busy = busyError(() => bulkhead.enter('ns/c'));
    expect(busy.message).toBe('the store has 2 calls in flight, its limit: waiting for a free slot');
    // The fallback requeue: 10 s with the jitter at its middle.
    expect(busy.retryAfterMs).toBe(10_000);
    expect(bulkhead.callsInFlight).toBe(2);
    expect(bulkhead.waiting).toBe(1);
  });

  it('keeps a freed slot for the longest-waiting key and wakes it; a newcomer cannot take it', async () => {
    const bulkhead = new StoreBulkhead({ limit: 1, clock: new ManualClock() });
    const first = bulkhead.enter('ns/a');
    const b = busyError(() => bulkhead.enter('ns/b')).slotFree;
    const c = busyError(() => bulkhead.enter('ns/c')).slotFree;
    // Asking again waits on the same turn, not a new one at the back.
    expect(busyError(() => bulkhead.enter('ns/b')).slotFree).toBe(b);
    expect(await settled({ b, c })).toEqual([]);

    first.release();
    expect(await settled({ b, c })).toEqual(['b']);
    busyError(() => bulkhead.enter('ns/newcomer'));
    const second = bulkhead.enter('ns/b');
    expect(bulkhead.callsInFlight).toBe(1);
    second.release();
    expect(await settled({ b, c })).toEqual(['b', 'c']);
  });

  it('hands a kept slot to the next key when the woken one does not come in time', async () => {
    const clock = new ManualClock();
    const bulkhead = new StoreBulkhead({ limit: 1, clock, holdForWaiterMs: 5_000 });
    const only = bulkhead.enter('ns/a');
    const gone = busyError(() => bulkhead.enter('ns/deleted')).slotFree;
    const next = busyError(() => bulkhead.enter('ns/next')).slotFree;
    only.release();
    expect(await settled({ gone, next })).toEqual(['gone']);
    clock.advance(4_999);
    expect(await settled({ gone, next })).toEqual(['gone']);
    clock.advance(1);
    expect(await settled({ gone, next })).toEqual(['gone', 'next']);
    expect(bulkhead.enter('ns/next')).toBeDefined();
  });

  it('wakes every waiter at once for wakeAll, keeping no slot, and reports idle when empty', async () => {
    let idle = 0;
    const bulkhead = new StoreBulkhead({ limit: 1, clock: new ManualClock(), onIdle: () => (idle += 1) });
    const slot: BulkheadSlot = bulkhead.enter('ns/a');
    const waits = Object.fromEntries(
      ['b', 'c', 'd'].map((name) => [name, busyError(() => bulkhead.enter(`ns/${name}`)).slotFree]),
    );
    bulkhead.wakeAll();
    expect(await settled(waits)).toEqual(['b', 'c', 'd']);
    expect(idle).toBe(0);
    slot.release();
    slot.release();
    expect(bulkhead.callsInFlight).toBe(0);
    expect(idle).toBe(1);
  });

  it('refuses a limit below 1', () => {
    expect(() => new StoreBulkhead({ limit: 0 })).toThrow(
      'bulkhead limit 0: expected a whole number of at least 1',
    );
  });
});
