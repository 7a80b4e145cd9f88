// Each function declares its Go signature, because text/template checks and converts arguments
// against it before the call, and its errors depend on it: `wrong number of args for upper: want 1
// got 2`, `wrong type for value; expected string; got int`. The executor can read the signature to
// report a constant argument at its own position, as Go does; the wrapper made here checks again,
// so a function never runs on arguments of the wrong kind whoever calls it.
import { goTypeName } from '../fmt.ts';
import { unlimitedBudget, type RenderBudget } from '../render-budget.ts';
import { GoMap, GoObject, type GoMethod, type GoValue } from '../values.ts';
import { FunctionError, type TemplateFunction } from './types.ts';

/** The Go parameter types Sprig's and ESO's functions declare. */
export type GoParameterType =
  | 'string'
  | 'int'
  | 'float64'
  | 'bool'
  | 'interface {}'
  | '[]interface {}'
  | 'map[string]interface {}'
  | GoNamedType;

/** A struct type (or a pointer to one) that GoObject values carry: 'sprig.certificate', 'time.Time'. */
export type GoNamedType = `${string}.${string}`;

export interface FunctionSignature {
  readonly parameters: readonly GoParameterType[];
  /** The element type of a final `...T` parameter. */
  readonly variadic?: GoParameterType | undefined;
}

/** A template function that carries its Go signature for the executor, and, if it charges the
 * rendering's budget, the call the executor makes with that budget (called plainly, it runs unlimited). */
export type SignedFunction = TemplateFunction & {
  readonly signature: FunctionSignature;
  readonly budgeted?: ((budget: RenderBudget, args: GoValue[]) => GoValue) | undefined;
};

/** Arguments that do not fit the signature. Unlike other FunctionErrors, Go reports these without
 * the `error calling NAME:` prefix. */
export class ArgumentError extends FunctionError {}

type ValueOf<T extends GoParameterType> = T extends 'string'
  ? string
  : T extends 'int'
    ? bigint
    : T extends 'float64'
      ? number
      : T extends 'bool'
        ? boolean
        : T extends '[]interface {}'
          ? GoValue[] | null
          : T extends 'map[string]interface {}'
            ? GoMap | null
            : T extends `*${string}`
              ? GoObject | null
              : T extends GoNamedType
                ? GoObject
                : GoValue;

type ValuesOf<P extends readonly GoParameterType[]> = { [K in keyof P]: ValueOf<P[K]> };

export interface FunctionDefinition {
  readonly signature: FunctionSignature;
  readonly implementation: (...args: GoValue[]) => GoValue;
  /** The definition bound to a rendering's budget, for functions that charge it (see `budgeted`). */
  readonly withBudget?: ((budget: RenderBudget) => FunctionDefinition) | undefined;
}

/**
 * A function that charges the rendering's budget — checks a size before it allocates, or pays for
 * regexp work before it runs it: `definitionOf` makes its definition for a budget (fixed or
 * variadic, as any other).
 */
export function budgeted(definitionOf: (budget: RenderBudget) => FunctionDefinition): FunctionDefinition {
  return { ...definitionOf(unlimitedBudget()), withBudget: definitionOf };
}

/** A function with fixed parameters. */
export function fixed<const P extends readonly GoParameterType[]>(
  parameters: P,
  implementation: (...args: ValuesOf<P>) => GoValue,
): FunctionDefinition {
  return { signature: { parameters }, implementation: implementation as (...args: GoValue[]) => GoValue };
}

/** A function whose last parameter is `...V`. */
export function variadic<const P extends readonly GoParameterType[], const V extends GoParameterType>(
  parameters: P,
  rest: V,
  implementation: (...args: [...ValuesOf<P>, ...ValueOf<V>[]]) => GoValue,
): FunctionDefinition {
  return {
    signature: { parameters, variadic: rest },
    implementation: implementation as (...args: GoValue[]) => GoValue,
  };
}

/** Binds a definition to its name, checking arguments as text/template does before calling. */
export function signed(name: string, definition: FunctionDefinition): SignedFunction {
  const { signature, implementation, withBudget } = definition;
  const checked = (run: (...args: GoValue[]) => GoValue, args: GoValue[]): GoValue => {
    checkArgumentCount(name, signature, args.length);
    const converted = args.map((arg, index) =>
      convertArgument(arg, signature.parameters[index] ?? signature.variadic ?? 'interface {}'),
    );
    return run(...converted);
  };
  const call = (...args: GoValue[]): GoValue => checked(implementation, args);
  const budgetedCall =
    withBudget &&
    ((budget: RenderBudget, args: GoValue[]) => checked(withBudget(budget).implementation, args));
  return Object.assign(call, { signature, budgeted: budgetedCall });
}

function checkArgumentCount(name: string, signature: FunctionSignature, count: number): void {
  const required = signature.parameters.length;
  if (signature.variadic !== undefined) {
    if (count < required) {
      throw new ArgumentError(`wrong number of args for ${name}: want at least ${required} got ${count}`);
    }
  } else if (count !== required) {
    throw new ArgumentError(`wrong number of args for ${name}: want ${required} got ${count}`);
  }
}

/** Go's validateType: nil only where the type has a nil; otherwise the value's type must match. */
function convertArgument(value: GoValue, type: GoParameterType): GoValue {
  if (type === 'interface {}') return value;
  if (value === null) {
    if (type === '[]interface {}' || type === 'map[string]interface {}' || type.startsWith('*')) return null;
    throw new ArgumentError(`invalid value; expected ${type}`);
  }
  if (type === 'float64' && typeof value === 'bigint') return Number(value); // an integer constant
  if (matchesParameterType(value, type)) return value;
  throw new ArgumentError(`wrong type for value; expected ${type}; got ${goTypeName(value)}`);
}

/** Whether Go would pass `value` as a parameter of `type` without conversion. */
export function matchesParameterType(value: GoValue, type: GoParameterType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'int':
      return typeof value === 'bigint';
    case 'float64':
      return typeof value === 'number';
    case 'bool':
      return typeof value === 'boolean';
    case '[]interface {}':
      return Array.isArray(value);
    case 'map[string]interface {}':
      return value instanceof GoMap && value.zero === null;
    case 'interface {}':
      return true;
  }
  return value instanceof GoObject && value.goType === type;
}

/** A method of a GoObject, with its Go parameter types checked as a function's are. */
export function method<const P extends readonly GoParameterType[]>(
  name: string,
  parameters: P,
  implementation: (...args: ValuesOf<P>) => GoValue,
): GoMethod {
  const call = signed(name, fixed(parameters, implementation));
  return { signature: call.signature, call };
}
