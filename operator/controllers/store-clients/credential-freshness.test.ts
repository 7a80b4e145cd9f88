import { ApiException, type V1Secret } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { CredentialFreshness } from './credential-freshness.ts';

/** Secrets by `namespace/name` → resourceVersion, as our ClusterClient port would read them. */
function secrets(initial: Record<string, string>): {
  kube: { readSecret: (namespace: string, name: string) => Promise<V1Secret> };
  set: (id: string, version: string | undefined) => void;
  reads: () => number;
} {
  const versions = new Map(Object.entries(initial));
  let reads = 0;
  return {
    kube: {
      readSecret: (namespace, name) => {
        reads += 1;
        const version = versions.get(`${namespace}/${name}`);
        return version === undefined
          ? Promise.reject(new ApiException(404, 'not found', '', {}))
          : Promise.resolve({ metadata: { resourceVersion: version } });
      },
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
    const cluster = secrets({ 'ns/keys': '1' });
    const freshness = new CredentialFreshness(cluster.kube, { intervalMs: 1000, now: () => now });
    freshness.remember('store', new Map([['ns/keys', '1']]));
    const stale: string[] = [];
    const check = (): void => {
      freshness.check('store', () => stale.push('store'));
    };
    check();
    await settle();
    expect(cluster.reads()).toBe(0);
    now = 1000;
    check();
    check();
    await settle();
    expect(cluster.reads()).toBe(1);
    expect(stale).toEqual([]);
    cluster.set('ns/keys', '2');
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
    const cluster = secrets({ 'ns/keys': '1' });
    const failing = {
      readSecret: () => Promise.reject(new ApiException(503, 'unavailable', '', {})),
    };
    const stale: string[] = [];
    const unreadable = new CredentialFreshness(failing, { intervalMs: 10, now: () => now });
    unreadable.remember('store', new Map([['ns/keys', '1']]));
    now = 20;
    unreadable.check('store', () => stale.push('unreadable'));
    await settle();
    expect(stale).toEqual([]);

    const freshness = new CredentialFreshness(cluster.kube, { intervalMs: 10, now: () => now });
    freshness.remember('store', new Map([['ns/keys', '1']]));
    cluster.set('ns/keys', undefined);
    now = 40;
    freshness.check('store', () => stale.push('deleted'));
    await settle();
    expect(stale).toEqual(['deleted']);
  });
});
