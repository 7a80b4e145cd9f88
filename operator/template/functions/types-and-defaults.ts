// Sprig's conversions (toString, atoi, int, int64, float64, toDecimal), type inspection (typeOf,
// kindOf, ...) and defaults and logic (default, empty, coalesce, all, any, ternary, fail).
import { goTypeName, sprint } from '../fmt.ts';
import type { GoValue } from '../values.ts';
import { castToFloat64, castToInt64, deepEqual, isEmpty, kindOf, stringValue } from './conversions.ts';
import { fixed, variadic, type FunctionDefinition } from './signature.ts';
import { FunctionError } from './types.ts';

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

export const conversionFunctions: Record<string, FunctionDefinition> = {
  toString: fixed(['interface {}'], stringValue),
  atoi: fixed(['string'], atoi),
  int: fixed(['interface {}'], castToInt64),
  int64: fixed(['interface {}'], castToInt64),
  float64: fixed(['interface {}'], castToFloat64),
  toDecimal: fixed(['interface {}'], (value) => parseOctal(sprint(value))),
  typeOf: fixed(['interface {}'], goTypeName),
  typeIs: fixed(['string', 'interface {}'], (target, value) => target === goTypeName(value)),
  typeIsLike: fixed(['string', 'interface {}'], (target, value) => {
    const type = goTypeName(value);
    return target === type || `*${target}` === type;
  }),
  kindOf: fixed(['interface {}'], kindOf),
  kindIs: fixed(['string', 'interface {}'], (target, value) => target === kindOf(value)),
  deepEqual: fixed(['interface {}', 'interface {}'], deepEqual),
};

export const defaultFunctions: Record<string, FunctionDefinition> = {
  default: variadic(['interface {}'], 'interface {}', (fallback, ...given) => {
    const first = given[0] ?? null;
    return given.length === 0 || isEmpty(first) ? fallback : first;
  }),
  empty: fixed(['interface {}'], isEmpty),
  coalesce: variadic([], 'interface {}', (...values) => values.find((value) => !isEmpty(value)) ?? null),
  all: variadic([], 'interface {}', (...values) => values.every((value) => !isEmpty(value))),
  any: variadic([], 'interface {}', (...values) => values.some((value) => !isEmpty(value))),
  ternary: fixed(['interface {}', 'interface {}', 'bool'], (whenTrue, whenFalse, condition) =>
    condition ? whenTrue : whenFalse,
  ),
  // The message is the template author's own text, as Go reports it.
  fail: fixed(['string'], (message): GoValue => {
    throw new FunctionError(message);
  }),
};

/** strconv.Atoi with its error ignored: 0 for bad syntax, the nearest int64 when out of range. */
function atoi(text: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(text)) return 0n;
  const value = BigInt(text);
  if (value > int64Max) return int64Max;
  if (value < int64Min) return int64Min;
  return value;
}

/** strconv.ParseInt(s, 8, 64) with errors as 0. */
function parseOctal(text: string): bigint {
  if (!/^[+-]?[0-7]+$/.test(text)) return 0n;
  const negative = text.startsWith('-');
  const digits = text.replace(/^[+-]/, '');
  const value = BigInt(`0o${digits}`) * (negative ? -1n : 1n);
  return value > int64Max || value < int64Min ? 0n : value;
}
