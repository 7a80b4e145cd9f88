import {
  dataHashAnnotation,
  managedLabel,
  ownerLabel,
  type ExternalSecret,
} from '../../api/v1alpha1/index.ts';
import { appliedDataKeys, fieldManager } from './field-manager.ts';
import type { LiveTarget } from './live-target.ts';
import type { TargetState } from './refresh-decision.ts';
import { mergesKeys, type TargetRole } from './target-role.ts';

/** Whether the Secret as it is still holds what Ferry last wrote (its data matches its data-hash annotation). */
export function targetState(live: LiveTarget | undefined, es: ExternalSecret): TargetState {
  if (!live) return 'missing';
  // Merge and CreateOrMerge targets carry no data-hash of their own (other writers add keys); their
  // drift is repaired on refresh.
  if (mergesKeys(es)) return 'in-sync';
  return live.metadata.annotations?.[dataHashAnnotation] === live.dataHash ? 'in-sync' : 'drifted';
}

/** Whether the Secret already is what this sync would write: then nothing is written. */
export function targetInSync(options: {
  live: LiveTarget;
  data: Readonly<Record<string, Uint8Array>>;
  /** The labels and annotations the template renders. */
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  hash: string;
  owner: string;
  role: TargetRole;
  es: ExternalSecret;
  finalizers?: readonly string[];
}): boolean {
  const { live, data, hash, owner, role, es, finalizers = [] } = options;
  const labels = ownEntries(live.metadata.labels);
  const annotations = ownEntries(live.metadata.annotations);
  const pointsAtUs = (live.metadata.ownerReferences ?? []).some((ref) => ref.uid === es.metadata.uid);
  const metadataInSync =
    Object.entries(options.labels).every(([k, v]) => labels[k] === v) &&
    Object.entries(options.annotations).every(([k, v]) => annotations[k] === v) &&
    finalizers.every((finalizer) => live.metadata.finalizers?.includes(finalizer) === true) &&
    // Owner needs its ownerReference; any other policy must drop one an earlier Owner spec wrote.
    (es.spec.target.creationPolicy === 'Owner' ? pointsAtUs : !pointsAtUs);
  const labelled = labels[managedLabel] === 'true' && labels[ownerLabel] === owner;
  if (role === 'owned') {
    return labelled && annotations[dataHashAnnotation] === hash && live.dataHash === hash && metadataInSync;
  }
  // A shared Secret holds other writers' keys too: compare only the keys this ExternalSecret writes,
  // and write when it last applied keys it no longer has (a remote key gone): the apply removes them.
  const liveData = live.data;
  const applied = appliedDataKeys(live.metadata, fieldManager(es));
  const keysInSync =
    liveData !== undefined &&
    applied.size === Object.keys(data).length &&
    Object.entries(data).every(
      ([key, value]) =>
        applied.has(key) &&
        Object.hasOwn(liveData, key) &&
        Buffer.from(value).equals(liveData[key] as Uint8Array),
    );
  // A Secret CreateOrMerge created keeps Ferry's labels, and sheds a data-hash an earlier policy wrote.
  const markersInSync = role === 'merged' || (labelled && annotations[dataHashAnnotation] === undefined);
  return keysInSync && metadataInSync && markersInSync;
}

/** A copy without a prototype, so that a key such as `constructor` is found only when it is there. */
function ownEntries(map: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.assign(Object.create(null) as Record<string, string>, map);
}
