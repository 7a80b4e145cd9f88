import { describe, expect, it } from 'vitest';
import type { ExternalSecretStatus, HistoryEntry } from '../../api/v1alpha1/index.ts';
import { appendHistory, historyLimit, nextStatus, type SyncOutcome } from './next-status.ts';

const t = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

const synced: SyncOutcome = {
  action: 'Updated',
  ready: true,
  reason: 'SecretSynced',
  message: 'Secret "app" updated',
  dataHash: 'hash-2',
};
const failed: SyncOutcome = {
  action: 'Failed',
  ready: false,
  reason: 'ProviderError',
  message: 'fake: key "db" not found',
};

function next(
  previous: ExternalSecretStatus | undefined,
  outcome: SyncOutcome,
  now: string,
  extra: Partial<Parameters<typeof nextStatus>[0]> = {},
): ExternalSecretStatus {
  return nextStatus({
    previous,
    outcome,
    generation: 4,
    specVersion: '4-abc',
    targetName: 'app',
    refreshed: outcome.action !== 'Failed',
    pending: undefined,
    now,
    ...extra,
  });
}

const ready = (status: ExternalSecretStatus) => status.conditions?.find((c) => c.type === 'Ready');

describe('nextStatus', () => {
  it('writes a Ready condition, binding, observedGeneration and the applied spec version', () => {
    const status = next(undefined, { ...synced, action: 'Created' }, t(0));
    expect(ready(status)).toEqual({
      type: 'Ready',
      status: 'True',
      reason: 'SecretSynced',
      message: 'Secret "app" updated',
      lastTransitionTime: t(0),
      observedGeneration: 4,
    });
    expect(status).toMatchObject({
      refreshTime: t(0),
      syncedResourceVersion: '4-abc',
      binding: { name: 'app' },
      observedGeneration: 4,
      history: [{ time: t(0), action: 'Created', reason: 'SecretSynced', dataHash: 'hash-2' }],
    });
  });

  it('moves lastTransitionTime only when the condition status flips', () => {
    const first = next(undefined, synced, t(0));
    const same = next(first, { ...synced, message: 'Secret "app" is in sync', action: 'Unchanged' }, t(5));
    expect(ready(same)?.lastTransitionTime).toBe(t(0));
    expect(ready(same)?.message).toBe('Secret "app" is in sync');

    const broken = next(same, failed, t(10));
    expect(ready(broken)).toMatchObject({
      status: 'False',
      reason: 'ProviderError',
      lastTransitionTime: t(10),
    });
    const stillBroken = next(broken, { ...failed, reason: 'StoreNotReady', message: 'other' }, t(15));
    expect(ready(stillBroken)?.lastTransitionTime).toBe(t(10));

    expect(ready(next(stillBroken, synced, t(20)))?.lastTransitionTime).toBe(t(20));
  });

  it('keeps conditions of other types', () => {
    const previous: ExternalSecretStatus = {
      conditions: [{ type: 'Deleted', status: 'False', reason: 'x', message: '', lastTransitionTime: t(0) }],
    };
    const status = next(previous, synced, t(1));
    expect(status.conditions?.map((c) => c.type)).toEqual(['Deleted', 'Ready']);
  });

  it('on failure leaves syncedResourceVersion and refreshTime as they were', () => {
    const good = next(undefined, synced, t(0));
    const bad = next(good, failed, t(5), { specVersion: '5-def', generation: 5 });
    expect(bad.syncedResourceVersion).toBe('4-abc');
    expect(bad.refreshTime).toBe(t(0));
    expect(bad.observedGeneration).toBe(5);
    // Never synced and failing: there is no version to report.
    expect(next(undefined, failed, t(0))).not.toHaveProperty('syncedResourceVersion');
    expect(next(undefined, failed, t(0))).not.toHaveProperty('refreshTime');
  });

  it('a sync that did not read the store keeps the previous refreshTime', () => {
    const good = next(undefined, synced, t(0));
    expect(next(good, synced, t(5), { refreshed: false }).refreshTime).toBe(t(0));
  });

  it('records remote versions only when there are some', () => {
    expect(next(undefined, { ...synced, remoteVersions: {} }, t(0)).history?.[0]).not.toHaveProperty(
      'remoteVersions',
    );
    expect(next(undefined, { ...synced, remoteVersions: { db: 'v3' } }, t(0)).history?.[0]).toMatchObject({
      remoteVersions: { db: 'v3' },
    });
  });

  it('folds the periodic checks counted in memory into history before the new entry', () => {
    const created = next(undefined, { ...synced, action: 'Created' }, t(0));
    const status = next(created, { ...synced, dataHash: 'hash-3' }, t(60), {
      pending: { count: 3, firstAt: Date.parse(t(10)), lastAt: Date.parse(t(30)), dataHash: 'hash-2' },
    });
    expect(status.history).toEqual([
      { time: t(0), action: 'Created', reason: 'SecretSynced', dataHash: 'hash-2' },
      {
        time: t(10),
        action: 'Unchanged',
        reason: 'SecretSynced',
        dataHash: 'hash-2',
        count: 3,
        lastTime: t(30),
      },
      { time: t(60), action: 'Updated', reason: 'SecretSynced', dataHash: 'hash-3' },
    ]);
  });

  it('adds pending checks to an Unchanged entry with the same data', () => {
    const previous: ExternalSecretStatus = {
      history: [
        { time: t(0), action: 'Unchanged', reason: 'SecretSynced', dataHash: 'h', count: 2, lastTime: t(5) },
      ],
    };
    const status = next(previous, failed, t(60), {
      pending: { count: 4, firstAt: Date.parse(t(10)), lastAt: Date.parse(t(40)), dataHash: 'h' },
    });
    expect(status.history).toEqual([
      { time: t(0), action: 'Unchanged', reason: 'SecretSynced', dataHash: 'h', count: 6, lastTime: t(40) },
      { time: t(60), action: 'Failed', reason: 'ProviderError' },
    ]);
  });
});

describe('appendHistory', () => {
  const entry = (minute: number, action: HistoryEntry['action'], extra: Partial<HistoryEntry> = {}) => ({
    time: t(minute),
    action,
    reason: action === 'Failed' ? 'ProviderError' : 'SecretSynced',
    dataHash: 'h',
    ...extra,
  });

  it('keeps the last 10 entries, newest last', () => {
    let history: HistoryEntry[] = [];
    for (let minute = 0; minute < 15; minute++) history = appendHistory(history, entry(minute, 'Updated'));
    expect(historyLimit).toBe(10);
    expect(history).toHaveLength(10);
    expect(history[0]?.time).toBe(t(5));
    expect(history.at(-1)?.time).toBe(t(14));
  });

  it('folds consecutive identical Unchanged and Failed outcomes into one entry with a count', () => {
    for (const action of ['Unchanged', 'Failed'] as const) {
      let history: HistoryEntry[] = [entry(0, 'Created')];
      for (let minute = 1; minute <= 20; minute++) history = appendHistory(history, entry(minute, action));
      expect(history).toEqual([entry(0, 'Created'), { ...entry(1, action), count: 20, lastTime: t(20) }]);
    }
  });

  it('does not fold Created, Updated or Deleted, nor outcomes that differ', () => {
    for (const action of ['Created', 'Updated', 'Deleted'] as const) {
      expect(appendHistory([entry(0, action)], entry(1, action))).toHaveLength(2);
    }
    const unchanged = [entry(0, 'Unchanged')];
    expect(appendHistory(unchanged, entry(1, 'Unchanged', { dataHash: 'other' }))).toHaveLength(2);
    expect(appendHistory(unchanged, entry(1, 'Unchanged', { reason: 'SecretDeleted' }))).toHaveLength(2);
    expect(appendHistory([entry(0, 'Failed')], entry(1, 'Failed', { reason: 'StoreNotReady' }))).toHaveLength(
      2,
    );
    // Only the newest entry folds: an older identical one is history.
    expect(appendHistory([entry(0, 'Unchanged'), entry(1, 'Updated')], entry(2, 'Unchanged'))).toHaveLength(
      3,
    );
  });

  it('adds counts when an entry that already folds several is folded in', () => {
    const folded = { ...entry(0, 'Unchanged'), count: 2, lastTime: t(1) };
    const incoming = { ...entry(5, 'Unchanged'), count: 3, lastTime: t(7) };
    expect(appendHistory([folded], incoming)).toEqual([{ ...folded, count: 5, lastTime: t(7) }]);
  });

  it('does not mutate the history it is given', () => {
    const history = [entry(0, 'Unchanged')];
    const copy = structuredClone(history);
    appendHistory(history, entry(1, 'Unchanged'));
    appendHistory(history, entry(1, 'Updated'));
    expect(history).toEqual(copy);
  });
});

describe('nextStatus of a repair', () => {
  it('records a Restored sync in history with the change it undid', () => {
    const restored: SyncOutcome = {
      ...synced,
      action: 'Restored',
      drift: { change: 'Edited', fieldManager: 'kubectl-edit' },
    };
    const status = next(next(undefined, synced, t(0)), restored, t(5));
    expect(status.history?.at(-1)).toEqual({
      time: t(5),
      action: 'Restored',
      reason: 'SecretSynced',
      dataHash: 'hash-2',
      drift: { change: 'Edited', fieldManager: 'kubectl-edit' },
    });
    expect(status.history).toHaveLength(2);
  });
});
