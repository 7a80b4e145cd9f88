import { describe, expect, it } from 'vitest';
import { refreshGrid } from '../../runtime/index.ts';
import type { ExternalSecretView } from '../cluster/external-secret-view.ts';
import { describeNextRefresh, nextRefreshOf } from './next-refresh.ts';
import { syncedVersionOf } from '../../api/v1alpha1/index.ts';

const minute = 60_000;
const hour = 60 * minute;
const now = Date.parse('2026-03-01T12:00:00Z');

/** An ExternalSecret the operator synced `syncedAgoMs` ago, with `spec` on top of a Periodic 1h one. */
function syncedExternalSecret(
  spec: ExternalSecretView['spec'] = {},
  syncedAgoMs = 10 * minute,
): ExternalSecretView & { status: NonNullable<ExternalSecretView['status']> } {
  const metadata = { name: 'app-db', namespace: 'app', generation: 2, annotations: { team: 'a' } };
  const refreshTime = new Date(now - syncedAgoMs).toISOString();
  return {
    metadata,
    spec: {
      secretStoreRef: { name: 'fake', kind: 'SecretStore' },
      refreshPolicy: 'Periodic',
      refreshInterval: '1h',
      ...spec,
    },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'SecretSynced',
          message: 'ok',
          lastTransitionTime: refreshTime,
        },
      ],
      refreshTime,
      syncedResourceVersion: syncedVersionOf(metadata),
    },
  };
}

describe('nextRefreshOf', () => {
  it('is the refresh grid point of the store the controller uses, at most one interval after the last sync', () => {
    const es = syncedExternalSecret();
    const refreshedAt = now - 10 * minute;
    const next = nextRefreshOf(es, now);
    expect(next).toEqual({ kind: 'scheduled', at: refreshGrid('SecretStore/app/fake')(refreshedAt, hour) });
    if (next.kind !== 'scheduled') throw new Error('not scheduled');
    expect(next.at).toBeGreaterThan(refreshedAt);
    expect(next.at).toBeLessThanOrEqual(refreshedAt + hour);
  });

  it('puts ExternalSecrets of a ClusterSecretStore on that store’s grid, whatever their namespace', () => {
    const es = syncedExternalSecret({ secretStoreRef: { name: 'shared', kind: 'ClusterSecretStore' } });
    expect(nextRefreshOf(es, now)).toEqual({
      kind: 'scheduled',
      at: refreshGrid('ClusterSecretStore//shared')(now - 10 * minute, hour),
    });
  });

  it('is the next grid point after now when refreshes since the last status write found nothing new', () => {
    const refreshedAt = now - 5 * hour - 7 * minute;
    const es = syncedExternalSecret({}, 5 * hour + 7 * minute);
    const firstDue = refreshGrid('SecretStore/app/fake')(refreshedAt, hour);
    const next = nextRefreshOf(es, now);
    if (next.kind !== 'scheduled') throw new Error('not scheduled');
    expect(next.at).toBeGreaterThan(now);
    expect(next.at - now).toBeLessThanOrEqual(hour);
    expect((next.at - firstDue) % hour).toBe(0);
  });

  it.each([
    [{ refreshPolicy: 'OnChange' }, 'on-change'],
    [{ refreshPolicy: 'Periodic', refreshInterval: '0' }, 'on-change'],
    [{ refreshPolicy: 'CreatedOnce' }, 'never'],
  ])('follows the refresh policy %j', (spec, kind) => {
    expect(nextRefreshOf(syncedExternalSecret(spec), now)).toEqual({ kind });
  });

  it('is pending before the first sync and while a change waits for the operator', () => {
    expect(nextRefreshOf({ metadata: { name: 'new', namespace: 'app' } }, now)).toEqual({ kind: 'pending' });
    const changed = syncedExternalSecret();
    changed.metadata.annotations = { 'ferry.dev/force-sync': '2026-03-01T11:59:59Z' };
    expect(nextRefreshOf(changed, now)).toEqual({ kind: 'pending' });
  });

  it('is retrying after a failure, and on change when the spec itself is wrong', () => {
    const failing = syncedExternalSecret();
    failing.status.conditions = [
      { type: 'Ready', status: 'False', reason: 'ProviderError', message: 'timeout', lastTransitionTime: '' },
    ];
    expect(nextRefreshOf(failing, now)).toEqual({ kind: 'retrying' });
    failing.status.conditions = [
      { type: 'Ready', status: 'False', reason: 'InvalidSpec', message: 'bad', lastTransitionTime: '' },
    ];
    expect(nextRefreshOf(failing, now)).toEqual({ kind: 'on-change' });
  });
});

describe('describeNextRefresh', () => {
  it.each([
    [{ kind: 'scheduled', at: now + 42 * minute }, 'in 42m'],
    [{ kind: 'on-change' }, 'on change'],
    [{ kind: 'never' }, 'never'],
    [{ kind: 'pending' }, 'pending'],
    [{ kind: 'retrying' }, 'retrying'],
  ] as const)('%j reads %s', (next, text) => {
    expect(describeNextRefresh(next, now)).toBe(text);
  });
});
