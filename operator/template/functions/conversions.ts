// How Sprig turns arbitrary values into strings, integers and floats (its `strval` and the spf13/cast
// library it uses), and its notions of emptiness and equality. Many functions accept `interface{}`
// and convert with these, so their quirks are Sprig's observable behaviour: `int "0x1F"` is 31,
// `int "1.0"` is 1 but `int "1.5"` is 0, and nothing here ever fails.
import { goTypeName, sprint } from '../fmt.ts';
import { goStringFromBytes } from '../go-string.ts';
import { GoMap, GoObject, type GoValue } from '../values.ts';

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

/** Sprig's strval: strings as they are, []byte as its bytes, anything else as `%v` prints it. */
export function stringValue(value: GoValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return goStringFromBytes(value);
  return sprint(value);
}

/** cast.ToInt64 (and cast.ToInt: Go's int is 64 bits here). Anything it cannot read is 0. */
export function castToInt64(value: GoValue): bigint {
  switch (typeof value) {
    case 'bigint':
      return value;
    case 'number':
      return floatToInt64(value);
    case 'boolean':
      return value ? 1n : 0n;
    case 'string':
      return parseGoInteger(trimZeroDecimal(value)) ?? 0n;
  }
  return castableNamedInteger(value) ?? 0n;
}

/** cast reads time.Month and time.Weekday (the int-kinded named types here) as their number, and
 * nothing else that is not a plain number (time.Duration gives 0). */
function castableNamedInteger(value: GoValue): bigint | undefined {
  if (!(value instanceof GoObject)) return undefined;
  const integer = value.namedInteger();
  return integer?.kind === 'int' ? integer.value : undefined;
}

/** cast.ToFloat64. Anything it cannot read is 0. */
export function castToFloat64(value: GoValue): number {
  switch (typeof value) {
    case 'bigint':
      return Number(value);
    case 'number':
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'string':
      return parseGoFloat(value) ?? 0;
  }
  const integer = castableNamedInteger(value);
  return integer === undefined ? 0 : Number(integer);
}

/** Go's int64(f): truncation; what amd64 gives for NaN and out-of-range values. */
export function floatToInt64(value: number): bigint {
  if (!Number.isFinite(value) || value >= 2 ** 63 || value < -(2 ** 63)) return int64Min;
  return BigInt(Math.trunc(value));
}

/** strconv.ParseInt(s, 0, 64): sign, 0x/0o/0b/0 prefixes, `_` between digits; undefined if invalid or out of range. */
export function parseGoInteger(text: string): bigint | undefined {
  if (!underscoresOk(text)) return undefined;
  const plain = text.replaceAll('_', '');
  const match = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(plain);
  if (match === null) return undefined;
  const [, sign = '', digits = ''] = match;
  let magnitude: bigint;
  if (/^0[oO]/.test(digits)) magnitude = BigInt(`0o${digits.slice(2)}`);
  else if (/^0[0-7]+$/.test(digits)) magnitude = BigInt(`0o${digits.slice(1)}`);
  else magnitude = BigInt(digits.toLowerCase());
  const result = sign === '-' ? -magnitude : magnitude;
  return result < int64Min || result > int64Max ? undefined : result;
}

/** Go's underscoreOK: `_` only between digits (a base prefix counts as a digit). */
function underscoresOk(text: string): boolean {
  let body = text.replace(/^[+-]/, '');
  let last: 'start' | 'digit' | 'underscore' | 'other' = 'start';
  let hex = false;
  if (/^0[bBoOxX]/.test(body)) {
    last = 'digit';
    hex = /^0[xX]/.test(body);
    body = body.slice(2);
  }
  for (const char of body) {
    if (/[0-9]/.test(char) || (hex && /[a-fA-F]/.test(char))) last = 'digit';
    else if (char === '_') {
      if (last !== 'digit') return false;
      last = 'underscore';
    } else {
      if (last === 'underscore') return false;
      last = 'other';
    }
  }
  return last !== 'underscore';
}

/** strconv.ParseFloat(s, 64): decimal and hexadecimal floats, Inf, Infinity and NaN; undefined if invalid or out of range. */
export function parseGoFloat(text: string): number | undefined {
  if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(text)) return NaN;
  if (!underscoresOk(text)) return undefined;
  const plain = text.replaceAll('_', '');
  if (/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(plain)) {
    const value = Number(plain);
    return Number.isFinite(value) ? value : undefined;
  }
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(plain);
  if (hex === null || (hex[2] === '' && (hex[3] ?? '') === '')) return undefined;
  const fraction = hex[3] ?? '';
  const mantissa = parseInt(`${hex[2] ?? ''}${fraction}` || '0', 16);
  const value = mantissa * 2 ** (Number(hex[4]) - 4 * fraction.length);
  if (!Number.isFinite(value)) return undefined;
  return hex[1] === '-' ? -value : value;
}

/** cast's trimZeroDecimal: "1.00" reads as "1"; "1.50" stays as it is (and then fails as an integer). */
function trimZeroDecimal(text: string): string {
  let sawZero = false;
  for (let index = text.length - 1; index >= 0; index--) {
    const char = text.charAt(index);
    if (char === '.') {
      if (sawZero) return text.slice(0, index);
    } else if (char === '0') sawZero = true;
    else return text;
  }
  return text;
}

/** Sprig's empty: nil, false, 0, and empty strings, lists and maps. */
export function isEmpty(value: GoValue): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
      return value.length === 0;
    case 'boolean':
      return !value;
    case 'bigint':
      return value === 0n;
    case 'number':
      return value === 0;
  }
  if (value instanceof Uint8Array || Array.isArray(value)) return value.length === 0;
  // A named integer is its number; any other struct, or a non-nil pointer, is never empty.
  if (value instanceof GoObject) return value.namedInteger()?.value === 0n;
  return value.size === 0;
}

/** reflect.DeepEqual over template values: same Go type and same contents. */
export function deepEqual(left: GoValue, right: GoValue): boolean {
  if (left === null || right === null) return left === right;
  if (typeof left !== 'object' || typeof right !== 'object') {
    if (typeof left === 'number' && typeof right === 'number') return left === right;
    return left === right;
  }
  if (left instanceof Uint8Array) {
    return (
      right instanceof Uint8Array && left.length === right.length && left.every((b, i) => b === right[i])
    );
  }
  if (Array.isArray(left)) {
    return (
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((element, index) => deepEqual(element, right[index] ?? null))
    );
  }
  if (left instanceof GoObject || right instanceof GoObject) {
    // Pointers compare by what they point to; the JSON form stands for a struct's contents.
    return (
      left instanceof GoObject &&
      right instanceof GoObject &&
      left.goType === right.goType &&
      deepEqual(left.jsonValue(), right.jsonValue())
    );
  }
  if (
    !(right instanceof GoMap) ||
    (left.zero === null) !== (right.zero === null) ||
    left.size !== right.size
  ) {
    return false;
  }
  for (const [key, element] of left) {
    if (!right.has(key) || !deepEqual(element, right.get(key) ?? null)) return false;
  }
  return true;
}

/** reflect.Kind's name, as Sprig's kindOf reports it. */
export function kindOf(value: GoValue): string {
  if (value === null) return 'invalid';
  if (value instanceof Uint8Array || Array.isArray(value)) return 'slice';
  if (value instanceof GoMap) return 'map';
  if (value instanceof GoObject) {
    return value.namedInteger()?.kind ?? (value.goType.startsWith('*') ? 'ptr' : 'struct');
  }
  // A scalar's kind is its type's name.
  return goTypeName(value);
}
