// Sprig's functions between strings and lists: split, splitList, splitn, join, toStrings, sortAlpha.
import { compareGoStrings } from '../go-string.ts';
import { GoMap, type GoValue } from '../values.ts';
import { stringValue } from './conversions.ts';
import { budgeted, fixed, type FunctionDefinition } from './signature.ts';

export const stringListFunctions: Record<string, FunctionDefinition> = {
  split: fixed(['string', 'string'], (separator, text) => indexedMap(splitGo(text, separator, -1))),
  splitList: fixed(['string', 'string'], (separator, text) => splitGo(text, separator, -1)),
  splitn: fixed(['string', 'int', 'string'], (separator, count, text) =>
    indexedMap(splitGo(text, separator, Number(count))),
  ),
  join: budgeted((budget) =>
    fixed(['string', 'interface {}'], (separator, list) => {
      // The parts may be one long string many times over: what the joined text takes, before joining.
      const parts = toStrings(list);
      let length = separator.length * Math.max(parts.length - 1, 0);
      for (const part of parts) length += part.length;
      budget.reserveMemory(length);
      return parts.join(separator);
    }),
  ),
  toStrings: fixed(['interface {}'], (list) => toStrings(list)),
  sortAlpha: fixed(['interface {}'], (list) =>
    isList(list) ? toStrings(list).sort(compareGoStrings) : [stringValue(list)],
  ),
};

/** strings.SplitN: n < 0 means all parts, 0 none; an empty separator splits into runes. */
export function splitGo(text: string, separator: string, count: number): string[] {
  if (count === 0) return [];
  let parts: string[];
  if (separator === '') parts = Array.from(text);
  else parts = text.split(separator);
  if (count > 0 && parts.length > count) {
    const joiner = separator;
    parts = [...parts.slice(0, count - 1), parts.slice(count - 1).join(joiner)];
  }
  return parts;
}

/** Sprig's split result: a map[string]string keyed _0, _1, ... */
function indexedMap(parts: string[]): GoMap {
  return new GoMap(
    parts.map((part, index) => [`_${index}`, part]),
    '',
  );
}

function isList(value: GoValue): value is GoValue[] | Uint8Array {
  return Array.isArray(value) || value instanceof Uint8Array;
}

/** Sprig's strslice: the elements of a list as strings, nils dropped; a single value as a list of one. */
export function toStrings(value: GoValue): string[] {
  if (Array.isArray(value)) return value.filter((element) => element !== null).map(stringValue);
  if (value instanceof Uint8Array) return Array.from(value).map((byte) => String(byte));
  if (value === null) return [];
  return [stringValue(value)];
}
