import { describe, expect, it } from 'vitest';
import { ExternalSecret } from '../../api/v1alpha1/index.ts';
import { mergesKeys, ownedByAnother, targetRole } from './target-role.ts';

function externalSecret(creationPolicy?: string): ExternalSecret {
  return ExternalSecret.parse({
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'ExternalSecret',
    metadata: { name: 'app', namespace: 'team' },
    spec: {
      secretStoreRef: { name: 'store' },
      target: creationPolicy ? { creationPolicy } : {},
      data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
    },
  });
}

const ours = { metadata: { labels: { 'ferry.dev/owner': 'owner-1' } } };
const anothers = { metadata: { labels: { 'ferry.dev/owner': 'owner-2' } } };
const unlabelled = { metadata: { name: 'app' } };

describe('targetRole', () => {
  it('Owner and Orphan own their Secret, whatever is there', () => {
    for (const policy of [undefined, 'Owner', 'Orphan'])
      for (const live of [undefined, ours, anothers, unlabelled])
        expect(targetRole(externalSecret(policy), live, 'owner-1')).toBe('owned');
  });

  it('Merge always merges', () => {
    for (const live of [undefined, ours, unlabelled])
      expect(targetRole(externalSecret('Merge'), live, 'owner-1')).toBe('merged');
  });

  it('CreateOrMerge creates a missing Secret, keeps one it created, and merges into anyone else’s', () => {
    const es = externalSecret('CreateOrMerge');
    expect(targetRole(es, undefined, 'owner-1')).toBe('created');
    expect(targetRole(es, ours, 'owner-1')).toBe('created');
    expect(targetRole(es, unlabelled, 'owner-1')).toBe('merged');
    expect(targetRole(es, anothers, 'owner-1')).toBe('merged');
  });
});

describe('mergesKeys', () => {
  it('is true for Merge and CreateOrMerge only', () => {
    expect(mergesKeys(externalSecret('Merge'))).toBe(true);
    expect(mergesKeys(externalSecret('CreateOrMerge'))).toBe(true);
    for (const policy of ['Owner', 'Orphan', 'None']) expect(mergesKeys(externalSecret(policy))).toBe(false);
  });
});

describe('ownedByAnother', () => {
  const hashed = { 'ferry.dev/data-hash': 'h' };
  it('is true for another ExternalSecret’s Owner or Orphan Secret (owner label and data-hash)', () => {
    expect(ownedByAnother({ metadata: { ...anothers.metadata, annotations: hashed } }, 'owner-1')).toBe(true);
  });

  it('is false for its own Secret, one CreateOrMerge created (no data-hash), and an unlabelled one', () => {
    expect(ownedByAnother({ metadata: { ...ours.metadata, annotations: hashed } }, 'owner-1')).toBe(false);
    expect(ownedByAnother(anothers, 'owner-1')).toBe(false);
    expect(ownedByAnother({ metadata: { annotations: hashed } }, 'owner-1')).toBe(false);
  });
});
