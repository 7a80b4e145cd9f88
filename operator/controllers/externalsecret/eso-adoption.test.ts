import { describe, expect, it } from 'vitest';
import type { ExternalSecret } from '../../api/v1alpha1/index.ts';
import { handoverPatch, takeoverRefusal } from './eso-adoption.ts';

const esoOwner = {
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  name: 'app-db',
  uid: 'eso-uid',
  controller: true,
};
const esoSecret = {
  metadata: {
    resourceVersion: '42',
    labels: { 'reconcile.external-secrets.io/managed': 'true', team: 'payments' },
    ownerReferences: [esoOwner],
  },
  immutable: false,
  dataHash: 'same',
};
function externalSecret(name: string, adopt: boolean): ExternalSecret {
  return {
    metadata: { name, namespace: 'app', ...(adopt ? { annotations: { 'ferry.dev/adopt': 'true' } } : {}) },
  } as unknown as ExternalSecret;
}

describe('takeoverRefusal', () => {
  it('refuses a Secret no one of ESO manages, as before', () => {
    expect(
      takeoverRefusal(externalSecret('app-db', true), 'app-db', { ...esoSecret, metadata: {} }, 'same'),
    ).toMatch(/^Secret "app-db" already exists and is not managed by this ExternalSecret/);
  });

  it('takes over only the Secret of ESO’s ExternalSecret of the same name', () => {
    expect(takeoverRefusal(externalSecret('app-db', true), 'app-db', esoSecret, 'same')).toBeUndefined();
    expect(takeoverRefusal(externalSecret('billing', true), 'app-db', esoSecret, 'same')).toBe(
      'Secret "app-db" is managed by External Secrets Operator for its ExternalSecret "app-db", not for one named "billing"; ferry.dev/adopt takes over only the Secret of ESO\'s ExternalSecret of the same name: name this ExternalSecret "app-db", or choose another target.name',
    );
  });

  it('refuses an immutable Secret whose data would change', () => {
    const immutable = { ...esoSecret, immutable: true };
    expect(takeoverRefusal(externalSecret('app-db', true), 'app-db', immutable, 'other')).toMatch(
      /is immutable and its data differs/,
    );
  });
});

describe('handoverPatch', () => {
  it('keeps others’ owner references and labels, and drops ESO’s', () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'web-uid' };
    const patch = handoverPatch(
      { ...esoSecret.metadata, ownerReferences: [esoOwner, deployment] },
      'ferry/app-db',
      'owner-hash',
    );
    expect(patch).toContainEqual({ op: 'test', path: '/metadata/resourceVersion', value: '42' });
    expect(patch).toContainEqual({ op: 'replace', path: '/metadata/ownerReferences', value: [deployment] });
    expect(patch).toContainEqual({
      op: 'remove',
      path: '/metadata/labels/reconcile.external-secrets.io~1managed',
    });
    expect(patch.filter((op) => op.path.includes('team'))).toEqual([]);
    expect(patch).toContainEqual({
      op: 'add',
      path: '/metadata/labels/ferry.dev~1owner',
      value: 'owner-hash',
    });
  });
});
