import type { V1Secret } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { dataHash } from './data-hash.ts';
import { KnownSecretVersions, liveTargetOf } from './live-target.ts';

const hashKey = new Uint8Array(32).fill(7);
const secret = (resourceVersion: string, password: string): V1Secret => ({
  metadata: { name: 'db', namespace: 'apps', resourceVersion },
  type: 'Opaque',
  immutable: true,
  data: { password: Buffer.from(password).toString('base64') },
});

describe('liveTargetOf', () => {
  it('hashes the data it read, and keeps it', () => {
    const live = liveTargetOf(secret('5', 'hunter2'), hashKey);
    expect(live.dataHash).toBe(dataHash(hashKey, 'Opaque', { password: Buffer.from('hunter2') }));
    expect(Buffer.from(live.data?.password ?? []).toString()).toBe('hunter2');
    expect(live.immutable).toBe(true);
  });

  it('treats a Secret without type or data as an empty Opaque one', () => {
    const live = liveTargetOf({ metadata: { name: 'x' } }, hashKey);
    expect(live.type).toBe('Opaque');
    expect(live.dataHash).toBe(dataHash(hashKey, 'Opaque', {}));
  });
});

describe('KnownSecretVersions', () => {
  it('recalls a version while the metadata cache still shows it, without its data', () => {
    const known = new KnownSecretVersions();
    const live = liveTargetOf(secret('5', 'hunter2'), hashKey);
    known.remember('apps/db', live);
    const recalled = known.recall('apps/db', {
      metadata: { name: 'db', resourceVersion: '5', labels: { a: 'b' } },
    });
    expect(recalled).toEqual({
      metadata: { name: 'db', resourceVersion: '5', labels: { a: 'b' } },
      type: 'Opaque',
      immutable: true,
      dataHash: live.dataHash,
    });
    expect(known.isKnown('apps/db', '5')).toBe(true);
  });

  it('does not recall once the cache shows another version, or nothing', () => {
    const known = new KnownSecretVersions();
    known.remember('apps/db', liveTargetOf(secret('5', 'hunter2'), hashKey));
    expect(known.recall('apps/db', { metadata: { resourceVersion: '6' } })).toBeUndefined();
    expect(known.recall('apps/db', undefined)).toBeUndefined();
    expect(known.isKnown('apps/db', '6')).toBe(false);
    expect(known.isKnown('apps/other', '5')).toBe(false);
  });

  it('forgets a key, and a Secret found missing', () => {
    const known = new KnownSecretVersions();
    known.remember('apps/db', liveTargetOf(secret('5', 'a'), hashKey));
    known.remember('apps/db', undefined);
    expect(known.isKnown('apps/db', '5')).toBe(false);
    known.remember('apps/db', liveTargetOf(secret('7', 'a'), hashKey));
    known.forget('apps/db');
    expect(known.recall('apps/db', { metadata: { resourceVersion: '7' } })).toBeUndefined();
  });
});
