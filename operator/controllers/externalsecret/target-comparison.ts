import {
  dataHashAnnotation,
  managedLabel,
  ownerLabel,
  type ExternalSecret,
} from '../../api/v1alpha1/index.ts';
import type { LiveTarget } from './live-target.ts';
import type { TargetState } from './refresh-decision.ts';

/** Whether the Secret as it is still holds what Ferry last wrote (its data matches its data-hash annotation). */
export function targetState(live: LiveTarget | undefined, es: ExternalSecret): TargetState {
  if (!live) return 'missing';
  // Merge targets carry no data-hash of their own (several writers); their drift is repaired on refresh.
  if (es.spec.target.creationPolicy === 'Merge') return 'in-sync';
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
  es: ExternalSecret;
}): boolean {
  const { live, data, hash, owner, es } = options;
  const labels = live.metadata.labels ?? {};
  const annotations = live.metadata.annotations ?? {};
  const metadataInSync =
    Object.entries(options.labels).every(([k, v]) => labels[k] === v) &&
    Object.entries(options.annotations).every(([k, v]) => annotations[k] === v) &&
    (es.spec.target.creationPolicy !== 'Owner' ||
      (live.metadata.ownerReferences ?? []).some((ref) => ref.uid === es.metadata.uid));
  if (es.spec.target.creationPolicy === 'Merge') {
    // A merged Secret holds other writers' keys too: compare only the keys this ExternalSecret owns.
    const liveData = live.data;
    return (
      metadataInSync &&
      liveData !== undefined &&
      Object.entries(data).every(
        ([key, value]) => liveData[key] !== undefined && Buffer.from(value).equals(liveData[key]),
      )
    );
  }
  return (
    labels[managedLabel] === 'true' &&
    labels[ownerLabel] === owner &&
    annotations[dataHashAnnotation] === hash &&
    live.dataHash === hash &&
    metadataInSync
  );
}
