import { isJsonObject, type JsonObject } from './object-paths.ts';

/** Metadata the API server writes; an object exported with `kubectl get -o yaml` carries it. */
const serverMetadata = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
];
/** kubectl's copy of the object as last applied: it would describe the old object, values included. */
const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Takes out what belongs to the live object rather than to the manifest (status, server-written
 * metadata), so a migrated export applies as a new object. Not reported: nothing of the user's is lost.
 */
export function withoutServerFields(object: JsonObject): JsonObject {
  const { status: _status, ...rest } = object;
  const metadata = rest['metadata'];
  if (!isJsonObject(metadata)) return rest;
  const cleaned: JsonObject = Object.fromEntries(
    Object.entries(metadata).filter(([key]) => !serverMetadata.includes(key)),
  );
  const annotations = cleaned['annotations'];
  if (isJsonObject(annotations) && lastApplied in annotations) {
    const { [lastApplied]: _lastApplied, ...others } = annotations;
    if (Object.keys(others).length > 0) cleaned['annotations'] = others;
    else delete cleaned['annotations'];
  }
  return { ...rest, metadata: cleaned };
}
