// Number and character literals as Go's template parser reads them: one literal may be usable as an
// int, a uint and a float at once (`3.0` is all three, `0x10` is an int and a uint, `1e3` too), and
// the executor later picks the kind from the spelling. Integers follow strconv.ParseInt/ParseUint
// with base 0 (0x, 0o, 0b, a leading 0 for octal, `_` between digits); floats follow
// strconv.ParseFloat (decimal, or hexadecimal with a p exponent).
import { LiteralSyntaxError, unquoteChar } from './unquote.ts';

export interface NumberLiteral {
  /** As written in the template. */
  readonly text: string;
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  /** Imaginary literals such as `2i`, which Ferry parses but cannot evaluate. */
  readonly isComplex: boolean;
  readonly int: bigint;
  readonly uint: bigint;
  readonly float: number;
}

/** A literal Go's parser rejects; the message is Go's. */
export class NumberSyntaxError extends Error {
  override readonly name = 'NumberSyntaxError';
}

const maxUint64 = (1n << 64n) - 1n;
const maxInt64 = (1n << 63n) - 1n;

/** Go's underscoreOK: `_` only between digits, or between a base prefix and a digit. */
function underscoreOK(text: string): boolean {
  let saw = '^';
  let index = 0;
  let rest = text;
  if (rest.startsWith('-') || rest.startsWith('+')) rest = rest.slice(1);
  let hex = false;
  if (rest.length >= 2 && rest[0] === '0' && 'bBoOxX'.includes(rest.charAt(1))) {
    index = 2;
    saw = '0';
    hex = rest.charAt(1).toLowerCase() === 'x';
  }
  for (; index < rest.length; index++) {
    const char = rest.charAt(index);
    if ((char >= '0' && char <= '9') || (hex && /^[a-fA-F]$/.test(char))) {
      saw = '0';
      continue;
    }
    if (char === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

function digitValue(char: string): number {
  const code = char.toLowerCase().charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61 + 10;
  return 99;
}

/** strconv.ParseUint(text, 0, 64), or undefined when it fails. */
function parseUint(text: string): bigint | undefined {
  if (text === '') return undefined;
  let digits = text;
  let base = 10n;
  if (digits.startsWith('0')) {
    const prefix = digits.charAt(1).toLowerCase();
    if (digits.length >= 3 && (prefix === 'b' || prefix === 'o' || prefix === 'x')) {
      base = prefix === 'b' ? 2n : prefix === 'o' ? 8n : 16n;
      digits = digits.slice(2);
    } else {
      base = 8n;
      digits = digits.slice(1);
    }
  }
  let value = 0n;
  let underscores = false;
  for (const char of digits) {
    if (char === '_') {
      underscores = true;
      continue;
    }
    const digit = BigInt(digitValue(char));
    if (digit >= base) return undefined;
    value = value * base + digit;
    if (value > maxUint64) return undefined;
  }
  if (underscores && !underscoreOK(text)) return undefined;
  return value;
}

/** strconv.ParseInt(text, 0, 64), or undefined when it fails. */
function parseInt64(text: string): bigint | undefined {
  const negative = text.startsWith('-');
  const unsigned = parseUint(negative || text.startsWith('+') ? text.slice(1) : text);
  if (unsigned === undefined) return undefined;
  if (negative) return unsigned > maxInt64 + 1n ? undefined : -unsigned;
  return unsigned > maxInt64 ? undefined : unsigned;
}

const decimalFloat = /^[+-]?(?:[0-9_]+(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?$/;
const hexFloat = /^([+-]?)0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?[0-9_]+)$/;

/** strconv.ParseFloat(text, 64), or undefined when it fails (syntax, or out of range). */
function parseFloat64(text: string): number | undefined {
  if (text.includes('_') && !underscoreOK(text)) return undefined;
  let value: number;
  const hex = hexFloat.exec(text);
  if (hex) {
    const [, sign = '', whole = '', fraction = '', exponent = ''] = hex;
    const mantissa = (whole + fraction).replaceAll('_', '');
    if (mantissa === '') return undefined;
    const power = Number(exponent.replaceAll('_', '')) - 4 * fraction.replaceAll('_', '').length;
    value = Number(BigInt(`0x${mantissa}`)) * 2 ** power;
    if (sign === '-') value = -value;
  } else {
    if (!decimalFloat.test(text) || !/[0-9]/.test(text.replace(/[eE][^]*$/, ''))) return undefined;
    value = Number(text.replaceAll('_', ''));
  }
  return Number.isFinite(value) ? value : undefined;
}

/**
 * "1e+5-2i" → "-2": from the first sign that is not an exponent's, past the first two characters,
 * to the closing i. A scan rather than /^(.+?[^eEpP])([+-].*)i$/, which backtracks quadratically.
 */
function imaginaryPartOf(text: string): string | undefined {
  if (!text.endsWith('i') || /[\n\r\u2028\u2029]/.test(text)) return undefined;
  for (let sign = 2; sign < text.length - 1; sign++) {
    const char = text.charAt(sign);
    if ((char === '+' || char === '-') && !'eEpP'.includes(text.charAt(sign - 1))) {
      return text.slice(sign, -1);
    }
  }
  return undefined;
}

function literal(text: string, parts: Partial<Omit<NumberLiteral, 'text'>>): NumberLiteral {
  return {
    text,
    isInt: false,
    isUint: false,
    isFloat: false,
    isComplex: false,
    int: 0n,
    uint: 0n,
    float: 0,
    ...parts,
  };
}

/** An imaginary part of zero makes the literal an ordinary number again, as in Go. */
function imaginary(text: string, imaginaryPart: number): NumberLiteral {
  if (imaginaryPart !== 0) return literal(text, { isComplex: true });
  return literal(text, { isComplex: true, isFloat: true, isInt: true, isUint: true });
}

/** Go's parse.newNumber. `kind` is the lexer's: a number, a character constant or a complex. */
export function parseNumberLiteral(text: string, kind: 'number' | 'charConstant' | 'complex'): NumberLiteral {
  if (kind === 'charConstant') {
    let char;
    try {
      char = unquoteChar(text.slice(1), "'");
    } catch (error) {
      if (error instanceof LiteralSyntaxError) throw new NumberSyntaxError(error.message);
      throw error;
    }
    if (char.tail !== "'") throw new NumberSyntaxError(`malformed character constant: ${text}`);
    const rune = BigInt(char.value);
    return literal(text, {
      isInt: true,
      isUint: true,
      isFloat: true,
      int: rune,
      uint: rune,
      float: char.value,
    });
  }
  if (kind === 'complex') {
    // "1+2i": Ferry does not evaluate complex numbers; the imaginary part decides whether it is one.
    const imaginaryText = imaginaryPartOf(text);
    const imaginaryPart = imaginaryText === undefined ? undefined : parseFloat64(imaginaryText);
    if (imaginaryPart === undefined) throw new NumberSyntaxError(`illegal number syntax: ${text}`);
    return imaginary(text, imaginaryPart);
  }
  if (text.endsWith('i')) {
    const imaginaryPart = parseFloat64(text.slice(0, -1));
    if (imaginaryPart !== undefined) return imaginary(text, imaginaryPart);
  }
  const uint = parseUint(text);
  const int = parseInt64(text);
  if (int !== undefined) {
    return literal(text, {
      isInt: true,
      int,
      isUint: uint !== undefined || int === 0n,
      uint: uint ?? 0n,
      isFloat: true,
      float: Number(int),
    });
  }
  if (uint !== undefined) return literal(text, { isUint: true, uint, isFloat: true, float: Number(uint) });
  const float = parseFloat64(text);
  if (float === undefined) throw new NumberSyntaxError(`illegal number syntax: ${quote(text)}`);
  // A float spelled like an integer is an integer too large for int64.
  if (!/[.eEpP]/.test(text)) throw new NumberSyntaxError(`integer overflow: ${quote(text)}`);
  const asInt = Number.isInteger(float) && float >= -(2 ** 63) && float < 2 ** 63 ? BigInt(float) : undefined;
  const asUint = Number.isInteger(float) && float >= 0 && float < 2 ** 64 ? BigInt(float) : undefined;
  return literal(text, {
    isFloat: true,
    float,
    isInt: asInt !== undefined,
    int: asInt ?? 0n,
    isUint: asUint !== undefined,
    uint: asUint ?? 0n,
  });
}

/** Number literals are ASCII, so Go's %q of one is the text in double quotes. */
function quote(text: string): string {
  return `"${text}"`;
}
