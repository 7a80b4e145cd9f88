// Sprig's list functions. Each accepts any Go slice (a list or a []byte) and returns a new
// []interface{}; the `must` variants return the error that the plain ones raise as a panic, which
// text/template reports the same way.
import type { GoValue } from '../values.ts';
import { castToInt64, deepEqual, isEmpty, kindOf } from './conversions.ts';
import type { RenderBudget } from '../render-budget.ts';
import { reserveRepeated } from './budget-checks.ts';
import { budgeted, fixed, variadic, type FunctionDefinition } from './signature.ts';
import { FunctionError } from './types.ts';

/** A list function, registered as NAME and mustNAME. */
function withMust(name: string, definition: FunctionDefinition): Record<string, FunctionDefinition> {
  const mustName = `must${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  return { [name]: definition, [mustName]: definition };
}

export const listFunctions: Record<string, FunctionDefinition> = {
  list: variadic([], 'interface {}', (...values) => values),
  tuple: variadic([], 'interface {}', (...values) => values),
  ...withMust(
    'append',
    fixed(['interface {}', 'interface {}'], (list, value) => [
      ...elements(list, 'Cannot push on type'),
      value,
    ]),
  ),
  ...withMust(
    'push',
    fixed(['interface {}', 'interface {}'], (list, value) => [
      ...elements(list, 'Cannot push on type'),
      value,
    ]),
  ),
  ...withMust(
    'prepend',
    fixed(['interface {}', 'interface {}'], (list, value) => [
      value,
      ...elements(list, 'Cannot prepend on type'),
    ]),
  ),
  ...withMust(
    'first',
    fixed(['interface {}'], (list) => elements(list, 'Cannot find first on type')[0] ?? null),
  ),
  ...withMust(
    'last',
    fixed(['interface {}'], (list) => elements(list, 'Cannot find last on type').at(-1) ?? null),
  ),
  ...withMust(
    'rest',
    fixed(['interface {}'], (list) => elements(list, 'Cannot find rest on type').slice(1)),
  ),
  ...withMust(
    'initial',
    fixed(['interface {}'], (list) => elements(list, 'Cannot find initial on type').slice(0, -1)),
  ),
  ...withMust(
    'reverse',
    fixed(['interface {}'], (list) => elements(list, 'Cannot find reverse on type').reverse()),
  ),
  ...withMust(
    'compact',
    fixed(['interface {}'], (list) =>
      elements(list, 'Cannot compact on type').filter((value) => !isEmpty(value)),
    ),
  ),
  ...withMust(
    'uniq',
    fixed(['interface {}'], (list) => {
      const unique: GoValue[] = [];
      for (const value of elements(list, 'Cannot find uniq on type')) {
        if (!unique.some((seen) => deepEqual(seen, value))) unique.push(value);
      }
      return unique;
    }),
  ),
  ...withMust(
    'without',
    variadic(['interface {}'], 'interface {}', (list, ...omitted) =>
      elements(list, 'Cannot find without on type').filter(
        (value) => !omitted.some((omit) => deepEqual(omit, value)),
      ),
    ),
  ),
  ...withMust(
    'has',
    fixed(['interface {}', 'interface {}'], (needle, haystack) =>
      haystack === null
        ? false
        : elements(haystack, 'Cannot find has on type').some((value) => deepEqual(needle, value)),
    ),
  ),
  ...withMust('slice', variadic(['interface {}'], 'interface {}', sliceList)),
  ...withMust('chunk', fixed(['int', 'interface {}'], chunk)),
  concat: variadic([], 'interface {}', (...lists) => {
    const result: GoValue[] = [];
    for (const list of lists) {
      requireNonNil(list);
      if (!isSlice(list)) throw new FunctionError(`Cannot concat type ${kindOf(list)} as list`);
      result.push(...elements(list, ''));
    }
    return result;
  }),
  until: budgeted((budget) => fixed(['int'], (count) => untilStep(budget, 0n, count, count < 0n ? -1n : 1n))),
  untilStep: budgeted((budget) =>
    fixed(['int', 'int', 'int'], (start, stop, step) => untilStep(budget, start, stop, step)),
  ),
  seq: budgeted((budget) => variadic([], 'int', (...params) => seq(budget, ...params))),
};

function isSlice(value: GoValue): value is GoValue[] | Uint8Array {
  return Array.isArray(value) || value instanceof Uint8Array;
}

/** reflect.TypeOf(nil).Kind() dereferences nil: Go's panic. */
function requireNonNil(value: GoValue): void {
  if (value === null)
    throw new FunctionError('runtime error: invalid memory address or nil pointer dereference');
}

/** The elements of a slice as a fresh array (a []byte's bytes as ints), or Sprig's error. */
function elements(list: GoValue, complaint: string): GoValue[] {
  requireNonNil(list);
  if (Array.isArray(list)) return [...list];
  if (list instanceof Uint8Array) return [...list].map((byte) => BigInt(byte));
  throw new FunctionError(`${complaint} ${kindOf(list)}`);
}

function sliceList(list: GoValue, ...indices: GoValue[]): GoValue {
  requireNonNil(list);
  if (!isSlice(list)) throw new FunctionError(`list should be type of slice or array but ${kindOf(list)}`);
  if (list.length === 0) return null;
  const start = indices.length > 0 ? Number(castToInt64(indices[0] ?? null)) : 0;
  const end = indices.length < 2 ? list.length : Number(castToInt64(indices[1] ?? null));
  if (start < 0 || end < start || end > list.length) {
    throw new FunctionError('reflect.Value.Slice: slice index out of bounds');
  }
  return list.slice(start, end);
}

function chunk(size: bigint, list: GoValue): GoValue {
  const values = elements(list, 'Cannot chunk type');
  if (size <= 0n) throw new FunctionError('runtime error: makeslice: len out of range');
  const width = Number(size);
  const chunks: GoValue[] = [];
  for (let index = 0; index < values.length; index += width) chunks.push(values.slice(index, index + width));
  return chunks;
}

/** More elements than this is a runaway template (Go would try to allocate them all). */
const maxGeneratedElements = 100_000;

/** What one generated integer holds: a list slot and a small bigint, or its digits and a space in seq's text. */
const generatedElementBytes = 32;

function untilStep(budget: RenderBudget, start: bigint, stop: bigint, step: bigint): GoValue[] {
  const forward = stop >= start;
  if (forward ? step <= 0n : step >= 0n) return [];
  const span = forward ? stop - start : start - stop;
  const stride = step < 0n ? -step : step;
  const count = (span + stride - 1n) / stride;
  if (count > BigInt(maxGeneratedElements)) {
    throw new FunctionError(`untilStep: more than ${maxGeneratedElements} elements`);
  }
  reserveRepeated(budget, count, generatedElementBytes);
  const values: GoValue[] = [];
  for (let value = start; forward ? value < stop : value > stop; value += step) values.push(value);
  return values;
}

/** Sprig's seq: like GNU seq, the numbers separated by spaces. */
function seq(budget: RenderBudget, ...params: bigint[]): string {
  const joined = (values: GoValue[]): string => values.map(String).join(' ');
  const [first = 0n, second = 0n, third = 0n] = params;
  switch (params.length) {
    case 1: {
      const increment = first < 1n ? -1n : 1n;
      return joined(untilStep(budget, 1n, first + increment, increment));
    }
    case 2: {
      const step = second < first ? -1n : 1n;
      return joined(untilStep(budget, first, second + step, step));
    }
    case 3: {
      let increment = 1n;
      if (third < first) {
        increment = -1n;
        if (second > 0n) return '';
      }
      return joined(untilStep(budget, first, third + increment, second));
    }
    default:
      return '';
  }
}
