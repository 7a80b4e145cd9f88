import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { CredentialFreshness, type CredentialSourceReader } from './credential-freshness.ts';

/** Objects by `Kind/namespace/name` → resourceVersion, as our ClusterClient port would read them. */
function cluster(initial: Record<string, string>): {
  kube: CredentialSourceReader;
  set: (id: string, version: string | undefined) => void;
  reads: () => number;
} {
  const versions = new Map(Object.entries(initial));
  let reads = 0;
  const read = (kind: string) => (namespace: string, name: string) => {
    reads += 1;
    const version = versions.get(`${kind}/${namespace}/${name}`);
    return version === undefined
      ? Promise.reject(new ApiException(404, 'not found', '', {}))
      : Promise.resolve({ metadata: { resourceVersion: version } });
  };
  return {
    kube: {
      readSecret: read('Secret'),
      readConfigMap: read('ConfigMap'),
      readServiceAccount: read('ServiceAccount'),
    },
    set: (id, version) => {
      if (version === undefined) versions.delete(id);
      else versions.set(id, version);
    },
    reads: () => reads,
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('CredentialFreshness', () => {
  it('looks at most once per interval, and reports a changed Secret once', async () => {
    let now = 0;
    const world = cluster({ 'Secret/ns/keys': '1' });
    const freshness = new CredentialFreshness(world.kube, { intervalMs: 1000, now: () => now });
    freshness.remember('store', new Map([['Secret/ns/keys', '1']]));
    const stale: string[] = [];
    const check = (): void => {
      freshness.check('store', () => stale.push('store'));
    };
    check();
    await settle();
    expect(world.reads()).toBe(0);
    now = 1000;
    check();
    check();
    await settle();
    expect(world.reads()).toBe(1);
    expect(stale).toEqual([]);
    world.set('Secret/ns/keys', '2');
    now = 2000;
    check();
    await settle();
    expect(stale).toEqual(['store']);
    now = 5000;
    check();
    await settle();
    expect(stale).toEqual(['store']);
  });

  it('reports a deleted Secret as stale, and keeps the client when the Secret cannot be read', async () => {
    let now = 0;
    const world = cluster({ 'Secret/ns/keys': '1' });
    const unavailable = () => Promise.reject(new ApiException(503, 'unavailable', '', {}));
    const failing = { readSecret: unavailable, readConfigMap: unavailable, readServiceAccount: unavailable };
    const stale: string[] = [];
    const unreadable = new CredentialFreshness(failing, { intervalMs: 10, now: () => now });
    unreadable.remember('store', new Map([['Secret/ns/keys', '1']]));
    now = 20;
    unreadable.check('store', () => stale.push('unreadable'));
    await settle();
    expect(stale).toEqual([]);

    const freshness = new CredentialFreshness(world.kube, { intervalMs: 10, now: () => now });
    freshness.remember('store', new Map([['Secret/ns/keys', '1']]));
    world.set('Secret/ns/keys', undefined);
    now = 40;
    freshness.check('store', () => stale.push('deleted'));
    await settle();
    expect(stale).toEqual(['deleted']);
  });

  it('watches ConfigMaps and ServiceAccounts the same way: any changed source makes the client stale', async () => {
    let now = 0;
    const world = cluster({
      'Secret/ns/keys': '1',
      'ConfigMap/ns/ca-bundle': '7',
      'ServiceAccount/ns/irsa': '3',
    });
    const freshness = new CredentialFreshness(world.kube, { intervalMs: 10, now: () => now });
    const remember = (): void => {
      freshness.remember(
        'store',
        new Map([
          ['Secret/ns/keys', '1'],
          ['ConfigMap/ns/ca-bundle', '7'],
          ['ServiceAccount/ns/irsa', '3'],
        ]),
      );
    };
    const stale: string[] = [];
    remember();
    now = 20;
    freshness.check('store', () => stale.push('unchanged'));
    await settle();
    expect(world.reads()).toBe(3);
    expect(stale).toEqual([]);
    for (const [id, version] of [
      ['ConfigMap/ns/ca-bundle', '8'],
      ['ServiceAccount/ns/irsa', '4'],
    ] as const) {
      world.set(id, version);
      now += 20;
      freshness.check('store', () => stale.push(id));
      await settle();
      world.set(id, id.startsWith('ConfigMap') ? '7' : '3');
      remember();
    }
    expect(stale).toEqual(['ConfigMap/ns/ca-bundle', 'ServiceAccount/ns/irsa']);
  });
});
