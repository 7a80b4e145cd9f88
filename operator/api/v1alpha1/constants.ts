/** API group and version of Ferry's custom resources. */
export const group = 'ferry.dev';
export const version = 'v1alpha1';
export const apiVersion = `${group}/${version}`;

/** Marks a Secret as written by Ferry; managed Secrets are watched by this label only. */
export const managedLabel = `${group}/managed`;
export const managedLabelSelector = `${managedLabel}=true`;
/** Hash of namespace/name of the owning ExternalSecret, so a Secret maps back to its owner. */
export const ownerLabel = `${group}/owner`;
/** Keyed hash of the data Ferry last wrote: a mismatch is drift. */
export const dataHashAnnotation = `${group}/data-hash`;
/**
 * On an ExternalSecret, `"true"` lets it take over the target Secret that External Secrets Operator
 * manages for its ExternalSecret of the same name, without the Secret being deleted or blanked
 * (docs/migrate-from-eso.md).
 */
export const adoptAnnotation = `${group}/adopt`;
/** Changing this annotation's value forces a sync, whatever the refresh policy. */
export const forceSyncAnnotation = `${group}/force-sync`;
/**
 * Keyed hash of what a template that calls random or clock functions was rendered from: while it
 * matches, the Secret keeps what that rendering wrote (see docs/templates.md).
 */
export const templateInputsHashAnnotation = `${group}/template-inputs-hash`;
/**
 * Ferry's markers on a Secret decide which ExternalSecret owns it, and so which one's deletion
 * garbage-collects it: only Ferry writes labels and annotations under this prefix, never a template.
 */
export const reservedKeyPrefix = `${group}/`;
export function isReservedKey(key: string): boolean {
  return key.startsWith(reservedKeyPrefix);
}
