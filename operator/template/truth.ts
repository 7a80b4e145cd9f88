import { GoMap, GoObject, type GoValue } from './values.ts';

/** Go's template truth: false, 0, nil, and empty strings, slices and maps are false; all else (structs too) true. */
export function isTrue(value: GoValue): boolean {
  if (value === null) return false;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'string':
      return value.length > 0;
    case 'bigint':
      return value !== 0n;
    case 'number':
      return value !== 0; // NaN is true, as in Go
  }
  if (value instanceof GoMap) return value.size > 0;
  // A named integer is its number; any other struct, or a non-nil pointer, is true.
  if (value instanceof GoObject) return (value.namedInteger()?.value ?? 1n) !== 0n;
  return value.length > 0;
}
