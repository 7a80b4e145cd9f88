// metadataPolicy: Fetch reads an object's tags instead of its value. As ESO's default (legacy SDK)
// client does, the attributes `attribute.created`, `attribute.updated`, `attribute.expires` and
// `attribute.notBefore` (RFC 3339, UTC) are listed beside the tags.
import { PropertyNotFoundError } from '../errors.ts';
import { selectProperty } from '../json-property.ts';
import type { VaultObjectMetadata } from './vault-port.ts';

const utf8 = new TextEncoder();

/** Tags and attributes by name. */
export function metadataEntries(object: VaultObjectMetadata): Record<string, string> {
  const entries: Record<string, string> = { ...object.tags };
  const attribute = (name: string, date: Date | undefined): void => {
    if (date !== undefined) entries[`attribute.${name}`] = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  };
  attribute('expires', object.expiresOn);
  attribute('created', object.createdOn);
  attribute('updated', object.updatedOn);
  attribute('notBefore', object.notBefore);
  return entries;
}

/**
 * One value for getSecret: every entry as a JSON object without a property; else the entry named
 * `property`; else, as ESO, a tag before the first dot and a gjson path into its JSON value.
 */
export function selectMetadata(
  object: VaultObjectMetadata,
  property: string | undefined,
  context: string,
): Uint8Array {
  const entries = metadataEntries(object);
  if (property === undefined) return utf8.encode(JSON.stringify(entries));
  const exact = entries[property];
  if (exact !== undefined && Object.hasOwn(entries, property)) return utf8.encode(exact);
  const dot = property.indexOf('.');
  const tag = dot > 0 ? property.slice(0, dot) : undefined;
  const tagValue = tag === undefined ? undefined : entries[tag];
  if (
    tag !== undefined &&
    tagValue !== undefined &&
    Object.hasOwn(entries, tag) &&
    dot < property.length - 1
  ) {
    return selectProperty(utf8.encode(tagValue), property.slice(dot + 1), `${context} tag "${tag}"`);
  }
  throw new PropertyNotFoundError(`${context} has no tag "${property}"`);
}

/**
 * The map for getSecretMap, in ESO's shape: `<name>_<tag>` for each tag (a tag holding a JSON
 * object of strings becomes `<name>_<tag>_<field>` per field) and `<name>_attribute.<attr>`. With
 * a property, only the entry `<name>_<property>`.
 */
export function metadataMap(
  object: VaultObjectMetadata,
  name: string,
  property: string | undefined,
  context: string,
): Record<string, Uint8Array> {
  const map = Object.create(null) as Record<string, Uint8Array>;
  for (const [tag, value] of Object.entries(metadataEntries(object))) {
    const fields = stringFieldsOf(value);
    if (fields === undefined || tag.startsWith('attribute.')) {
      map[`${name}_${tag}`] = utf8.encode(value);
    } else {
      for (const [field, fieldValue] of Object.entries(fields))
        map[`${name}_${tag}_${field}`] = utf8.encode(fieldValue);
    }
  }
  if (property === undefined) return map;
  const wanted = `${name}_${property}`;
  const value = map[wanted];
  if (value === undefined || !Object.hasOwn(map, wanted)) {
    throw new PropertyNotFoundError(`${context} has no tag "${property}"`);
  }
  return { [wanted]: value };
}

/** A JSON object whose values are all strings, as ESO's json.Unmarshal into map[string]string accepts. */
function stringFieldsOf(value: string): Record<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed);
  return entries.every((entry): entry is [string, string] => typeof entry[1] === 'string')
    ? Object.fromEntries(entries)
    : undefined;
}
