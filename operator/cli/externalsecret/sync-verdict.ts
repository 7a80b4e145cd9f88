import { isDeepStrictEqual } from 'node:util';
import { readyConditionOf, type ExternalSecretView } from '../cluster/external-secret-view.ts';
import { syncedVersionOf } from '../../api/v1alpha1/index.ts';

/** Where a sync requested with the force-sync annotation stands, judged from one observed version. */
export type SyncVerdict =
  | { readonly state: 'pending' }
  | { readonly state: 'synced'; readonly reason: string; readonly message: string }
  | { readonly state: 'failed'; readonly reason: string; readonly message: string };

/**
 * `requested` is the object as the annotation patch returned it; `observed` is a later version.
 *
 * Success is exact: the operator sets status.syncedResourceVersion to a digest of the generation,
 * labels and annotations it synced (and leaves it alone when a sync fails). Once it equals the
 * digest of the observed object's own metadata — which carries our new annotation value — a sync
 * that saw our request has completed. Comparing resourceVersions or refreshTime instead would
 * count a reconcile that started before the patch and finished after it.
 *
 * Failure has no such marker: a failed sync leaves syncedResourceVersion as it was. A status that
 * changed after the patch and says Ready=False is taken as the answer. That is the outcome of our
 * request unless a retry already running when the patch landed wrote it (rare; the status is then
 * still current). A failure identical to the one already recorded changes nothing in the status,
 * so the wait ends with the timeout, showing that failure.
 */
export function judgeSync(requested: ExternalSecretView, observed: ExternalSecretView): SyncVerdict {
  const ready = readyConditionOf(observed);
  const synced = observed.status?.syncedResourceVersion;
  const newlySynced =
    synced !== undefined &&
    synced !== requested.status?.syncedResourceVersion &&
    synced === syncedVersionOf(observed.metadata);
  if (newlySynced) {
    return ready?.status === 'True'
      ? { state: 'synced', reason: ready.reason, message: ready.message }
      : {
          state: 'failed',
          reason: ready?.reason ?? 'Unknown',
          message: ready?.message ?? 'not Ready after the sync',
        };
  }
  if (ready?.status === 'False' && !isDeepStrictEqual(observed.status, requested.status)) {
    return { state: 'failed', reason: ready.reason, message: ready.message };
  }
  return { state: 'pending' };
}
