import {
  conditionReady,
  type Condition,
  type DriftRecord,
  type ExternalSecretStatus,
  type HistoryEntry,
  type SyncAction,
} from '../../api/v1alpha1/index.ts';

export const historyLimit = 10;

/** The result of one sync, as status and audit see it: never a value. */
export interface SyncOutcome {
  action: SyncAction;
  ready: boolean;
  reason: string;
  message: string;
  dataHash?: string | undefined;
  remoteVersions?: Record<string, string> | undefined;
  /** For a Restored sync: the out-of-band change it undid. */
  drift?: DriftRecord | undefined;
}

/** Periodic checks that found nothing new, counted in memory and folded into history at the next write. */
export interface UnchangedChecks {
  count: number;
  /** When the first of the checks ran (epoch ms): the folded history entry's `time`. */
  firstAt: number;
  lastAt: number;
  dataHash?: string | undefined;
}

function readyCondition(
  previous: Condition | undefined,
  outcome: SyncOutcome,
  generation: number | undefined,
  now: string,
): Condition {
  const status = outcome.ready ? 'True' : 'False';
  return {
    type: conditionReady,
    status,
    reason: outcome.reason,
    message: outcome.message,
    // Kubernetes convention: the transition time moves only when the status itself flips.
    lastTransitionTime: previous?.status === status ? previous.lastTransitionTime : now,
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
  };
}

function sameOutcome(entry: HistoryEntry, next: HistoryEntry): boolean {
  return entry.action === next.action && entry.reason === next.reason && entry.dataHash === next.dataHash;
}

/** Appends to the bounded history, folding repeats of the same outcome into one entry with a count. */
export function appendHistory(history: readonly HistoryEntry[], next: HistoryEntry): HistoryEntry[] {
  const last = history.at(-1);
  const foldable = next.action === 'Unchanged' || next.action === 'Failed';
  if (last && foldable && sameOutcome(last, next)) {
    const folded: HistoryEntry = {
      ...last,
      count: (last.count ?? 1) + (next.count ?? 1),
      lastTime: next.lastTime ?? next.time,
    };
    return [...history.slice(0, -1), folded];
  }
  return [...history, next].slice(-historyLimit);
}

/**
 * The status after a sync. `refreshed` says whether the store was read successfully (refreshTime);
 * `pending` carries the in-memory Unchanged checks since the last write.
 */
export function nextStatus(options: {
  previous: ExternalSecretStatus | undefined;
  outcome: SyncOutcome;
  generation: number | undefined;
  specVersion: string;
  targetName: string;
  refreshed: boolean;
  pending: UnchangedChecks | undefined;
  now: string;
}): ExternalSecretStatus {
  const { previous, outcome, generation, now, pending } = options;
  const previousReady = previous?.conditions?.find((condition) => condition.type === conditionReady);
  const otherConditions =
    previous?.conditions?.filter((condition) => condition.type !== conditionReady) ?? [];
  let history = previous?.history ?? [];
  if (pending) {
    history = appendHistory(history, {
      time: new Date(pending.firstAt).toISOString(),
      action: 'Unchanged',
      reason: 'SecretSynced',
      ...(pending.dataHash ? { dataHash: pending.dataHash } : {}),
      count: pending.count,
      lastTime: new Date(pending.lastAt).toISOString(),
    });
  }
  history = appendHistory(history, {
    time: now,
    action: outcome.action,
    reason: outcome.reason,
    ...(outcome.dataHash ? { dataHash: outcome.dataHash } : {}),
    ...(outcome.remoteVersions && Object.keys(outcome.remoteVersions).length > 0
      ? { remoteVersions: outcome.remoteVersions }
      : {}),
    ...(outcome.drift ? { drift: outcome.drift } : {}),
  });
  const refreshTime = options.refreshed ? now : previous?.refreshTime;
  return {
    conditions: [...otherConditions, readyCondition(previousReady, outcome, generation, now)],
    ...(refreshTime ? { refreshTime } : {}),
    // A failed sync leaves syncedResourceVersion alone: the spec has not been applied yet.
    ...(outcome.action !== 'Failed'
      ? { syncedResourceVersion: options.specVersion }
      : previous?.syncedResourceVersion
        ? { syncedResourceVersion: previous.syncedResourceVersion }
        : {}),
    binding: { name: options.targetName },
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
    history,
  };
}
