import { describe, expect, it } from 'vitest';
import type { ExternalSecretView } from '../cluster/external-secret-view.ts';
import { judgeSync } from './sync-verdict.ts';
import { syncedVersionOf } from '../../api/v1alpha1/index.ts';

type Status = NonNullable<ExternalSecretView['status']>;

const ready = (status: 'True' | 'False', reason: string, message: string): Status['conditions'] => [
  { type: 'Ready', status, reason, message, lastTransitionTime: '2026-03-01T12:00:00Z' },
];

const before = { name: 'app-db', namespace: 'app', generation: 3, annotations: {} };
const after = { ...before, annotations: { 'ferry.dev/force-sync': '2026-03-01T12:00:00.000Z' } };

/** The object as the force-sync patch returned it: new annotation, status from the last sync. */
const requested: ExternalSecretView = {
  metadata: { ...after, resourceVersion: '100' },
  status: {
    conditions: ready('True', 'SecretSynced', 'in sync'),
    syncedResourceVersion: syncedVersionOf(before),
  },
};

function observed(status: Status, metadata = after): ExternalSecretView {
  return { metadata: { ...metadata, resourceVersion: '101' }, status };
}

describe('judgeSync', () => {
  it('is synced once the operator recorded the metadata that carries the request', () => {
    const status = {
      conditions: ready('True', 'SecretSynced', 'Secret "app-db" updated'),
      syncedResourceVersion: syncedVersionOf(after),
    };
    expect(judgeSync(requested, observed(status))).toEqual({
      state: 'synced',
      reason: 'SecretSynced',
      message: 'Secret "app-db" updated',
    });
  });

  it('is pending while the status only reflects a sync from before the request', () => {
    const status = {
      conditions: ready('True', 'SecretSynced', 'refreshed'),
      syncedResourceVersion: syncedVersionOf(before),
      refreshTime: '2026-03-01T12:00:01Z',
    };
    expect(judgeSync(requested, observed(status))).toEqual({ state: 'pending' });
    expect(judgeSync(requested, requested)).toEqual({ state: 'pending' });
  });

  it('is failed when the status changed after the request and says Ready False', () => {
    const status = {
      conditions: ready('False', 'ProviderError', 'the store timed out'),
      syncedResourceVersion: syncedVersionOf(before),
    };
    expect(judgeSync(requested, observed(status))).toEqual({
      state: 'failed',
      reason: 'ProviderError',
      message: 'the store timed out',
    });
  });

  it('is pending when an ExternalSecret that was already failing shows the same status', () => {
    const failing: ExternalSecretView = {
      ...requested,
      status: { conditions: ready('False', 'InvalidSpec', 'bad property') },
    };
    expect(
      judgeSync(failing, observed({ conditions: ready('False', 'InvalidSpec', 'bad property') })),
    ).toEqual({
      state: 'pending',
    });
  });

  it('counts a later sync too, when someone changed the metadata again while we waited', () => {
    const later = { ...after, labels: { tier: 'db' } };
    const status = {
      conditions: ready('True', 'SecretSynced', 'in sync'),
      syncedResourceVersion: syncedVersionOf(later),
    };
    expect(judgeSync(requested, observed(status, later)).state).toBe('synced');
  });
});
