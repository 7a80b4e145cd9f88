// Go's strconv.FormatFloat(x, format, precision, 64) for the formats fmt uses. Precision -1 means the
// shortest decimal that reads back as the same float64 (JavaScript's own shortest digits, which are
// the same digits). An explicit precision rounds the exact binary value half-to-even, as Go does
// (`%.0f` of 2.5 is "2"), which JavaScript's toFixed does not.
import { withoutTrailing } from './trailing-characters.ts';

/** Decimal digits without leading or trailing zeros; the value is 0.digits × 10^point. Zero is "". */
interface Decimal {
  digits: string;
  point: number;
}

export type FloatFormat = 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X';

export function formatFloat(value: number, format: FloatFormat, precision: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const negative = value < 0 || Object.is(value, -0);
  const sign = negative ? '-' : '';
  const magnitude = Math.abs(value);
  if (format === 'b') return sign + formatBinaryExponent(magnitude);
  if (format === 'x' || format === 'X') return sign + formatHexFloat(magnitude, precision, format);
  return sign + formatDecimal(magnitude, format, precision);
}

function formatDecimal(magnitude: number, format: 'e' | 'E' | 'f' | 'g' | 'G', precision: number): string {
  const shortest = precision < 0;
  let decimal: Decimal;
  if (shortest) {
    decimal = shortestDecimal(magnitude);
    const count = decimal.digits.length;
    if (format === 'e' || format === 'E') precision = Math.max(count - 1, 0);
    else if (format === 'f') precision = Math.max(count - decimal.point, 0);
    else precision = count;
  } else {
    const exact = exactDecimal(magnitude);
    if (format === 'e' || format === 'E') decimal = roundDecimal(exact, precision + 1);
    else if (format === 'f') decimal = roundDecimal(exact, exact.point + precision);
    else {
      if (precision === 0) precision = 1;
      decimal = roundDecimal(exact, precision);
    }
  }
  if (format === 'e' || format === 'E') return exponentForm(decimal, precision, format);
  if (format === 'f') return fixedForm(decimal, precision);
  // %g: exponent form when the exponent is below -4 or at least the precision (6 when shortest).
  let exponentLimit = precision;
  if (exponentLimit > decimal.digits.length && decimal.digits.length >= decimal.point) {
    exponentLimit = decimal.digits.length;
  }
  if (shortest) exponentLimit = 6;
  const exponent = decimal.point - 1;
  if (exponent < -4 || exponent >= exponentLimit) {
    const digits = Math.min(precision, decimal.digits.length);
    return exponentForm(decimal, digits - 1, format === 'g' ? 'e' : 'E');
  }
  const digits = precision > decimal.point ? decimal.digits.length : precision;
  return fixedForm(decimal, Math.max(digits - decimal.point, 0));
}

function exponentForm(decimal: Decimal, precision: number, letter: 'e' | 'E'): string {
  const { digits } = decimal;
  let text = digits.length > 0 ? digits.charAt(0) : '0';
  if (precision > 0) text += '.' + digits.slice(1, precision + 1).padEnd(precision, '0');
  const exponent = digits.length === 0 ? 0 : decimal.point - 1;
  const exponentDigits = String(Math.abs(exponent)).padStart(2, '0');
  return `${text}${letter}${exponent < 0 ? '-' : '+'}${exponentDigits}`;
}

function fixedForm(decimal: Decimal, precision: number): string {
  const { digits, point } = decimal;
  let text = point > 0 ? digits.slice(0, point).padEnd(point, '0') : '0';
  if (precision > 0) {
    let fraction = '';
    for (let index = 0; index < precision; index++) {
      const position = point + index;
      fraction += position >= 0 && position < digits.length ? digits.charAt(position) : '0';
    }
    text += '.' + fraction;
  }
  return text;
}

function shortestDecimal(magnitude: number): Decimal {
  if (magnitude === 0) return { digits: '', point: 0 };
  const [mantissa = '', exponent = '0'] = magnitude.toExponential().split('e');
  return { digits: withoutTrailing(mantissa.replace('.', ''), '0'), point: Number(exponent) + 1 };
}

/** Every decimal digit of a float64, which is always a finite decimal fraction. */
function exactDecimal(magnitude: number): Decimal {
  if (magnitude === 0) return { digits: '', point: 0 };
  const { mantissa, exponent } = splitFloat(magnitude);
  let digits: string;
  let point: number;
  if (exponent >= 0) {
    digits = (mantissa << BigInt(exponent)).toString();
    point = digits.length;
  } else {
    // m × 2^-k = m × 5^k / 10^k
    digits = (mantissa * 5n ** BigInt(-exponent)).toString();
    point = digits.length + exponent;
  }
  return trimDecimal({ digits, point });
}

/** Rounds to `count` significant digits, half to even on the exact value. */
function roundDecimal(decimal: Decimal, count: number): Decimal {
  const { digits, point } = decimal;
  if (count < 0 || count >= digits.length) return decimal;
  const next = digits.charAt(count);
  const exactHalf = next === '5' && count + 1 === digits.length;
  const previousOdd = count > 0 && Number(digits.charAt(count - 1)) % 2 === 1;
  const roundUp = exactHalf ? previousOdd : next >= '5';
  if (!roundUp) return trimDecimal({ digits: digits.slice(0, count), point });
  const kept = digits.slice(0, count);
  if (/^9*$/.test(kept)) return { digits: '1', point: point + 1 };
  const incremented = (BigInt(kept) + 1n).toString().padStart(count, '0');
  return trimDecimal({ digits: incremented, point });
}

function trimDecimal(decimal: Decimal): Decimal {
  const digits = withoutTrailing(decimal.digits, '0');
  return digits.length === 0 ? { digits: '', point: 0 } : { digits, point: decimal.point };
}

/** The float as mantissa × 2^exponent with an integer mantissa (53 bits for normal numbers). */
function splitFloat(magnitude: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, magnitude);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  if (biased === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** %b: decimal mantissa and binary exponent, e.g. 4503599627370496p-52. */
function formatBinaryExponent(magnitude: number): string {
  const { mantissa, exponent } = splitFloat(magnitude);
  return `${mantissa.toString()}p${exponent >= 0 ? '+' : ''}${exponent}`;
}

/** %x: hexadecimal mantissa with a leading 1 and a binary exponent, e.g. 0x1.8p+01. */
function formatHexFloat(magnitude: number, precision: number, letter: 'x' | 'X'): string {
  let { mantissa, exponent } = splitFloat(magnitude);
  const topBit = 1n << 60n;
  const fieldMask = topBit - 1n;
  // Normalise to 1.fraction × 2^exponent with the leading bit at bit 60.
  exponent += 52;
  if (mantissa === 0n) exponent = 0;
  mantissa <<= 8n;
  while (mantissa !== 0n && (mantissa & topBit) === 0n) {
    mantissa <<= 1n;
    exponent--;
  }
  if (precision >= 0 && precision < 15) {
    const shift = BigInt(precision * 4);
    const rest = (mantissa << shift) & fieldMask;
    mantissa >>= 60n - shift;
    if ((rest | (mantissa & 1n)) > 1n << 59n) mantissa++;
    mantissa <<= 60n - shift;
    if ((mantissa & (1n << 61n)) !== 0n) {
      mantissa >>= 1n;
      exponent++;
    }
  }
  let text = `0${letter}${String((mantissa >> 60n) & 1n)}`;
  mantissa = (mantissa << 4n) & ((1n << 64n) - 1n);
  const hexDigit = (): string => {
    const digit = Number((mantissa >> 60n) & 15n).toString(16);
    mantissa = (mantissa << 4n) & ((1n << 64n) - 1n);
    return letter === 'X' ? digit.toUpperCase() : digit;
  };
  if (precision < 0 && mantissa !== 0n) {
    text += '.';
    while (mantissa !== 0n) text += hexDigit();
  } else if (precision > 0) {
    text += '.';
    for (let index = 0; index < precision; index++) text += hexDigit();
  }
  const exponentText = String(Math.abs(exponent)).padStart(2, '0');
  return `${text}${letter === 'X' ? 'P' : 'p'}${exponent < 0 ? '-' : '+'}${exponentText}`;
}
