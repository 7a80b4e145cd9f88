// Sprig's arithmetic. The integer functions convert every operand with cast.ToInt64 and wrap around
// at 64 bits as Go does; the `f` functions compute in decimal (shopspring/decimal) from each
// operand's shortest form, so `addf 1.1 2.2` is 3.3, not 3.3000000000000003.
import type { GoValue } from '../values.ts';
import { castToFloat64, castToInt64 } from './conversions.ts';
import { fixed, variadic, type FunctionDefinition } from './signature.ts';
import { FunctionError } from './types.ts';

const wrap = (value: bigint): bigint => BigInt.asIntN(64, value);
const int = castToInt64;

export const mathFunctions: Record<string, FunctionDefinition> = {
  add1: fixed(['interface {}'], (value) => wrap(int(value) + 1n)),
  add: variadic([], 'interface {}', (...values) =>
    values.reduce<bigint>((sum, value) => wrap(sum + int(value)), 0n),
  ),
  sub: fixed(['interface {}', 'interface {}'], (left, right) => wrap(int(left) - int(right))),
  mul: variadic(['interface {}'], 'interface {}', (first, ...rest) =>
    rest.reduce<bigint>((product, value) => wrap(product * int(value)), int(first)),
  ),
  div: fixed(['interface {}', 'interface {}'], (left, right) => wrap(int(left) / nonZero(int(right)))),
  mod: fixed(['interface {}', 'interface {}'], (left, right) => int(left) % nonZero(int(right))),
  max: variadic(['interface {}'], 'interface {}', (first, ...rest) =>
    rest.reduce<bigint>((largest, value) => (int(value) > largest ? int(value) : largest), int(first)),
  ),
  biggest: variadic(['interface {}'], 'interface {}', (first, ...rest) =>
    rest.reduce<bigint>((largest, value) => (int(value) > largest ? int(value) : largest), int(first)),
  ),
  min: variadic(['interface {}'], 'interface {}', (first, ...rest) =>
    rest.reduce<bigint>((smallest, value) => (int(value) < smallest ? int(value) : smallest), int(first)),
  ),
  maxf: variadic(['interface {}'], 'interface {}', (first, ...rest) =>
    rest.reduce<number>((largest, value) => goMax(largest, castToFloat64(value)), castToFloat64(first)),
  ),
  minf: variadic(['interface {}'], 'interface {}', (first, ...rest) =>
    rest.reduce<number>((smallest, value) => goMin(smallest, castToFloat64(value)), castToFloat64(first)),
  ),
  floor: fixed(['interface {}'], (value) => Math.floor(castToFloat64(value))),
  ceil: fixed(['interface {}'], (value) => Math.ceil(castToFloat64(value))),
  round: variadic(['interface {}', 'int'], 'float64', (value, places, ...roundOn) =>
    round(castToFloat64(value), Number(places), roundOn[0] ?? 0.5),
  ),
  add1f: fixed(['interface {}'], (value) => decimalOperation(value, [1n], (a, b) => a.plus(b))),
  addf: variadic([], 'interface {}', (...values) => decimalOperation(0, values, (a, b) => a.plus(b))),
  subf: variadic(['interface {}'], 'interface {}', (first, ...rest) =>
    decimalOperation(first, rest, (a, b) => a.minus(b)),
  ),
  mulf: variadic(['interface {}'], 'interface {}', (first, ...rest) =>
    decimalOperation(first, rest, (a, b) => a.times(b)),
  ),
  divf: variadic(['interface {}'], 'interface {}', (first, ...rest) =>
    decimalOperation(first, rest, (a, b) => a.dividedBy(b)),
  ),
};

function nonZero(value: bigint): bigint {
  if (value === 0n) throw new FunctionError('runtime error: integer divide by zero');
  return value;
}

/** math.Max: NaN wins, +0 beats -0. */
function goMax(left: number, right: number): number {
  if (Number.isNaN(left) || Number.isNaN(right)) return NaN;
  return Math.max(left, right);
}

function goMin(left: number, right: number): number {
  if (Number.isNaN(left) || Number.isNaN(right)) return NaN;
  return Math.min(left, right);
}

/** Sprig's round: up when the fraction at `places` reaches `roundOn`. */
function round(value: number, places: number, roundOn: number): number {
  const power = 10 ** places;
  const scaled = power * value;
  const fraction = scaled - Math.trunc(scaled);
  return (fraction >= roundOn ? Math.ceil(scaled) : Math.floor(scaled)) / power;
}

function decimalOperation(
  first: GoValue | number,
  rest: GoValue[],
  operation: (left: Decimal, right: Decimal) => Decimal,
): number {
  let result = Decimal.fromFloat(typeof first === 'number' ? first : castToFloat64(first));
  for (const value of rest) result = operation(result, Decimal.fromFloat(castToFloat64(value)));
  return result.toFloat();
}

/** Just enough of shopspring/decimal: value = coefficient × 10^exponent. */
class Decimal {
  readonly coefficient: bigint;
  readonly exponent: number;
  /** shopspring's DivisionPrecision. */
  static readonly divisionPrecision = 16;

  constructor(coefficient: bigint, exponent: number) {
    this.coefficient = coefficient;
    this.exponent = exponent;
  }

  static fromFloat(value: number): Decimal {
    if (!Number.isFinite(value)) throw new FunctionError(`Cannot create a Decimal from ${String(value)}`);
    const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
    const digits = mantissa.replace('.', '').replace('-', '');
    const fractionDigits = mantissa.includes('.') ? mantissa.length - mantissa.indexOf('.') - 1 : 0;
    const coefficient = BigInt(digits) * (value < 0 ? -1n : 1n);
    return new Decimal(coefficient, Number(exponentText) - fractionDigits);
  }

  private aligned(other: Decimal): [bigint, bigint, number] {
    const exponent = Math.min(this.exponent, other.exponent);
    return [
      this.coefficient * 10n ** BigInt(this.exponent - exponent),
      other.coefficient * 10n ** BigInt(other.exponent - exponent),
      exponent,
    ];
  }

  plus(other: Decimal): Decimal {
    const [left, right, exponent] = this.aligned(other);
    return new Decimal(left + right, exponent);
  }

  minus(other: Decimal): Decimal {
    const [left, right, exponent] = this.aligned(other);
    return new Decimal(left - right, exponent);
  }

  times(other: Decimal): Decimal {
    return new Decimal(this.coefficient * other.coefficient, this.exponent + other.exponent);
  }

  /** DivRound to 16 decimal places, half away from zero. */
  dividedBy(other: Decimal): Decimal {
    if (other.coefficient === 0n) throw new FunctionError('decimal division by 0');
    const places = Decimal.divisionPrecision;
    // this / other = (c1 / c2) × 10^(e1 - e2); scale so the quotient has `places` fractional digits.
    const shift = places + this.exponent - other.exponent;
    let numerator = this.coefficient;
    let denominator = other.coefficient;
    if (shift >= 0) numerator *= 10n ** BigInt(shift);
    else denominator *= 10n ** BigInt(-shift);
    const negative = numerator < 0n !== denominator < 0n;
    const absNumerator = numerator < 0n ? -numerator : numerator;
    const absDenominator = denominator < 0n ? -denominator : denominator;
    let quotient = absNumerator / absDenominator;
    if ((absNumerator % absDenominator) * 2n >= absDenominator) quotient += 1n;
    return new Decimal(negative ? -quotient : quotient, -places);
  }

  toFloat(): number {
    return Number(`${this.coefficient.toString()}e${this.exponent}`);
  }
}
