import { describe, expect, it } from 'vitest';
import type { RemoteRef, SecretsClient } from '../../providers/index.ts';
import { coalescingClient } from './coalescing-client.ts';

/** A store at our own interface that counts calls and answers when told to. */
function countingStore(): { client: SecretsClient; calls: () => number; fail: (yes: boolean) => void } {
  let calls = 0;
  let failing = false;
  const client: SecretsClient = {
    getSecret: async (ref: RemoteRef) => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (failing) throw new Error('store down');
      return new TextEncoder().encode(`value-of-${ref.key}`);
    },
    getSecretMap: () => Promise.resolve({}),
    findSecrets: () => Promise.resolve({}),
    validate: () => Promise.resolve('Ready'),
    close: () => Promise.resolve(),
  };
  return { client, calls: () => calls, fail: (yes) => (failing = yes) };
}

const signal = new AbortController().signal;
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('coalescingClient', () => {
  it('answers a thousand identical reads with one call to the store', async () => {
    const store = countingStore();
    const client = coalescingClient(store.client, 1_000);
    const answers = await Promise.all(
      Array.from({ length: 1000 }, () => client.getSecret({ key: 'db' }, signal)),
    );
    expect(store.calls()).toBe(1);
    expect(new Set(answers.map(text))).toEqual(new Set(['value-of-db']));
  });

  it('keeps different refs apart and reads again after the window', async () => {
    const store = countingStore();
    const client = coalescingClient(store.client, 20);
    await Promise.all([
      client.getSecret({ key: 'a' }, signal),
      client.getSecret({ key: 'b' }, signal),
      client.getSecret({ key: 'a', property: 'p' }, signal),
    ]);
    expect(store.calls()).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 40));
    await client.getSecret({ key: 'a' }, signal);
    expect(store.calls()).toBe(4);
  });

  it('never keeps a failure: the next read asks the store again', async () => {
    const store = countingStore();
    const client = coalescingClient(store.client, 1_000);
    store.fail(true);
    await expect(client.getSecret({ key: 'db' }, signal)).rejects.toThrow('store down');
    store.fail(false);
    expect(text(await client.getSecret({ key: 'db' }, signal))).toBe('value-of-db');
    expect(store.calls()).toBe(2);
  });

  it("one caller's abort does not cancel the read for the others", async () => {
    const store = countingStore();
    const client = coalescingClient(store.client, 1_000);
    const aborting = new AbortController();
    const first = client.getSecret({ key: 'db' }, aborting.signal);
    const second = client.getSecret({ key: 'db' }, signal);
    aborting.abort(new Error('stopping'));
    await expect(first).rejects.toThrow('stopping');
    expect(text(await second)).toBe('value-of-db');
  });
});
