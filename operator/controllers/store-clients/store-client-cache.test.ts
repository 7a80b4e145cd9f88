import { describe, expect, it } from 'vitest';
import type { SecretsClient } from '../../providers/index.ts';
import type { InFlight } from './in-flight.ts';
import { StoreClientCache } from './store-client-cache.ts';

/** A client at our own interface: records whether it was closed; getSecret waits for `answer`. */
function trackedClient(inFlight: InFlight, answer: Promise<void> = Promise.resolve()) {
  const state = { closed: false };
  const client: SecretsClient = {
    getSecret: (_ref, _signal) =>
      inFlight.around(async () => {
        await answer;
        return new Uint8Array();
      }),
    getSecretMap: () => Promise.resolve({}),
    findSecrets: () => Promise.resolve({}),
    validate: () => Promise.resolve('Ready'),
    close: () => {
      state.closed = true;
      return Promise.resolve();
    },
  };
  return { client, state };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function cacheWith(options: ConstructorParameters<typeof StoreClientCache>[0]) {
  const cache = new StoreClientCache({ closeGraceMs: 0, ...options });
  const states = new Map<string, { closed: boolean }>();
  const get = (key: string, bytes = 1) =>
    cache.get(key, bytes, (inFlight) => {
      const { client, state } = trackedClient(inFlight);
      states.set(key, state);
      return Promise.resolve(client);
    });
  return { cache, states, get };
}

describe('StoreClientCache bounds', () => {
  it('keeps at most maxEntries clients, closing the least recently used', async () => {
    const { cache, states, get } = cacheWith({ maxEntries: 2 });
    const a = await get('a');
    await get('b');
    expect(await get('a')).toBe(a); // a is now the most recently used
    await get('c');
    await settle();
    expect(cache.size.entries).toBe(2);
    expect(states.get('b')?.closed).toBe(true);
    expect(states.get('a')?.closed).toBe(false);
    // b is built again when its store is used again.
    const created = states.get('b');
    await get('b');
    expect(states.get('b')).not.toBe(created);
  });

  it('keeps at most maxBytes of clients by their estimates', async () => {
    const { cache, states, get } = cacheWith({ maxBytes: 100 });
    await get('a', 60);
    await get('b', 30);
    await get('c', 30);
    await settle();
    expect(cache.size).toEqual({ entries: 2, bytes: 60 });
    expect(states.get('a')?.closed).toBe(true);
    expect(states.get('b')?.closed).toBe(false);
  });

  it('keeps a client larger than the bound until another takes its place', async () => {
    const { cache, get } = cacheWith({ maxBytes: 10 });
    await get('a', 50);
    expect(cache.size.entries).toBe(1);
  });

  it('closes a client evicted during a call only after that call ended', async () => {
    const cache = new StoreClientCache({ maxEntries: 1, closeGraceMs: 0 });
    let answer = (): void => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    let state = { closed: false };
    const busy = await cache.get('busy', 1, (inFlight) => {
      const tracked = trackedClient(inFlight, answered);
      state = tracked.state;
      return Promise.resolve(tracked.client);
    });
    const call = busy.getSecret({ key: 'k' }, new AbortController().signal);
    await cache.get('other', 1, (inFlight) => Promise.resolve(trackedClient(inFlight).client));
    await settle();
    expect(cache.size.entries).toBe(1);
    expect(state.closed).toBe(false);
    answer();
    await call;
    await settle();
    expect(state.closed).toBe(true);
  });

  it('does not keep a client whose creation failed', async () => {
    const cache = new StoreClientCache({ maxEntries: 5 });
    await expect(cache.get('a', 1, () => Promise.reject(new Error('login refused')))).rejects.toThrow();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });
});

describe('StoreClientCache reports', () => {
  it('which bound let each client go, and every key that left the cache', async () => {
    const evicted: string[] = [];
    const forgotten: string[] = [];
    const { cache, get } = cacheWith({
      maxEntries: 3,
      maxBytes: 100,
      onEvicted: (bound) => evicted.push(bound),
      onForgotten: (key) => forgotten.push(key),
    });
    await get('a');
    await get('b');
    await get('c');
    await get('d'); // a fourth client: a goes, for the entries bound
    await get('big', 99); // a fifth: b goes for the entries bound, then c for the bytes (1 + 1 + 99 > 100)
    cache.invalidate('big'); // gone, but not for a bound
    expect(evicted).toEqual(['entries', 'entries', 'bytes']);
    expect(forgotten).toEqual(['a', 'b', 'c', 'big']);
    expect(cache.has('big')).toBe(false);
    expect(cache.has('d')).toBe(true);
  });
});
