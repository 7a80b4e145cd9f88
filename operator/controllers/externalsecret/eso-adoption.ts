import type { V1ManagedFieldsEntry, V1ObjectMeta, V1OwnerReference } from '@kubernetes/client-node';
import { adoptAnnotation, managedLabel, ownerLabel, type ExternalSecret } from '../../api/v1alpha1/index.ts';
import type { JsonPatchOperation } from '../../kube/index.ts';

// What External Secrets Operator writes on the Secrets it manages (its apis/externalsecrets/v1
// constants): a managed label, under creationPolicy Owner a created-by label (hash of its
// ExternalSecret's namespace/name) and a controller ownerReference, and its data-hash annotation.
const esoManagedLabel = 'reconcile.external-secrets.io/managed';
const esoCreatedByLabel = 'reconcile.external-secrets.io/created-by';
const esoDataHashAnnotation = 'reconcile.external-secrets.io/data-hash';
const esoGroup = 'external-secrets.io';

/** What ESO's markers say about a Secret: whether ESO manages it, and for which of its ExternalSecrets. */
interface EsoManagement {
  /** ESO's ExternalSecret that owns the Secret; undefined under ESO's creationPolicy Orphan. */
  owner: V1OwnerReference | undefined;
}

function isEsoExternalSecret(ref: V1OwnerReference): boolean {
  return ref.kind === 'ExternalSecret' && ref.apiVersion.split('/')[0] === esoGroup;
}

/** ESO's management of the Secret, or undefined when none of ESO's markers is on it. */
function esoManagement(metadata: V1ObjectMeta): EsoManagement | undefined {
  const owner = (metadata.ownerReferences ?? []).find(isEsoExternalSecret);
  if (!owner && metadata.labels?.[esoManagedLabel] !== 'true') return undefined;
  return { owner };
}

type AdoptionDecision = { adopt: true } | { adopt: false; message: string };

/**
 * Whether this ExternalSecret may take the Secret over from ESO. Only with the opt-in annotation,
 * and only the Secret of ESO's ExternalSecret of the same name (`ferry migrate` keeps names): a
 * typo in target.name must not hand another application's Secret to this ExternalSecret.
 */
function adoptionDecision(es: ExternalSecret, targetName: string, eso: EsoManagement): AdoptionDecision {
  const name = es.metadata.name ?? '';
  const esoOwner = eso.owner ? ` for its ExternalSecret "${eso.owner.name}"` : '';
  if (es.metadata.annotations?.[adoptAnnotation] !== 'true') {
    return {
      adopt: false,
      message: `Secret "${targetName}" is managed by External Secrets Operator${esoOwner}; to hand it over to this ExternalSecret without deleting it, annotate this ExternalSecret ${adoptAnnotation}="true" (docs/migrate-from-eso.md), or choose another target.name`,
    };
  }
  if (eso.owner && eso.owner.name !== name) {
    return {
      adopt: false,
      message: `Secret "${targetName}" is managed by External Secrets Operator${esoOwner}, not for one named "${name}"; ${adoptAnnotation} takes over only the Secret of ESO's ExternalSecret of the same name: name this ExternalSecret "${eso.owner.name}", or choose another target.name`,
    };
  }
  return { adopt: true };
}

/**
 * Why this ExternalSecret (creationPolicy Owner or Orphan) may not take over the existing Secret it
 * names, which is not its own; undefined when it may: an ESO-managed Secret, adopted as above.
 */
export function takeoverRefusal(
  es: ExternalSecret,
  targetName: string,
  live: { metadata: V1ObjectMeta; immutable: boolean; dataHash: string },
  desiredDataHash: string,
): string | undefined {
  const eso = esoManagement(live.metadata);
  if (!eso)
    return `Secret "${targetName}" already exists and is not managed by this ExternalSecret; choose another target.name, or use creationPolicy Merge or CreateOrMerge to add keys to it`;
  const decision = adoptionDecision(es, targetName, eso);
  if (!decision.adopt) return decision.message;
  if (live.immutable && live.dataHash !== desiredDataHash)
    return `Secret "${targetName}" is immutable and its data differs from what this ExternalSecret writes, so it cannot be taken over; delete it so Ferry can create it`;
  return undefined;
}

/** A JSON Pointer segment (RFC 6901). */
function pointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function isEsoManager(entry: V1ManagedFieldsEntry): boolean {
  const manager = entry.manager ?? '';
  return manager.startsWith('external-secrets') || manager.includes(esoGroup);
}

type FieldSet = Record<string, unknown>;

function mergeFieldSets(into: FieldSet, from: FieldSet): FieldSet {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    into[key] =
      typeof existing === 'object' && existing !== null && typeof value === 'object' && value !== null
        ? mergeFieldSets(existing as FieldSet, value as FieldSet)
        : value;
  }
  return into;
}

/** The field set without ESO's markers, which the hand-over removes from the Secret itself. */
function withoutEsoMarkers(fields: FieldSet, esoOwnerUids: readonly string[]): FieldSet {
  const metadata = fields['f:metadata'] as Record<string, FieldSet | undefined> | undefined;
  delete metadata?.['f:labels']?.[`f:${esoManagedLabel}`];
  delete metadata?.['f:labels']?.[`f:${esoCreatedByLabel}`];
  delete metadata?.['f:annotations']?.[`f:${esoDataHashAnnotation}`];
  for (const uid of esoOwnerUids) delete metadata?.['f:ownerReferences']?.[`k:${JSON.stringify({ uid })}`];
  return fields;
}

/**
 * The patch that hands an ESO-managed Secret over to `fieldManager`, applied just before its first
 * apply. It changes no data: it removes ESO's ownerReference (so deleting ESO's ExternalSecret cannot
 * garbage-collect the Secret) and ESO's labels and annotation (so ESO's clean-up does not find it),
 * puts Ferry's owner labels on it, and makes `fieldManager`'s apply the owner of every field ESO
 * wrote, as `kubectl apply --server-side` does when it takes over from client-side apply. The apply
 * that follows writes Ferry's other markers and the data, and drops what ESO wrote that this
 * ExternalSecret does not.
 * Guarded by resourceVersion: a Secret that changed since it was read is not patched (409, retried).
 */
export function handoverPatch(
  metadata: V1ObjectMeta,
  fieldManager: string,
  owner: string,
): JsonPatchOperation[] {
  const owners = metadata.ownerReferences ?? [];
  const esoOwnerUids = owners.filter(isEsoExternalSecret).map((ref) => ref.uid);
  const entries = metadata.managedFields ?? [];
  const transferred = entries
    .filter((entry) => isEsoManager(entry) || (entry.manager === fieldManager && entry.operation === 'Apply'))
    .reduce<FieldSet>((fields, entry) => mergeFieldSets(fields, (entry.fieldsV1 ?? {}) as FieldSet), {});
  const applyEntry = {
    manager: fieldManager,
    operation: 'Apply',
    apiVersion: 'v1',
    time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    fieldsType: 'FieldsV1',
    fieldsV1: withoutEsoMarkers(transferred, esoOwnerUids),
  };
  const kept = entries.filter(
    (entry) => !isEsoManager(entry) && !(entry.manager === fieldManager && entry.operation === 'Apply'),
  );
  const operations: JsonPatchOperation[] = [
    { op: 'test', path: '/metadata/resourceVersion', value: metadata.resourceVersion },
    { op: 'replace', path: '/metadata/managedFields', value: [...kept, applyEntry] },
  ];
  if (esoOwnerUids.length > 0) {
    const others = owners.filter((ref) => !isEsoExternalSecret(ref));
    operations.push(
      others.length > 0
        ? { op: 'replace', path: '/metadata/ownerReferences', value: others }
        : { op: 'remove', path: '/metadata/ownerReferences' },
    );
  }
  for (const label of [esoManagedLabel, esoCreatedByLabel]) {
    if (metadata.labels?.[label] !== undefined)
      operations.push({ op: 'remove', path: `/metadata/labels/${pointer(label)}` });
  }
  // Ferry's labels in the same step: should the apply that follows fail, the next sync finds the
  // Secret already this ExternalSecret's, not a Secret nobody manages.
  const ferryLabels = { [managedLabel]: 'true', [ownerLabel]: owner };
  if (metadata.labels === undefined)
    operations.push({ op: 'add', path: '/metadata/labels', value: ferryLabels });
  else
    for (const [label, value] of Object.entries(ferryLabels))
      operations.push({ op: 'add', path: `/metadata/labels/${pointer(label)}`, value });
  if (metadata.annotations?.[esoDataHashAnnotation] !== undefined)
    operations.push({ op: 'remove', path: `/metadata/annotations/${pointer(esoDataHashAnnotation)}` });
  return operations;
}
