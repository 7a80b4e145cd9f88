import type { RewriteMerge } from '../../api/v1alpha1/index.ts';
import {
  compareGoStrings,
  decodeJson,
  encodeJson,
  formatFloat,
  GoMap,
  goStringFromBytes,
  type GoValue,
} from '../../template/index.ts';
import { InvalidSpecError, RemoteValueError } from './invalid-spec.ts';

const utf8 = new TextEncoder();
const maxNamedConflicts = 10;

/**
 * ESO's merge rewrite. Every value of the entry holds a JSON object (read as Go's json.Unmarshal
 * does: numbers as float64, a repeated field keeps its last value, `null` adds nothing); their
 * fields are merged into one object. The keys are merged in Go's string order, then the `priority`
 * keys in the order listed, so a later key's field wins a conflict when conflicts are ignored.
 * Extract: the merged fields become the entry's keys (values as ESO's GetByteValue writes them).
 * JSON: the keys stay and the merged object is added under `into` (Go's json.Marshal, no HTML
 * escaping). `at` names the rewrite in messages; messages name keys and fields, never values.
 */
export function mergeValues(
  data: Readonly<Record<string, Uint8Array>>,
  merge: RewriteMerge,
  at: string,
): Record<string, Uint8Array> {
  const strategy = merge.strategy ?? 'Extract';
  const into = merge.into ?? '';
  // Also a CEL rule at admission; the zod schema the controller parses with does not run CEL.
  if (strategy === 'JSON' && into === '') {
    throw new InvalidSpecError(
      `${at}.into: required with strategy JSON: name the Secret key that receives the merged JSON`,
    );
  }
  const merged = new GoMap();
  const firstSource = new Map<string, string>();
  const conflicts = new Map<string, string[]>();
  for (const key of mergeOrder(data, merge, at)) {
    const value = data[key];
    if (value === undefined) continue;
    for (const [field, fieldValue] of jsonObjectOf(value, key, at)) {
      const earlier = firstSource.get(field);
      if (earlier === undefined) firstSource.set(field, key);
      else conflicts.set(field, [...(conflicts.get(field) ?? [earlier]), key]);
      merged.set(field, fieldValue);
    }
  }
  if (conflicts.size > 0 && (merge.conflictPolicy ?? 'Error') === 'Error') {
    throw new RemoteValueError(`${at}: ${describeConflicts(conflicts)}`);
  }
  if (strategy === 'JSON') {
    const out = Object.assign(Object.create(null) as Record<string, Uint8Array>, data);
    out[into] = utf8.encode(encodeJson(merged, { escapeHtml: false }));
    return out;
  }
  const out = Object.create(null) as Record<string, Uint8Array>;
  for (const [field, fieldValue] of merged) out[field] = bytesOf(fieldValue);
  return out;
}

/**
 * ESO's order: the keys not in `priority` sorted as Go sorts strings, then the priority keys as
 * listed. A key listed twice counts once, at its last place (ESO merges it twice, which is always a
 * conflict under conflictPolicy Error and, under Ignore, the same result as once at its last place).
 */
function mergeOrder(data: Readonly<Record<string, Uint8Array>>, merge: RewriteMerge, at: string): string[] {
  const priority = merge.priority ?? [];
  const prioritised = new Set(priority);
  const lastPlaces = priority.filter((key, index) => priority.lastIndexOf(key) === index);
  const strict = (merge.priorityPolicy ?? 'Strict') === 'Strict';
  for (const key of lastPlaces) {
    if (strict && !Object.hasOwn(data, key)) {
      throw new RemoteValueError(
        `${at}.priority[${String(priority.lastIndexOf(key))}]: the key ${JSON.stringify(key)} is not among the keys to merge; fix the name (after the rewrites before this one), or set priorityPolicy IgnoreNotFound to skip missing keys`,
      );
    }
  }
  const others = Object.keys(data)
    .filter((key) => !prioritised.has(key))
    .sort(compareGoStrings);
  return [...others, ...lastPlaces];
}

/** The fields of the JSON object held in `value`; none for `null`, as Go's json.Unmarshal into a map. */
function jsonObjectOf(value: Uint8Array, key: string, at: string): Iterable<[string, GoValue]> {
  const notObject = (what: string): RemoteValueError =>
    new RemoteValueError(
      `${at}: the value of key ${JSON.stringify(key)} is ${what}; merge needs every value it is given to be a JSON object (narrow the entry with find or an earlier rewrite)`,
    );
  let parsed: GoValue;
  try {
    parsed = decodeJson(goStringFromBytes(value));
  } catch (error) {
    // The JSON decoder's messages say what kind of mistake it was, never quoting the text.
    throw notObject(`not valid JSON (${error instanceof Error ? error.message : 'unreadable'})`);
  }
  if (parsed === null) return [];
  if (parsed instanceof GoMap) return parsed;
  if (Array.isArray(parsed)) throw notObject('a JSON array');
  throw notObject(`a JSON ${typeof parsed === 'string' ? 'string' : typeof parsed}`);
}

/** ESO's GetByteValue for what json.Unmarshal gives: a string as its text, null as empty, a number as
 * strconv.FormatFloat(f, 'f', -1) (no exponent), an object or array as json.Marshal writes it. */
function bytesOf(value: GoValue): Uint8Array {
  if (value === null) return new Uint8Array();
  if (typeof value === 'string') return utf8.encode(value);
  if (typeof value === 'number') return utf8.encode(formatFloat(value, 'f', -1));
  if (typeof value === 'boolean') return utf8.encode(String(value));
  return utf8.encode(encodeJson(value, { escapeHtml: true }));
}

function describeConflicts(conflicts: ReadonlyMap<string, string[]>): string {
  const fields = [...conflicts.keys()].sort(compareGoStrings);
  const named = fields.slice(0, maxNamedConflicts).map((field) => {
    const sources = (conflicts.get(field) ?? []).map((key) => JSON.stringify(key));
    return `${JSON.stringify(field)} (in ${sources.join(', ')})`;
  });
  const more =
    fields.length > maxNamedConflicts ? ` and ${String(fields.length - maxNamedConflicts)} more` : '';
  const subject = fields.length === 1 ? 'the field' : 'the fields';
  const verb = fields.length === 1 ? 'appears' : 'appear';
  return `${subject} ${named.join(', ')}${more} ${verb} in more than one value; rename ${fields.length === 1 ? 'it' : 'them'} with an earlier rewrite or in the store, or set conflictPolicy Ignore to let the value merged last win (see priority)`;
}
