// The converted object written back into the input's YAML document, so the comments and layout of
// what did not change survive: only the fields that differ are set or deleted.
import type { Document } from 'yaml';
import type { FieldPath } from '../lint/index.ts';
import { isJsonObject } from './object-paths.ts';

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function applyDifferences(document: Document, path: FieldPath, before: unknown, after: unknown): void {
  if (isJsonObject(before) && isJsonObject(after)) {
    for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) document.deleteIn([...path, key]);
    for (const [key, value] of Object.entries(after)) {
      if (Object.hasOwn(before, key)) applyDifferences(document, [...path, key], before[key], value);
      else document.setIn([...path, key], value);
    }
  } else if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    after.forEach((value: unknown, index) => {
      applyDifferences(document, [...path, index], before[index], value);
    });
  } else if (!deepEqual(before, after)) {
    document.setIn(path, after);
  }
}

/** The YAML text of `after`, edited into a copy of `document` (whose contents are `before`). */
export function editedDocumentText(document: Document, before: unknown, after: unknown): string {
  const copy = document.clone();
  applyDifferences(copy, [], before, after);
  return copy.toString({ lineWidth: 0 });
}
