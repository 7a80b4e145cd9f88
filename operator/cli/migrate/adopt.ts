// `ferry migrate --adopt`: the converted ExternalSecrets that own their Secret under ESO take it over
// from ESO once applied (docs/migrate-from-eso.md), instead of reporting it as someone else's.
import { adoptAnnotation } from '../../api/v1alpha1/index.ts';
import { getAt, isJsonObject, type JsonObject } from './object-paths.ts';

/** Creation policies under which ESO's Secret is its ExternalSecret's alone, as Ferry's will be. */
const ownedPolicies = new Set(['Owner', 'Orphan']);

/** Annotates a converted ExternalSecret with ferry.dev/adopt when its Secret is ESO's alone. */
export function markForAdoption(object: JsonObject): void {
  if (object['kind'] !== 'ExternalSecret') return;
  const policy = getAt(object, ['spec', 'target', 'creationPolicy']) ?? 'Owner';
  if (typeof policy !== 'string' || !ownedPolicies.has(policy)) return;
  if (!isJsonObject(object['metadata'])) object['metadata'] = {};
  const metadata = object['metadata'] as JsonObject;
  const annotations = isJsonObject(metadata['annotations']) ? metadata['annotations'] : {};
  metadata['annotations'] = { ...annotations, [adoptAnnotation]: 'true' };
}
