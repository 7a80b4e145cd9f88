import { describe, expect, it } from 'vitest';
import { ExternalSecret, forceSyncAnnotation } from '../../api/v1alpha1/index.ts';
import { decideRefresh, followsSourceChanges, specVersion, type TargetState } from './refresh-decision.ts';

const hour = 3_600_000;
const syncedAt = Date.parse('2026-01-01T00:00:00Z');
const metadata = {
  name: 'app',
  namespace: 'team',
  generation: 3,
  labels: { app: 'web' },
  annotations: { note: 'x' },
};

/** An ExternalSecret whose last sync applied exactly its current spec, `syncedAt`. */
function syncedExternalSecret(spec: Record<string, unknown> = {}, meta = metadata): ExternalSecret {
  return ExternalSecret.parse({
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'ExternalSecret',
    metadata: meta,
    spec: {
      secretStoreRef: { name: 'store' },
      data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
      ...spec,
    },
    status: {
      syncedResourceVersion: specVersion(meta),
      refreshTime: new Date(syncedAt).toISOString(),
    },
  });
}

describe('specVersion', () => {
  it('changes with the generation', () => {
    expect(specVersion({ ...metadata, generation: 4 })).not.toBe(specVersion(metadata));
  });

  it('changes when any label or annotation changes, force-sync included', () => {
    const base = specVersion(metadata);
    expect(specVersion({ ...metadata, labels: { app: 'api' } })).not.toBe(base);
    expect(specVersion({ ...metadata, annotations: {} })).not.toBe(base);
    const forced = { ...metadata, annotations: { ...metadata.annotations, [forceSyncAnnotation]: '1' } };
    const forcedAgain = { ...metadata, annotations: { ...metadata.annotations, [forceSyncAnnotation]: '2' } };
    expect(specVersion(forced)).not.toBe(base);
    expect(specVersion(forcedAgain)).not.toBe(specVersion(forced));
  });

  it('tells a label from an annotation of the same name and value', () => {
    expect(specVersion({ generation: 1, labels: { a: 'b' } })).not.toBe(
      specVersion({ generation: 1, annotations: { a: 'b' } }),
    );
  });

  it('ignores what a status write changes (resourceVersion) and the order of the maps', () => {
    const status = { ...metadata, resourceVersion: '999', creationTimestamp: '2026-01-01T00:00:00Z' };
    expect(specVersion(status)).toBe(specVersion(metadata));
    const reordered = { ...metadata, labels: { z: '1', a: '2' } };
    expect(specVersion(reordered)).toBe(specVersion({ ...metadata, labels: { a: '2', z: '1' } }));
  });

  it('treats absent generation, labels and annotations as empty', () => {
    expect(specVersion({})).toBe(specVersion({ generation: 0, labels: {}, annotations: {} }));
  });
});

describe('decideRefresh', () => {
  const notDueYet = syncedAt + hour / 2;
  const due = syncedAt + hour;

  it('syncs an ExternalSecret that never synced, whatever its policy', () => {
    for (const refreshPolicy of ['Periodic', 'OnChange', 'CreatedOnce']) {
      const es = syncedExternalSecret({ refreshPolicy });
      delete es.status;
      expect(decideRefresh(es, 'in-sync', undefined, notDueYet)).toEqual({ sync: true, why: 'never-synced' });
      // So does one whose last refresh time is unknown (no status.refreshTime, nothing in memory).
      expect(decideRefresh(syncedExternalSecret({ refreshPolicy }), 'in-sync', undefined, notDueYet)).toEqual(
        { sync: true, why: 'never-synced' },
      );
    }
  });

  it('syncs on a spec change (a new generation or annotation), whatever the policy and interval', () => {
    for (const refreshPolicy of ['Periodic', 'OnChange', 'CreatedOnce']) {
      for (const refreshInterval of ['0', '1h']) {
        const es = syncedExternalSecret({ refreshPolicy, refreshInterval });
        es.metadata.annotations = { ...es.metadata.annotations, [forceSyncAnnotation]: 'now' };
        expect(decideRefresh(es, 'in-sync', syncedAt, notDueYet)).toEqual({
          sync: true,
          why: 'spec-changed',
        });
        es.metadata.generation = 99;
        expect(decideRefresh(es, 'in-sync', syncedAt, notDueYet).why).toBe('spec-changed');
      }
    }
  });

  // Every policy × target state × interval (0, not due, due) for a synced, unchanged spec.
  type Row = [policy: string, target: TargetState, interval: '0' | 'not due' | 'due', why: string];
  const rows: Row[] = [];
  const expected: Record<string, Record<TargetState, string>> = {
    Periodic: { missing: 'target-missing', drifted: 'target-drifted', 'in-sync': 'interval' },
    OnChange: { missing: 'target-missing', drifted: 'target-drifted', 'in-sync': 'not-due' },
    // CreatedOnce recreates a deleted Secret but leaves edits to it alone.
    CreatedOnce: { missing: 'target-missing', drifted: 'not-due', 'in-sync': 'not-due' },
  };
  for (const [policy, byTarget] of Object.entries(expected)) {
    for (const [target, why] of Object.entries(byTarget) as [TargetState, string][]) {
      rows.push([policy, target, '0', why === 'interval' ? 'not-due' : why]);
      rows.push([policy, target, 'not due', why === 'interval' ? 'not-due' : why]);
      rows.push([policy, target, 'due', why === 'interval' ? 'refresh-due' : why]);
    }
  }

  it.each(rows)('%s, target %s, interval %s → %s', (refreshPolicy, target, interval, why) => {
    const es = syncedExternalSecret({ refreshPolicy, refreshInterval: interval === '0' ? '0' : '1h' });
    const now = interval === 'due' ? due : notDueYet;
    const decision = decideRefresh(es, target, syncedAt, now);
    expect(decision.why).toBe(why);
    expect(decision.sync).toBe(why !== 'not-due');
  });

  it('says when a Periodic refresh falls due, and nothing to wait for otherwise', () => {
    expect(decideRefresh(syncedExternalSecret(), 'in-sync', syncedAt, notDueYet)).toEqual({
      sync: false,
      why: 'not-due',
      nextCheckAt: syncedAt + hour,
    });
    const never = syncedExternalSecret({ refreshInterval: '0' });
    expect(decideRefresh(never, 'in-sync', syncedAt, notDueYet).nextCheckAt).toBeUndefined();
    const onChange = syncedExternalSecret({ refreshPolicy: 'OnChange' });
    expect(decideRefresh(onChange, 'in-sync', syncedAt, notDueYet).nextCheckAt).toBeUndefined();
  });

  it('raises an interval below the operator’s floor to the floor; "0" stays sync-once', () => {
    const hot = syncedExternalSecret({ refreshInterval: '1s' });
    expect(decideRefresh(hot, 'in-sync', syncedAt, syncedAt + 2_000, undefined, 60_000)).toEqual({
      sync: false,
      why: 'not-due',
      nextCheckAt: syncedAt + 60_000,
    });
    expect(decideRefresh(hot, 'in-sync', syncedAt, syncedAt + 60_000, undefined, 60_000).why).toBe(
      'refresh-due',
    );
    const never = syncedExternalSecret({ refreshInterval: '0' });
    expect(decideRefresh(never, 'in-sync', syncedAt, syncedAt + hour, undefined, 60_000).why).toBe('not-due');
  });

  it('counts the interval from the last refresh it is given, not from status', () => {
    // A periodic check that found nothing new writes no status; the caller passes its time.
    const es = syncedExternalSecret();
    const checkedLater = syncedAt + 2 * hour;
    expect(decideRefresh(es, 'in-sync', checkedLater, checkedLater + hour / 2)).toMatchObject({
      sync: false,
      nextCheckAt: checkedLater + hour,
    });
    expect(decideRefresh(es, 'in-sync', checkedLater, checkedLater + hour).why).toBe('refresh-due');
  });

  it('with creationPolicy CreateOrMerge, recreates a deleted Secret under every refresh policy', () => {
    for (const refreshPolicy of ['Periodic', 'OnChange', 'CreatedOnce']) {
      const es = syncedExternalSecret({ refreshPolicy, target: { creationPolicy: 'CreateOrMerge' } });
      expect(decideRefresh(es, 'missing', syncedAt, notDueYet)).toEqual({
        sync: true,
        why: 'target-missing',
      });
      expect(decideRefresh(es, 'in-sync', syncedAt, notDueYet).sync).toBe(false);
    }
  });

  it('with creationPolicy None, never syncs for the target (it is not Ferry’s)', () => {
    for (const target of ['missing', 'drifted'] as const) {
      const es = syncedExternalSecret({ target: { creationPolicy: 'None' } });
      expect(decideRefresh(es, target, syncedAt, notDueYet)).toMatchObject({ sync: false, why: 'not-due' });
      expect(decideRefresh(es, target, syncedAt, due).why).toBe('refresh-due');
    }
  });
});

describe('decideRefresh with syncWindows', () => {
  // The refresh falls due at 01:00 UTC; the window runs 02:00–03:00 UTC every day.
  const due = syncedAt + hour;
  const windowOpens = Date.parse('2026-01-01T02:00:00Z');
  const windowCloses = Date.parse('2026-01-01T03:00:00Z') + 1;
  const windows = [{ schedule: '0 2 * * *', duration: '1h' }];
  const allow = { syncWindows: { kind: 'allow', windows } };
  const deny = { syncWindows: { kind: 'deny', windows } };

  it('kind allow: defers a due refresh to the next opening, and refreshes while open', () => {
    expect(decideRefresh(syncedExternalSecret(allow), 'in-sync', syncedAt, due)).toEqual({
      sync: false,
      why: 'outside-sync-window',
      nextCheckAt: windowOpens,
    });
    // Due since 01:00 but let through at 02:00: a read shared with others must be from 02:00 on.
    expect(decideRefresh(syncedExternalSecret(allow), 'in-sync', syncedAt, windowOpens + hour / 2)).toEqual({
      sync: true,
      why: 'refresh-due',
      dueAt: windowOpens,
    });
  });

  it('kind deny: defers a due refresh while a window is open to its closing, and refreshes outside', () => {
    expect(decideRefresh(syncedExternalSecret(deny), 'in-sync', syncedAt, due)).toEqual({
      sync: true,
      why: 'refresh-due',
      dueAt: due,
    });
    expect(decideRefresh(syncedExternalSecret(deny), 'in-sync', syncedAt, windowOpens + 1)).toEqual({
      sync: false,
      why: 'outside-sync-window',
      nextCheckAt: windowCloses,
    });
    // Due at 02:30, inside the window: let through at its closing.
    const checkedAt = windowOpens - hour / 2;
    expect(decideRefresh(syncedExternalSecret(deny), 'in-sync', checkedAt, windowCloses + hour)).toEqual({
      sync: true,
      why: 'refresh-due',
      dueAt: windowCloses,
    });
  });

  it('waits for the refresh interval first: a refresh not yet due is not-due, window or not', () => {
    const es = syncedExternalSecret({ ...allow, refreshInterval: '4h' });
    expect(decideRefresh(es, 'in-sync', syncedAt, windowOpens)).toEqual({
      sync: false,
      why: 'not-due',
      nextCheckAt: syncedAt + 4 * hour,
    });
  });

  it('never blocks the first sync, a spec or force-sync annotation change, or a Secret repair', () => {
    const neverSynced = syncedExternalSecret(allow);
    delete neverSynced.status;
    expect(decideRefresh(neverSynced, 'in-sync', undefined, due).why).toBe('never-synced');

    const forced = syncedExternalSecret(allow);
    forced.metadata.annotations = { ...forced.metadata.annotations, [forceSyncAnnotation]: 'now' };
    expect(decideRefresh(forced, 'in-sync', syncedAt, due).why).toBe('spec-changed');

    expect(decideRefresh(syncedExternalSecret(allow), 'missing', syncedAt, due).why).toBe('target-missing');
    expect(decideRefresh(syncedExternalSecret(allow), 'drifted', syncedAt, due).why).toBe('target-drifted');
  });

  it('leaves OnChange and CreatedOnce as they are', () => {
    for (const refreshPolicy of ['OnChange', 'CreatedOnce']) {
      const es = syncedExternalSecret({ ...allow, refreshPolicy });
      expect(decideRefresh(es, 'in-sync', syncedAt, due)).toEqual({ sync: false, why: 'not-due' });
    }
  });

  it('waits without a deadline for an allow window that never opens', () => {
    // Admission refuses such a schedule; one admitted by an older Ferry may still be stored.
    const es = syncedExternalSecret(allow);
    es.spec.syncWindows = { kind: 'allow', windows: [{ schedule: '0 0 30 2 *', duration: '1h' }] };
    expect(decideRefresh(es, 'in-sync', syncedAt, due)).toEqual({
      sync: false,
      why: 'outside-sync-window',
    });
  });
});

describe('followsSourceChanges', () => {
  const spec = (fields: Record<string, unknown>) => syncedExternalSecret(fields).spec;

  it('a periodic ExternalSecret follows its stores and template sources', () => {
    expect(followsSourceChanges(spec({}))).toBe(true);
    expect(followsSourceChanges(spec({ refreshInterval: '1h' }))).toBe(true);
  });

  it('refreshInterval 0 syncs once, then only when the ExternalSecret changes (as ESO)', () => {
    expect(followsSourceChanges(spec({ refreshInterval: '0' }))).toBe(false);
    expect(followsSourceChanges(spec({ refreshInterval: '0s' }))).toBe(false);
  });

  it('OnChange and CreatedOnce follow their own spec only', () => {
    expect(followsSourceChanges(spec({ refreshPolicy: 'OnChange' }))).toBe(false);
    expect(followsSourceChanges(spec({ refreshPolicy: 'CreatedOnce' }))).toBe(false);
  });
});
