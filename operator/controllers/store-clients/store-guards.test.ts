import { describe, expect, it } from 'vitest';
import type { ClusterSecretStore, SecretStore } from '../../api/v1alpha1/index.ts';
import { UnavailableError, type SecretsClient } from '../../providers/index.ts';
import { ManualClock } from '../../runtime/index.ts';
import { breakerClient } from './breaker-client.ts';
import { StoreUnavailableError } from './circuit-breaker.ts';
import { StoreBusyError } from './store-bulkhead.ts';
import { StoreGuards, type StoreRef } from './store-guards.ts';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const signal = new AbortController().signal;

function vaultStore(namespace: string, name: string, server: string): SecretStore {
  return {
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'SecretStore',
    metadata: { namespace, name, uid: `uid-${name}`, generation: 1 },
    spec: { provider: { vault: { server } } },
  } as unknown as SecretStore;
}

function clusterStore(name: string): ClusterSecretStore {
  return {
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'ClusterSecretStore',
    metadata: { name, uid: `uid-${name}`, generation: 1 },
    spec: { provider: { fake: { data: [] } } },
  } as unknown as ClusterSecretStore;
}

/** A store at our own interface: refuses connections while `down`, counts the calls that reach it. */
function serverClient(state: { down: boolean; calls: number }): SecretsClient {
  const answer = <T>(value: T): Promise<T> => {
    state.calls += 1;
    return state.down
      ? Promise.reject(new UnavailableError('vault: cannot reach (ECONNREFUSED)'))
      : Promise.resolve(value);
  };
  return {
    getSecret: () => answer(new Uint8Array([1])),
    getSecretMap: () => answer({}),
    findSecrets: async (query) => {
      await answer(undefined);
      await query.selectNames?.(['a']);
      return {};
    },
    validate: () => answer('Ready' as const),
    close: () => Promise.resolve(),
  };
}

function guarded() {
  const clock = new ManualClock(5_000_000);
  const server = { down: false, calls: 0 };
  const changes: [StoreRef, boolean][] = [];
  const store = vaultStore('team', 'vault', 'https://reader:s3cret@vault.example:8200/v1?token=abc');
  const clients = new Map<string, SecretsClient>();
  const clientOf = (forStore: SecretStore | ClusterSecretStore): SecretsClient => {
    let client = clients.get(forStore.metadata.name ?? '');
    if (!client) {
      client = breakerClient(serverClient(server), guards.circuitOf(forStore));
      clients.set(forStore.metadata.name ?? '', client);
    }
    return client;
  };
  const guards: StoreGuards = new StoreGuards({
    maxCallsInFlight: 2,
    failureThreshold: 3,
    probeIntervalMs: 2_000,
    probe: (forStore, probeSignal) => clientOf(forStore).validate(probeSignal),
    clock,
    random: () => 0.5,
  });
  guards.onCircuitChange((ref, open) => changes.push([ref, open]));
  return { guards, clock, server, changes, store, client: clientOf(store) };
}

describe('StoreGuards with the breaker layer of a store client', () => {
  it('opens after three refused calls: reads fail fast naming the server (no credentials, no query), the probe closes it', async () => {
    const { guards, clock, server, changes, store, client } = guarded();
    server.down = true;
    for (let call = 0; call < 3; call++)
      await expect(client.getSecret({ key: 'db' }, signal)).rejects.toThrow(UnavailableError);
    expect(changes).toEqual([[{ kind: 'SecretStore', namespace: 'team', name: 'vault' }, true]]);

    const callsBefore = server.calls;
    const paused = await client.getSecret({ key: 'db' }, signal).catch((error: unknown) => error);
    expect(paused).toBeInstanceOf(StoreUnavailableError);
    expect(server.calls).toBe(callsBefore);
    const message = (paused as Error).message;
    expect(message).toBe(
      'SecretStore "vault": https://vault.example:8200/v1 did not answer 3 calls in a row (connection refused, reset or timed out), so calls to it are paused; it is tried again every 2 s, and syncs resume as soon as it answers',
    );
    expect(guards.openCircuitMessage(store)).toBe(message);
    expect(() => guards.enter(store, 'team', 'team/es')).toThrow(StoreUnavailableError);

    server.down = false;
    clock.advance(2_000);
    await settle();
    expect(changes.at(-1)).toEqual([{ kind: 'SecretStore', namespace: 'team', name: 'vault' }, false]);
    expect(await client.getSecret({ key: 'db' }, signal)).toEqual(new Uint8Array([1]));
    // Healthy and idle again: nothing remembered of the store.
    expect(guards.states()).toEqual([]);
  });

  it("does not hold a find's failed name selection against the server", async () => {
    const { server, client } = guarded();
    const selectionFails = {
      selectNames: () => Promise.reject(new UnavailableError('looks like the store, is the budget')),
    };
    server.down = false;
    for (let call = 0; call < 5; call++)
      await expect(client.findSecrets(selectionFails, signal)).rejects.toThrow();
    expect(await client.getSecret({ key: 'db' }, signal)).toEqual(new Uint8Array([1]));
  });

  it('bounds calls in flight per store, and per namespace of a ClusterSecretStore', () => {
    const { guards, store } = guarded();
    guards.enter(store, 'team', 'team/a');
    guards.enter(store, 'team', 'team/b');
    expect(() => guards.enter(store, 'team', 'team/c')).toThrow(StoreBusyError);

    const shared = clusterStore('shared');
    guards.enter(shared, 'one', 'one/a');
    const second = guards.enter(shared, 'one', 'one/b');
    expect(() => guards.enter(shared, 'one', 'one/c')).toThrow(StoreBusyError);
    // Another tenant of the same ClusterSecretStore has slots of its own.
    expect(guards.enter(shared, 'two', 'two/a')).toBeDefined();
    second.release();
    expect(guards.states().map((state) => [state.store.name, state.callsInFlight, state.waiting])).toEqual([
      ['vault', 2, 1],
      ['shared', 2, 0],
    ]);
  });

  it('wakes the waiters of a store whose circuit opens, so they fail fast instead of waiting their turn', async () => {
    const { guards, server, store, client } = guarded();
    guards.enter(store, 'team', 'team/a');
    guards.enter(store, 'team', 'team/b');
    let woken = false;
    const waiting = (() => {
      try {
        guards.enter(store, 'team', 'team/c');
      } catch (error) {
        return (error as StoreBusyError).slotFree;
      }
      throw new Error('expected a busy store');
    })();
    void waiting.then(() => (woken = true));
    server.down = true;
    for (let call = 0; call < 3; call++) await client.getSecret({ key: 'db' }, signal).catch(() => undefined);
    await settle();
    expect(woken).toBe(true);
    expect(() => guards.enter(store, 'team', 'team/c')).toThrow(StoreUnavailableError);
  });

  it('starts afresh for an edited store (a new generation), and forgets a deleted one', () => {
    const { guards, server, store } = guarded();
    server.down = true;
    const circuit = guards.circuitOf(store);
    for (let call = 0; call < 3; call++) circuit.record('unanswered');
    expect(guards.openCircuitMessage(store)).toBeDefined();
    const edited = { ...store, metadata: { ...store.metadata, generation: 2 } };
    expect(guards.openCircuitMessage(edited)).toBeUndefined();
    guards.forget({ kind: 'SecretStore', namespace: 'team', name: 'vault' });
    expect(guards.openCircuitMessage(store)).toBeUndefined();
    expect(guards.states()).toEqual([]);
  });
});
