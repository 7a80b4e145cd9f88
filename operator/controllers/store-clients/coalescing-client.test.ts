import { describe, expect, it } from 'vitest';
import { PropertyNotFoundError, type RemoteRef, type SecretsClient } from '../../providers/index.ts';
import { coalescingClient } from './coalescing-client.ts';

const utf8 = new TextEncoder();
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/**
 * A store at our own interface that counts calls and answers when told to. A key's whole value is
 * the JSON `{"p": "p-of-KEY", "q": "q-of-KEY"}`; with `selectsProperties` it offers a
 * propertySelector for it, as the JSON-valued providers do.
 */
function countingStore(options: { selectsProperties?: boolean } = {}): {
  client: SecretsClient;
  calls: () => number;
  fail: (yes: boolean) => void;
} {
  let calls = 0;
  let failing = false;
  const whole = (key: string): Record<string, string> => ({ p: `p-of-${key}`, q: `q-of-${key}` });
  const pick = (value: Record<string, string>, property: string): Uint8Array => {
    const picked = value[property];
    if (picked === undefined) throw new PropertyNotFoundError(`property "${property}" not found`);
    return utf8.encode(picked);
  };
  const client: SecretsClient = {
    getSecret: async (ref: RemoteRef) => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (failing) throw new Error('store down');
      const value = whole(ref.key);
      return ref.property === undefined ? utf8.encode(JSON.stringify(value)) : pick(value, ref.property);
    },
    getSecretMap: () => Promise.resolve({}),
    findSecrets: () => Promise.resolve({}),
    validate: () => Promise.resolve('Ready'),
    close: () => Promise.resolve(),
  };
  if (options.selectsProperties) {
    client.propertySelector = (ref) => (bytes) =>
      pick(JSON.parse(text(bytes)) as Record<string, string>, ref.property);
  }
  return { client, calls: () => calls, fail: (yes) => (failing = yes) };
}

/** A clock the test moves by hand. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let at = 1_700_000_000_000;
  return {
    now: () => at,
    advance: (ms) => {
      at += ms;
    },
  };
}

const signal = new AbortController().signal;

describe('coalescingClient', () => {
  it('answers a thousand identical reads with one call to the store', async () => {
    const store = countingStore();
    const client = coalescingClient(store.client, { windowMs: 1_000 });
    const answers = await Promise.all(
      Array.from({ length: 1000 }, () => client.getSecret({ key: 'db', property: 'p' }, signal)),
    );
    expect(store.calls()).toBe(1);
    expect(new Set(answers.map(text))).toEqual(new Set(['p-of-db']));
  });

  it('keeps different refs apart and reads again after the window', async () => {
    const store = countingStore();
    const clock = manualClock();
    const client = coalescingClient(store.client, { windowMs: 20, now: clock.now });
    await Promise.all([
      client.getSecret({ key: 'a' }, signal),
      client.getSecret({ key: 'b' }, signal),
      client.getSecret({ key: 'a', property: 'p' }, signal),
    ]);
    expect(store.calls()).toBe(3);
    clock.advance(10);
    await client.getSecret({ key: 'a' }, signal);
    expect(store.calls()).toBe(3);
    clock.advance(30);
    await client.getSecret({ key: 'a' }, signal);
    expect(store.calls()).toBe(4);
  });

  it('serves every property of a remote secret from one read where the provider offers a selector', async () => {
    const store = countingStore({ selectsProperties: true });
    const client = coalescingClient(store.client, { windowMs: 1_000 });
    const [p, q, whole] = await Promise.all([
      client.getSecret({ key: 'db', property: 'p' }, signal),
      client.getSecret({ key: 'db', property: 'q' }, signal),
      client.getSecret({ key: 'db' }, signal),
    ]);
    expect([text(p), text(q)]).toEqual(['p-of-db', 'q-of-db']);
    expect(JSON.parse(text(whole))).toEqual({ p: 'p-of-db', q: 'q-of-db' });
    expect(store.calls()).toBe(1);
    // A missing property fails for its caller alone, with the provider's own error.
    await expect(client.getSecret({ key: 'db', property: 'nope' }, signal)).rejects.toBeInstanceOf(
      PropertyNotFoundError,
    );
    expect(store.calls()).toBe(1);
  });

  it('lets a refresh wave share a read that started at or after its due time, however long ago', async () => {
    const store = countingStore({ selectsProperties: true });
    const clock = manualClock();
    const client = coalescingClient(store.client, { windowMs: 2_000, retentionMs: 120_000, now: clock.now });
    const dueAt = clock.now();
    await client.readingSince(dueAt).getSecret({ key: 'db', property: 'p' }, signal);
    clock.advance(60_000);
    // The last ExternalSecrets of the wave, a minute later: still one read.
    await client.readingSince(dueAt).getSecret({ key: 'db', property: 'q' }, signal);
    expect(store.calls()).toBe(1);
    // An ExternalSecret due later needs a read that started after its own due time.
    await client.readingSince(clock.now()).getSecret({ key: 'db', property: 'p' }, signal);
    expect(store.calls()).toBe(2);
    // Reads outside a wave share only within the window.
    clock.advance(5_000);
    await client.getSecret({ key: 'db', property: 'p' }, signal);
    expect(store.calls()).toBe(3);
  });

  it('never keeps a failure: the next read asks the store again', async () => {
    const store = countingStore();
    const client = coalescingClient(store.client, { windowMs: 1_000 });
    store.fail(true);
    await expect(client.getSecret({ key: 'db' }, signal)).rejects.toThrow('store down');
    store.fail(false);
    expect(JSON.parse(text(await client.getSecret({ key: 'db' }, signal)))).toMatchObject({ p: 'p-of-db' });
    expect(store.calls()).toBe(2);
  });

  it("one caller's abort does not cancel the read for the others", async () => {
    const store = countingStore();
    const client = coalescingClient(store.client, { windowMs: 1_000 });
    const aborting = new AbortController();
    const first = client.getSecret({ key: 'db', property: 'p' }, aborting.signal);
    const second = client.getSecret({ key: 'db', property: 'p' }, signal);
    aborting.abort(new Error('stopping'));
    await expect(first).rejects.toThrow('stopping');
    expect(text(await second)).toBe('p-of-db');
  });
});
