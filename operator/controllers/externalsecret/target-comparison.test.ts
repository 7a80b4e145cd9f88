import type { V1ManagedFieldsEntry, V1ObjectMeta } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { ExternalSecret } from '../../api/v1alpha1/index.ts';
import { dataHash } from './data-hash.ts';
import type { LiveTarget } from './live-target.ts';
import { targetInSync, targetState } from './target-comparison.ts';
import type { TargetRole } from './target-role.ts';

const hashKey = new Uint8Array(32).fill(3);
const bytes = (text: string): Uint8Array => Buffer.from(text);

function externalSecret(creationPolicy: string): ExternalSecret {
  return ExternalSecret.parse({
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'ExternalSecret',
    metadata: { name: 'app', namespace: 'team', uid: 'es-uid' },
    spec: {
      secretStoreRef: { name: 'store' },
      target: { creationPolicy },
      data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
    },
  });
}

/** The metadata fields these tests vary, as a plain object. */
type MetadataFields = Pick<V1ObjectMeta, 'annotations' | 'ownerReferences'>;

const ourLabels = { 'ferry.dev/managed': 'true', 'ferry.dev/owner': 'owner-1' };
/** managedFields as the API server records an apply of these data keys by this ExternalSecret. */
const appliedBy = (manager: string, keys: string[]): V1ManagedFieldsEntry[] => [
  {
    manager,
    operation: 'Apply',
    fieldsType: 'FieldsV1',
    fieldsV1: { 'f:data': Object.fromEntries(keys.map((key) => [`f:${key}`, {}])) },
  },
];

function live(data: Record<string, string>, metadata: V1ObjectMeta): LiveTarget {
  const decoded = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, bytes(value)]));
  return {
    metadata,
    type: 'Opaque',
    immutable: false,
    dataHash: dataHash(hashKey, 'Opaque', decoded),
    data: decoded,
  };
}

const desired = { password: bytes('s3cret') };
const inSync = (es: ExternalSecret, target: LiveTarget, role: TargetRole, data = desired): boolean =>
  targetInSync({
    live: target,
    data,
    labels: {},
    annotations: {},
    hash: dataHash(hashKey, 'Opaque', data),
    owner: 'owner-1',
    role,
    es,
  });

describe('targetState', () => {
  it('CreateOrMerge: missing when there is no Secret; otherwise in sync, whatever keys others add', () => {
    const es = externalSecret('CreateOrMerge');
    expect(targetState(undefined, es)).toBe('missing');
    const shared = live({ password: 's3cret', own: 'theirs' }, { labels: ourLabels });
    expect(targetState(shared, es)).toBe('in-sync');
  });

  it('Orphan: a Secret whose data does not match its data-hash has drifted', () => {
    const es = externalSecret('Orphan');
    const target = live({ password: 'tampered' }, { annotations: { 'ferry.dev/data-hash': 'other' } });
    expect(targetState(target, es)).toBe('drifted');
  });
});

describe('targetInSync for CreateOrMerge', () => {
  const es = externalSecret('CreateOrMerge');
  const created = (data: Record<string, string>, extra: MetadataFields = {}): LiveTarget =>
    live(data, { labels: ourLabels, managedFields: appliedBy('ferry/app', ['password']), ...extra });

  it('a Secret it created: in sync when its keys hold its values, other writers’ keys aside', () => {
    expect(inSync(es, created({ password: 's3cret', own: 'theirs' }), 'created')).toBe(true);
    expect(inSync(es, created({ password: 'old', own: 'theirs' }), 'created')).toBe(false);
  });

  it('a Secret it created must keep Ferry’s labels and lose a data-hash an earlier policy wrote', () => {
    expect(
      inSync(
        es,
        live({ password: 's3cret' }, { managedFields: appliedBy('ferry/app', ['password']) }),
        'created',
      ),
    ).toBe(false);
    const hashed = created({ password: 's3cret' }, { annotations: { 'ferry.dev/data-hash': 'h' } });
    expect(inSync(es, hashed, 'created')).toBe(false);
  });

  it('an ownerReference to the ExternalSecret (left by an earlier Owner spec) must go', () => {
    const owned = created(
      { password: 's3cret' },
      {
        ownerReferences: [
          { apiVersion: 'ferry.dev/v1alpha1', kind: 'ExternalSecret', name: 'app', uid: 'es-uid' },
        ],
      },
    );
    expect(inSync(es, owned, 'created')).toBe(false);
  });

  it('a key it applied but no longer has (a remote key gone) needs a write, which removes it', () => {
    const target = live(
      { password: 's3cret', gone: 'old', own: 'theirs' },
      { managedFields: appliedBy('ferry/app', ['password', 'gone']) },
    );
    expect(inSync(es, target, 'merged')).toBe(false);
  });

  it('merged into someone else’s Secret: in sync on its own keys, once it has applied them', () => {
    const foreign = (managedFields: V1ManagedFieldsEntry[]): LiveTarget =>
      live({ password: 's3cret', own: 'theirs' }, { labels: { team: 'db' }, managedFields });
    expect(inSync(es, foreign(appliedBy('ferry/app', ['password'])), 'merged')).toBe(true);
    // The same value written by someone else is not yet this ExternalSecret's key.
    expect(inSync(es, foreign(appliedBy('kubectl', ['password'])), 'merged')).toBe(false);
  });
});

describe('targetInSync for Owner and Orphan', () => {
  const owned = (extra: MetadataFields): LiveTarget => {
    const hash = dataHash(hashKey, 'Opaque', desired);
    return live(
      { password: 's3cret' },
      { labels: ourLabels, annotations: { 'ferry.dev/data-hash': hash }, ...extra },
    );
  };
  const reference = { apiVersion: 'ferry.dev/v1alpha1', kind: 'ExternalSecret', name: 'app', uid: 'es-uid' };

  it('Owner needs its ownerReference; Orphan must not keep one', () => {
    expect(inSync(externalSecret('Owner'), owned({ ownerReferences: [reference] }), 'owned')).toBe(true);
    expect(inSync(externalSecret('Owner'), owned({}), 'owned')).toBe(false);
    expect(inSync(externalSecret('Orphan'), owned({}), 'owned')).toBe(true);
    expect(inSync(externalSecret('Orphan'), owned({ ownerReferences: [reference] }), 'owned')).toBe(false);
  });

  it('a foreign key makes the whole-data hash differ: not in sync', () => {
    const hash = dataHash(hashKey, 'Opaque', desired);
    const target = live(
      { password: 's3cret', own: 'x' },
      { labels: ourLabels, annotations: { 'ferry.dev/data-hash': hash } },
    );
    expect(inSync(externalSecret('Orphan'), target, 'owned')).toBe(false);
  });
});
