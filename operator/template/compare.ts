// text/template's comparison functions with Go's type rules: basic kinds (bool, int, float, string)
// compare only with their own kind (`eq 1 1.0` is an error), nil equals only nil, and slices and
// maps cannot be compared. Go's messages for the last case print the values; these name the types.
import { goTypeName } from './fmt.ts';
import { FunctionError } from './functions/types.ts';
import { compareGoStrings } from './go-string.ts';
import { GoMap, GoObject, type GoValue } from './values.ts';

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function basicKind(value: GoValue): BasicKind {
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  return 'invalid';
}

/** A named integer (time.Month) compares as its number, as Go compares by kind. */
function asBasic(value: GoValue): GoValue {
  if (!(value instanceof GoObject)) return value;
  return value.namedInteger()?.value ?? value;
}

/** Go's reflect kind of a non-basic value, for the "same kind or nil" rule. */
function compositeKind(value: GoValue): string {
  if (value === null) return 'nil';
  if (value instanceof GoObject) return value.goType;
  return value instanceof GoMap ? 'map' : 'slice';
}

function incompatible(left: GoValue, right: GoValue): FunctionError {
  return new FunctionError(`incompatible types for comparison: ${goTypeName(left)} and ${goTypeName(right)}`);
}

/** eq a b c ...: a == b || a == c || ... */
export function eq(first: GoValue, ...others: GoValue[]): boolean {
  if (others.length === 0) throw new FunctionError('missing argument for comparison');
  const firstBasic = asBasic(first);
  const firstKind = basicKind(firstBasic);
  for (const other of others) {
    const otherBasic = asBasic(other);
    const otherKind = basicKind(otherBasic);
    let equal = false;
    if (firstKind !== otherKind) {
      if (first !== null && other !== null) throw incompatible(first, other);
    } else if (firstKind !== 'invalid') {
      equal = firstBasic === otherBasic;
    } else if (first === null || other === null) {
      equal = first === other;
    } else if (compositeKind(first) !== compositeKind(other)) {
      throw new FunctionError(`non-comparable types ${goTypeName(first)} and ${goTypeName(other)}`);
    } else if (first instanceof GoObject && other instanceof GoObject) {
      equal = first.equals(other); // structs and pointers are comparable; see GoObject.equals
    } else {
      throw new FunctionError(`non-comparable type ${goTypeName(other)}`);
    }
    if (equal) return true;
  }
  return false;
}

export function ne(left: GoValue, right: GoValue): boolean {
  return !eq(left, right);
}

export function lt(left: GoValue, right: GoValue): boolean {
  const leftBasic = asBasic(left);
  const rightBasic = asBasic(right);
  const leftKind = basicKind(leftBasic);
  const rightKind = basicKind(rightBasic);
  if (leftKind === 'invalid' || rightKind === 'invalid')
    throw new FunctionError('invalid type for comparison');
  if (leftKind !== rightKind) throw incompatible(left, right);
  switch (leftKind) {
    case 'bool':
      throw new FunctionError('invalid type for comparison');
    case 'string':
      return compareGoStrings(leftBasic as string, rightBasic as string) < 0;
    default:
      return (leftBasic as bigint | number) < (rightBasic as bigint | number);
  }
}

export function le(left: GoValue, right: GoValue): boolean {
  return lt(left, right) || eq(left, right);
}

export function gt(left: GoValue, right: GoValue): boolean {
  return !le(left, right);
}

export function ge(left: GoValue, right: GoValue): boolean {
  return !lt(left, right);
}
