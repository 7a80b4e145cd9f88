// Sprig's dict functions over map[string]interface{}. Go maps are references, so set, unset and
// merge change the map they are given, as in Go; `keys` and `values` come out in Go's random map
// order there, and sorted by key here.
import { goTypeName } from '../fmt.ts';
import { compareGoStrings } from '../go-string.ts';
import { GoMap, type GoValue } from '../values.ts';
import { isEmpty, stringValue } from './conversions.ts';
import { reservingWrittenSize } from './budget-checks.ts';
import { fixed, variadic, type FunctionDefinition } from './signature.ts';
import { FunctionError } from './types.ts';

const anyMap = 'map[string]interface {}';

export const dictFunctions: Record<string, FunctionDefinition> = {
  dict: variadic([], 'interface {}', (...pairs) => {
    const map = new GoMap();
    for (let index = 0; index < pairs.length; index += 2) {
      map.set(stringValue(pairs[index] ?? null), index + 1 < pairs.length ? (pairs[index + 1] ?? null) : '');
    }
    return map;
  }),
  get: fixed([anyMap, 'string'], (map, key) => (map?.has(key) === true ? (map.get(key) ?? null) : '')),
  set: fixed([anyMap, 'string', 'interface {}'], (map, key, value) => {
    if (map === null) throw new FunctionError('assignment to entry in nil map');
    map.set(key, value);
    return map;
  }),
  unset: fixed([anyMap, 'string'], (map, key) => {
    map?.delete(key);
    return map;
  }),
  hasKey: fixed([anyMap, 'string'], (map, key) => map?.has(key) === true),
  pluck: variadic(['string'], anyMap, (key, ...maps) =>
    maps.filter((map) => map?.has(key) === true).map((map) => map?.get(key) ?? null),
  ),
  keys: variadic([], anyMap, (...maps) => maps.flatMap((map) => sortedKeys(map))),
  values: fixed([anyMap], (map) => sortedKeys(map).map((key) => map?.get(key) ?? null)),
  pick: variadic([anyMap], 'string', (map, ...keys) => {
    const picked = new GoMap();
    for (const key of keys) if (map?.has(key) === true) picked.set(key, map.get(key) ?? null);
    return picked;
  }),
  omit: variadic([anyMap], 'string', (map, ...keys) => {
    const omitted = new Set(keys);
    return new GoMap([...(map ?? [])].filter(([key]) => !omitted.has(key)));
  }),
  merge: variadic([anyMap], anyMap, (target, ...sources) => mergeAll(target, sources, false)),
  mustMerge: variadic([anyMap], anyMap, (target, ...sources) => mergeAll(target, sources, false)),
  mergeOverwrite: variadic([anyMap], anyMap, (target, ...sources) => mergeAll(target, sources, true)),
  mustMergeOverwrite: variadic([anyMap], anyMap, (target, ...sources) => mergeAll(target, sources, true)),
  deepCopy: reservingWrittenSize(fixed(['interface {}'], deepCopy)),
  mustDeepCopy: reservingWrittenSize(fixed(['interface {}'], deepCopy)),
  dig: variadic([], 'interface {}', dig),
};

function sortedKeys(map: GoMap | null): string[] {
  return [...(map ?? new GoMap()).keys()].sort(compareGoStrings);
}

function mergeAll(target: GoMap | null, sources: (GoMap | null)[], overwrite: boolean): GoValue {
  let result = target;
  for (const source of sources) {
    if (source === null || source.size === 0) continue;
    result ??= new GoMap();
    mergeInto(result, source, overwrite);
  }
  return result;
}

/** mergo's map merge: without overwrite, a key is filled only where the target's value is empty;
 * maps on both sides merge recursively. The merged-in values are shared, not copied, as in Go. */
function mergeInto(target: GoMap, source: GoMap, overwrite: boolean): void {
  for (const [key, value] of source) {
    const existing = target.has(key) ? (target.get(key) ?? null) : undefined;
    if (value === null) {
      if (overwrite) target.set(key, null);
      continue;
    }
    if (value instanceof GoMap && existing instanceof GoMap) {
      mergeInto(existing, value, overwrite);
      if (!isEmpty(existing)) continue;
    }
    const keepExisting = existing !== undefined && !isEmpty(existing);
    if (overwrite || !keepExisting) target.set(key, value);
  }
}

function deepCopy(value: GoValue): GoValue {
  if (value === null) throw new FunctionError('reflect: call of reflect.Value.Type on zero Value');
  return copyValue(value);
}

function copyValue(value: GoValue): GoValue {
  if (Array.isArray(value)) return value.map(copyValue);
  if (value instanceof Uint8Array) return value.slice();
  if (value instanceof GoMap)
    return new GoMap(
      [...value].map(([key, element]) => [key, copyValue(element)]),
      value.zero,
    );
  return value;
}

/** dig KEY... DEFAULT MAP: follows the keys through nested maps. */
function dig(...args: GoValue[]): GoValue {
  if (args.length < 3) throw new FunctionError('dig needs at least three arguments');
  let current = args.at(-1) ?? null;
  const fallback = args.at(-2) ?? null;
  const keys = args.slice(0, -2);
  for (const [index, key] of keys.entries()) {
    if (!(current instanceof GoMap) || current.zero !== null) {
      throw new FunctionError(
        `interface conversion: interface {} is ${typeName(current)}, not map[string]interface {}`,
      );
    }
    if (typeof key !== 'string') {
      throw new FunctionError(`interface conversion: interface {} is ${typeName(key)}, not string`);
    }
    if (!current.has(key)) return fallback;
    current = current.get(key) ?? null;
    if (index === keys.length - 1) return current;
  }
  return current;
}

function typeName(value: GoValue): string {
  return value === null ? 'nil' : goTypeName(value);
}
