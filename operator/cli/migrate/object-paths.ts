import type { FieldPath } from '../lint/index.ts';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getAt(value: unknown, path: FieldPath): unknown {
  let node = value;
  for (const part of path) {
    if (Array.isArray(node) && typeof part === 'number') node = node[part] as unknown;
    else if (isJsonObject(node) && typeof part === 'string') node = node[part];
    else return undefined;
  }
  return node;
}

/** Removes the field at `path`; an object left empty by it is kept (`{}`), as YAML would show it. */
export function deleteAt(value: unknown, path: FieldPath): void {
  const parent = getAt(value, path.slice(0, -1));
  const last = path.at(-1);
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else if (isJsonObject(parent) && typeof last === 'string') Reflect.deleteProperty(parent, last);
}

/** `metadata.labels` of a list: the same path with every index as `[]`, for matching patterns. */
export function pathPattern(path: FieldPath): string {
  return path
    .map((part) => (typeof part === 'number' ? '[]' : `.${part}`))
    .join('')
    .replace(/^\./, '');
}
