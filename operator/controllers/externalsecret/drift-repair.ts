// A sync that writes the target back after someone else changed or deleted it is a repair, and is
// recorded as one (history, Event, audit line: action Restored), naming who made the change when
// the Secret's managedFields say so.
import type { V1ManagedFieldsEntry, V1ObjectMeta } from '@kubernetes/client-node';
import type { DriftRecord, ExternalSecret, HistoryEntry } from '../../api/v1alpha1/index.ts';
import { fieldManager } from './field-manager.ts';
import type { LiveTarget } from './live-target.ts';
import type { SyncOutcome } from './next-status.ts';
import type { RefreshDecision } from './refresh-decision.ts';

/**
 * The out-of-band change this sync undid, if it was one: the Secret's data no longer matched what
 * Ferry wrote (`target-drifted`) and differs from what this sync wrote (`writtenHash`) — a Secret
 * whose data is right but whose data-hash annotation is not (a lost or rotated hash key, an edited
 * annotation) was not edited —, or the Secret Ferry wrote is gone (`target-missing`) and Ferry did
 * not remove it itself (deletionPolicy, recorded as Deleted).
 */
export function driftToRepair(
  es: ExternalSecret,
  why: RefreshDecision['why'],
  live: LiveTarget | undefined,
  writtenHash: string | undefined,
): DriftRecord | undefined {
  if (why === 'target-drifted' && live && live.dataHash !== writtenHash) {
    const writer = lastOtherDataWriter(live.metadata, fieldManager(es));
    return { change: 'Edited', ...(writer === undefined ? {} : { fieldManager: writer }) };
  }
  const last = lastWrite(es.status?.history ?? []);
  if (why === 'target-missing' && !live && last !== undefined && last !== 'Deleted') {
    return { change: 'Deleted' };
  }
  return undefined;
}

/** The outcome of a sync that repaired `drift`: Restored, with a message that says what was undone. */
export function restoredOutcome(outcome: SyncOutcome, drift: DriftRecord, targetName: string): SyncOutcome {
  if (outcome.action !== 'Created' && outcome.action !== 'Updated') return outcome;
  return { ...outcome, action: 'Restored', drift, message: `Secret "${targetName}" ${describeDrift(drift)}` };
}

/** "restored after …", as status, the Event, the audit line and `ferry explain` say it. */
export function describeDrift(drift: DriftRecord): string {
  if (drift.change === 'Deleted') {
    return 'restored after it was deleted outside Ferry (a deleted Secret keeps no record of who deleted it; the API server audit log does)';
  }
  return drift.fieldManager === undefined
    ? 'restored after its data was changed outside Ferry (its managedFields name no other writer)'
    : `restored after its data was changed outside Ferry by field manager "${drift.fieldManager}"`;
}

/**
 * The field manager, other than `own`, that wrote the Secret's data last. Only writers of data
 * count (a label added by a tool is not the edit being undone); the latest `time` wins.
 */
export function lastOtherDataWriter(metadata: V1ObjectMeta, own: string): string | undefined {
  let latest: V1ManagedFieldsEntry | undefined;
  for (const entry of metadata.managedFields ?? []) {
    if (entry.manager === undefined || entry.manager === own || !writesData(entry)) continue;
    if (latest === undefined || timeOf(entry) >= timeOf(latest)) latest = entry;
  }
  return latest?.manager;
}

function writesData(entry: V1ManagedFieldsEntry): boolean {
  const fields = entry.fieldsV1 as Record<string, unknown> | undefined;
  return fields?.['f:data'] !== undefined || fields?.['f:stringData'] !== undefined;
}

function timeOf(entry: V1ManagedFieldsEntry): number {
  const time = entry.time === undefined ? Number.NaN : new Date(entry.time).getTime();
  return Number.isNaN(time) ? 0 : time;
}

/** The last action of history that wrote or removed the Secret (Unchanged and Failed write nothing). */
function lastWrite(history: readonly HistoryEntry[]): HistoryEntry['action'] | undefined {
  return history.findLast((entry) => entry.action !== 'Unchanged' && entry.action !== 'Failed')?.action;
}
