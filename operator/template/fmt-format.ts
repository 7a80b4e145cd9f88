// Go's fmt state and the formatting of single values (its format.go): flags, width, precision and
// padding, integers in every base, floats, strings quoted or in hex. fmt-printer.ts decides which
// of these each kind of value gets under each verb.
import { formatFloat, type FloatFormat } from './fmt-float.ts';
import { canBackquote, isPrintableRune, quoteGoString } from './fmt-quote.ts';
import { goRuneCount } from './go-string.ts';

/** A formatted value may not grow past this, whatever widths it asks for (Go would try and run out of memory). */
export const maxFormattedLength = 16 * 1024 * 1024;

export class FormatLimitError extends Error {
  override readonly name = 'FormatLimitError';
}

export interface FormatFlags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  width: number;
  widthPresent: boolean;
  precision: number;
  precisionPresent: boolean;
}

export function clearFlags(): FormatFlags {
  return {
    plus: false,
    minus: false,
    sharp: false,
    space: false,
    zero: false,
    plusV: false,
    sharpV: false,
    width: 0,
    widthPresent: false,
    precision: 0,
    precisionPresent: false,
  };
}

export class Formatter {
  flags: FormatFlags = clearFlags();
  private readonly parts: string[] = [];
  private length = 0;

  write(text: string): void {
    this.length += text.length;
    if (this.length > maxFormattedLength) {
      throw new FormatLimitError(`formatted text exceeds ${maxFormattedLength} characters`);
    }
    this.parts.push(text);
  }

  text(): string {
    return this.parts.join('');
  }

  protected withFlags(overrides: Partial<FormatFlags>, action: () => void): void {
    const saved = this.flags;
    this.flags = { ...saved, ...overrides };
    try {
      action();
    } finally {
      this.flags = saved;
    }
  }

  protected writePadding(count: number): void {
    if (count <= 0) return;
    this.write((this.flags.zero ? '0' : ' ').repeat(count));
  }

  /** Pads to the width in runes, on the left unless the minus flag is set. */
  pad(text: string): void {
    const { width, widthPresent, minus } = this.flags;
    if (!widthPresent || width === 0) {
      this.write(text);
      return;
    }
    const padding = width - goRuneCount(text);
    if (minus) {
      this.write(text);
      this.writePadding(padding);
    } else {
      this.writePadding(padding);
      this.write(text);
    }
  }

  protected truncate(text: string): string {
    if (!this.flags.precisionPresent) return text;
    let result = '';
    let count = 0;
    for (const char of text) {
      if (count++ >= this.flags.precision) break;
      result += char;
    }
    return result;
  }

  protected formatString(text: string): void {
    this.pad(this.truncate(text));
  }

  protected formatQuoted(text: string): void {
    const truncated = this.truncate(text);
    if (this.flags.sharp && canBackquote(truncated)) this.pad('`' + truncated + '`');
    else this.pad(quoteGoString(truncated, this.flags.plus));
  }

  /** %x of a string or []byte: two digits a byte; `% x` spaces them, `%#x` adds 0x. */
  protected formatHex(bytes: Uint8Array, upper: boolean): void {
    const { precision, precisionPresent, space, sharp, width, widthPresent, minus } = this.flags;
    const length = precisionPresent && precision < bytes.length ? precision : bytes.length;
    if (length === 0) {
      if (widthPresent) this.writePadding(width);
      return;
    }
    let encodedWidth = 2 * length;
    if (space) encodedWidth = (sharp ? 2 * encodedWidth : encodedWidth) + length - 1;
    else if (sharp) encodedWidth += 2;
    if (widthPresent && width > encodedWidth && !minus) this.writePadding(width - encodedWidth);
    const prefix = upper ? '0X' : '0x';
    let text = sharp ? prefix : '';
    for (let index = 0; index < length; index++) {
      if (space && index > 0) text += sharp ? ` ${prefix}` : ' ';
      const digits = (bytes[index] ?? 0).toString(16).padStart(2, '0');
      text += upper ? digits.toUpperCase() : digits;
    }
    this.write(text);
    if (widthPresent && width > encodedWidth && minus) this.writePadding(width - encodedWidth);
  }

  protected formatInteger(value: bigint, base: number, verb: string, upper: boolean): void {
    const flags = this.flags;
    const negative = value < 0n;
    const magnitude = negative ? -value : value;
    let precision = 0;
    if (flags.precisionPresent) {
      precision = flags.precision;
      // Precision 0 and value 0 print nothing but the padding.
      if (precision === 0 && magnitude === 0n) {
        this.withFlags({ zero: false }, () => this.writePadding(flags.width));
        return;
      }
    } else if (flags.zero && !flags.minus && flags.widthPresent) {
      precision = flags.width;
      if (negative || flags.plus || flags.space) precision--;
    }
    let digits = magnitude.toString(base);
    if (upper) digits = digits.toUpperCase();
    digits = digits.padStart(precision, '0');
    if (flags.sharp) {
      if (base === 2) digits = '0b' + digits;
      else if (base === 8 && !digits.startsWith('0')) digits = '0' + digits;
      else if (base === 16) digits = (upper ? '0X' : '0x') + digits;
    }
    if (verb === 'O') digits = '0o' + digits;
    if (negative) digits = '-' + digits;
    else if (flags.plus) digits = '+' + digits;
    else if (flags.space) digits = ' ' + digits;
    this.withFlags({ zero: false }, () => this.pad(digits));
  }

  protected formatUnicode(code: bigint): void {
    let text = '';
    const rune = Number(code);
    if (this.flags.sharp && code <= 0x10ffffn && isPrintableRune(rune)) {
      text = ` '${String.fromCodePoint(rune)}'`;
    }
    const minimumDigits = this.flags.precisionPresent && this.flags.precision > 4 ? this.flags.precision : 4;
    text = `U+${code.toString(16).toUpperCase().padStart(minimumDigits, '0')}${text}`;
    this.withFlags({ zero: false }, () => this.pad(text));
  }

  protected formatFloat(value: number, verb: string, defaultPrecision: number): void {
    const flags = this.flags;
    const precision = flags.precisionPresent ? flags.precision : defaultPrecision;
    let number = formatFloat(value, verb as FloatFormat, precision);
    let sign = '+';
    if (number.startsWith('-') || number.startsWith('+')) {
      sign = number.charAt(0);
      number = number.slice(1);
    }
    if (flags.space && sign === '+' && !flags.plus) sign = ' ';
    if (number === 'Inf' || number === 'NaN') {
      const shown = number === 'NaN' && !flags.space && !flags.plus ? number : sign + number;
      this.withFlags({ zero: false }, () => this.pad(shown));
      return;
    }
    if (flags.sharp && verb !== 'b') number = forceDecimalPoint(number, verb, precision);
    if (flags.plus || sign !== '+') {
      // Zero padding goes between the sign and the digits.
      if (flags.zero && !flags.minus && flags.widthPresent && flags.width > number.length + 1) {
        this.write(sign);
        this.writePadding(flags.width - number.length - 1);
        this.write(number);
        return;
      }
      this.pad(sign + number);
      return;
    }
    this.pad(number);
  }
}

/** The # flag on floats: always a decimal point, and %g keeps its trailing zeros. */
function forceDecimalPoint(number: string, verb: string, precision: number): string {
  let digits = verb === 'g' || verb === 'G' || verb === 'x' || verb === 'X' ? precision : 0;
  if (digits === -1) digits = 6;
  const hex = verb === 'x' || verb === 'X';
  let body = number;
  let tail = '';
  const tailStart = body.search(hex ? /[pP]/ : /[eEpP]/);
  if (tailStart >= 0) {
    tail = body.slice(tailStart);
    body = body.slice(0, tailStart);
  }
  let sawNonzero = false;
  for (const char of body) {
    if (char === '.') continue;
    if (char !== '0') sawNonzero = true;
    if (sawNonzero) digits--;
  }
  if (!body.includes('.')) {
    if (body === '0') digits--;
    body += '.';
  }
  if (digits > 0) body += '0'.repeat(digits);
  return body + tail;
}

export function asUnsigned(value: bigint): bigint {
  return BigInt.asUintN(64, value);
}

/** What Go's %c and %q print for an integer: invalid code points become U+FFFD. */
export function validRune(code: bigint): number {
  if (code > 0x10ffffn) return 0xfffd;
  const rune = Number(code);
  return rune >= 0xd800 && rune <= 0xdfff ? 0xfffd : rune;
}
