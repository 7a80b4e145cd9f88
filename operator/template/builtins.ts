// text/template's predefined functions, with the Go signatures the executor checks arguments
// against. `and`, `or` (which short-circuit) and `call` are evaluated by the executor itself; they
// are listed here for their signatures.
import * as compare from './compare.ts';
import { htmlEscaper, jsEscaper, urlQueryEscaper } from './escape.ts';
import { goTypeName, sprint, sprintf, sprintln } from './fmt.ts';
import type { FunctionSignature } from './functions/signature.ts';
import { FunctionError } from './functions/types.ts';
import { goStringByteLength, goStringFromBytes, goStringToBytes } from './go-string.ts';
import type { RenderBudget } from './render-budget.ts';
import type { Slot } from './slot.ts';
import { isTrue } from './truth.ts';
import { GoMap, type GoValue } from './values.ts';

export interface Callable {
  readonly signature: FunctionSignature;
  /** Built-ins are the only functions `and`, `or` and `call` can be. */
  readonly builtin: boolean;
  /** `slots` tell which arguments Go holds in an interface{}, which some built-ins' errors show;
   * `budget` is the rendering's, for functions that charge it before they build. */
  readonly call: (args: GoValue[], slots: readonly Slot[], budget: RenderBudget) => GoValue;
}

const value = 'interface {}';

function builtin(
  parameters: FunctionSignature['parameters'],
  variadic: FunctionSignature['variadic'],
  call: Callable['call'],
): Callable {
  return { signature: { parameters, variadic }, builtin: true, call };
}

function unreachable(): never {
  throw new FunctionError('evaluated by the executor');
}

/** Go's indexArg: an int within 0..cap. */
function indexArgument(index: GoValue, cap: number): number {
  if (index === null) throw new FunctionError('cannot index slice/array with nil');
  if (typeof index !== 'bigint')
    throw new FunctionError(`cannot index slice/array with type ${goTypeName(index)}`);
  if (index < 0n || index > BigInt(cap)) throw new FunctionError(`index out of range: ${index}`);
  return Number(index);
}

function index(item: GoValue, ...indexes: GoValue[]): GoValue {
  if (item === null) throw new FunctionError('index of untyped nil');
  let current: GoValue = item;
  for (const key of indexes) {
    if (current === null) throw new FunctionError('index of nil pointer');
    if (current instanceof GoMap) {
      if (key === null) throw new FunctionError('value is nil; should be of type string');
      if (typeof key !== 'string')
        throw new FunctionError(`value has type ${goTypeName(key)}; should be string`);
      current = current.has(key) ? (current.get(key) ?? null) : current.zero;
    } else if (typeof current === 'string' || current instanceof Uint8Array) {
      const bytes: Uint8Array = typeof current === 'string' ? goStringToBytes(current) : current;
      const at = indexArgument(key, bytes.length);
      if (at === bytes.length) {
        throw new FunctionError(
          `reflect: ${typeof current === 'string' ? 'string' : 'slice'} index out of range`,
        );
      }
      current = BigInt(bytes[at] ?? 0);
    } else if (Array.isArray(current)) {
      const at = indexArgument(key, current.length);
      if (at === current.length) throw new FunctionError('reflect: slice index out of range');
      current = current[at] ?? null;
    } else {
      throw new FunctionError(`can't index item of type ${goTypeName(current)}`);
    }
  }
  return current;
}

/** Unlike index, Go's slice does not look inside an interface{} holding an index. */
function slice(item: GoValue, indexes: readonly GoValue[], indexSlots: readonly Slot[]): GoValue {
  if (item === null) throw new FunctionError('slice of untyped nil');
  if (indexes.length > 3) throw new FunctionError(`too many slice indexes: ${indexes.length}`);
  let length: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new FunctionError('cannot 3-index slice a string');
    length = goStringByteLength(item);
  } else if (Array.isArray(item) || item instanceof Uint8Array) {
    length = item.length;
  } else {
    throw new FunctionError(`can't slice item of type ${goTypeName(item)}`);
  }
  const bounds = [0, length, length];
  indexes.forEach((key, position) => {
    if (indexSlots[position]?.iface === true)
      throw new FunctionError('cannot index slice/array with type interface {}');
    bounds[position] = indexArgument(key, length);
  });
  const [low = 0, high = 0, max = 0] = bounds;
  if (low > high) throw new FunctionError(`invalid slice index: ${low} > ${high}`);
  if (indexes.length === 3 && high > max) throw new FunctionError(`invalid slice index: ${high} > ${max}`);
  if (typeof item === 'string') return goStringFromBytes(goStringToBytes(item).subarray(low, high));
  return item.slice(low, high);
}

function length(item: GoValue, slot: Slot | undefined): bigint {
  // A nil interface{} is a "nil pointer" to Go; an untyped nil makes its reflection fail.
  if (item === null) {
    throw new FunctionError(
      slot?.iface === true ? 'len of nil pointer' : 'reflect: call of reflect.Value.Type on zero Value',
    );
  }
  if (typeof item === 'string') return BigInt(goStringByteLength(item));
  if (item instanceof GoMap) return BigInt(item.size);
  if (Array.isArray(item) || item instanceof Uint8Array) return BigInt(item.length);
  throw new FunctionError(`len of type ${goTypeName(item)}`);
}

export const builtinFunctions: ReadonlyMap<string, Callable> = new Map<string, Callable>([
  ['and', builtin([value], value, unreachable)],
  ['or', builtin([value], value, unreachable)],
  ['call', builtin([value], value, unreachable)],
  ['not', builtin([value], undefined, ([arg = null]) => !isTrue(arg))],
  ['index', builtin([value], value, ([item = null, ...rest]) => index(item, ...rest))],
  ['slice', builtin([value], value, ([item = null, ...rest], slots) => slice(item, rest, slots.slice(1)))],
  ['len', builtin([value], undefined, ([item = null], [slot]) => length(item, slot))],
  ['print', builtin([], 'interface {}', (args) => sprint(...args))],
  ['println', builtin([], 'interface {}', (args) => sprintln(...args))],
  [
    'printf',
    builtin(['string'], 'interface {}', ([format = '', ...args]) => sprintf(format as string, ...args)),
  ],
  ['html', builtin([], 'interface {}', (args) => htmlEscaper(...args))],
  ['js', builtin([], 'interface {}', (args) => jsEscaper(...args))],
  ['urlquery', builtin([], 'interface {}', (args) => urlQueryEscaper(...args))],
  ['eq', builtin([value], value, ([first = null, ...others]) => compare.eq(first, ...others))],
  ['ne', builtin([value, value], undefined, ([left = null, right = null]) => compare.ne(left, right))],
  ['lt', builtin([value, value], undefined, ([left = null, right = null]) => compare.lt(left, right))],
  ['le', builtin([value, value], undefined, ([left = null, right = null]) => compare.le(left, right))],
  ['gt', builtin([value, value], undefined, ([left = null, right = null]) => compare.gt(left, right))],
  ['ge', builtin([value, value], undefined, ([left = null, right = null]) => compare.ge(left, right))],
]);
