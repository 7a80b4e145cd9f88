import type { V1ManagedFieldsEntry } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { ExternalSecret, type HistoryEntry } from '../../api/v1alpha1/index.ts';
import { driftToRepair, lastOtherDataWriter, restoredOutcome } from './drift-repair.ts';
import type { LiveTarget } from './live-target.ts';
import type { SyncOutcome } from './next-status.ts';

const own = 'ferry/app';

function externalSecret(history: Partial<HistoryEntry>[]): ExternalSecret {
  return ExternalSecret.parse({
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'ExternalSecret',
    metadata: { name: 'app', namespace: 'team' },
    spec: { secretStoreRef: { name: 'store' }, data: [{ secretKey: 'k', remoteRef: { key: 'k' } }] },
    status: {
      history: history.map((entry) => ({ time: '2026-01-01T00:00:00Z', reason: 'SecretSynced', ...entry })),
    },
  });
}

function entry(
  manager: string,
  time: string,
  fields: Record<string, unknown>,
  operation = 'Update',
): V1ManagedFieldsEntry {
  return { manager, operation, time: new Date(time), fieldsV1: fields, apiVersion: 'v1' };
}

const ferryEntry = entry(own, '2026-01-01T00:00:00Z', { 'f:data': { 'f:k': {} } }, 'Apply');

function live(managedFields: V1ManagedFieldsEntry[]): LiveTarget {
  return { metadata: { name: 'app', managedFields }, type: 'Opaque', immutable: false, dataHash: 'h' };
}

describe('driftToRepair', () => {
  const written = externalSecret([{ action: 'Created' }, { action: 'Unchanged', count: 4 }]);

  it('names the field manager that last wrote the data of an edited Secret', () => {
    const edited = live([
      ferryEntry,
      entry('kubectl-label', '2026-01-01T00:09:00Z', { 'f:metadata': { 'f:labels': { 'f:x': {} } } }),
      entry('helm', '2026-01-01T00:01:00Z', { 'f:data': { 'f:other': {} } }),
      entry('kubectl-edit', '2026-01-01T00:05:00Z', { 'f:data': { 'f:k': {} } }),
    ]);
    expect(driftToRepair(written, 'target-drifted', edited, 'new')).toEqual({
      change: 'Edited',
      fieldManager: 'kubectl-edit',
    });
  });

  it('names nobody when the managedFields record no other writer of data', () => {
    expect(driftToRepair(written, 'target-drifted', live([ferryEntry]), 'new')).toEqual({ change: 'Edited' });
  });

  it('records a deleted Secret that Ferry had written, without a name', () => {
    expect(driftToRepair(written, 'target-missing', undefined, 'new')).toEqual({ change: 'Deleted' });
    const restoredBefore = externalSecret([{ action: 'Restored' }, { action: 'Failed' }]);
    expect(driftToRepair(restoredBefore, 'target-missing', undefined, 'new')).toEqual({ change: 'Deleted' });
  });

  it('is no repair when the data is what Ferry writes and only its data-hash annotation disagreed', () => {
    // A lost or rotated hash key makes every annotation disagree; nobody edited these Secrets.
    const edited = live([ferryEntry, entry('kubectl-edit', '2026-01-01T00:05:00Z', { 'f:data': {} })]);
    expect(driftToRepair(written, 'target-drifted', edited, edited.dataHash)).toBeUndefined();
  });

  it('is no repair when Ferry removed the Secret itself, never wrote it, or the sync has another cause', () => {
    const removed = externalSecret([{ action: 'Created' }, { action: 'Deleted' }, { action: 'Unchanged' }]);
    expect(driftToRepair(removed, 'target-missing', undefined, 'new')).toBeUndefined();
    const neverWritten = externalSecret([{ action: 'Unchanged' }, { action: 'Failed' }]);
    expect(driftToRepair(neverWritten, 'target-missing', undefined, 'new')).toBeUndefined();
    for (const why of ['spec-changed', 'never-synced', 'refresh-due', 'retry', 'store-changed'] as const) {
      expect(driftToRepair(written, why, live([ferryEntry]), 'new')).toBeUndefined();
      expect(driftToRepair(written, why, undefined, 'new')).toBeUndefined();
    }
  });
});

describe('lastOtherDataWriter', () => {
  it('takes the latest writer of data other than our own field manager', () => {
    const fields = [
      entry('early', '2026-01-01T00:01:00Z', { 'f:data': {} }),
      entry('late', '2026-01-01T00:02:00Z', { 'f:stringData': {} }),
      entry(own, '2026-01-01T00:03:00Z', { 'f:data': {} }, 'Apply'),
    ];
    expect(lastOtherDataWriter({ managedFields: fields }, own)).toBe('late');
    expect(lastOtherDataWriter({}, own)).toBeUndefined();
  });
});

describe('restoredOutcome', () => {
  const updated: SyncOutcome = {
    action: 'Updated',
    ready: true,
    reason: 'SecretSynced',
    message: 'Secret "app" updated',
    dataHash: 'h',
  };

  it('turns a write into Restored, keeping the Ready reason, and says what was undone and by whom', () => {
    expect(restoredOutcome(updated, { change: 'Edited', fieldManager: 'kubectl-edit' }, 'app')).toEqual({
      ...updated,
      action: 'Restored',
      drift: { change: 'Edited', fieldManager: 'kubectl-edit' },
      message:
        'Secret "app" restored after its data was changed outside Ferry by field manager "kubectl-edit"',
    });
    expect(restoredOutcome({ ...updated, action: 'Created' }, { change: 'Deleted' }, 'app').message).toBe(
      'Secret "app" restored after it was deleted outside Ferry (a deleted Secret keeps no record of who deleted it; the API server audit log does)',
    );
  });

  it('leaves a sync that wrote nothing, or failed, as it is', () => {
    const failed: SyncOutcome = { action: 'Failed', ready: false, reason: 'SecretSyncedError', message: 'x' };
    expect(restoredOutcome(failed, { change: 'Deleted' }, 'app')).toBe(failed);
    const unchanged: SyncOutcome = { ...updated, action: 'Unchanged' };
    expect(restoredOutcome(unchanged, { change: 'Edited' }, 'app')).toBe(unchanged);
  });
});
