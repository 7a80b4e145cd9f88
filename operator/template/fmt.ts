// Go's fmt.Sprint, Sprintln and Sprintf over template values, as text/template's print, println and
// printf and Sprig's functions use them. The output follows Go byte for byte, including its in-band
// complaints: `%!d(string=x)` for a verb that does not fit, `%!d(MISSING)`, `%!(EXTRA int=2)`,
// `%!(NOVERB)`, `%!d(BADINDEX)`, `%!(BADWIDTH)` and `%!(BADPREC)`. Those complaints show the operand,
// as Go's do; they are output, never error messages.
import { clearFlags, goTypeName, Printer } from './fmt-printer.ts';
import type { GoValue } from './values.ts';

export { FormatLimitError, goTypeName, maxFormattedLength } from './fmt-printer.ts';
export { canBackquote, isPrintableRune, quoteGoRune, quoteGoString } from './fmt-quote.ts';
export { formatFloat } from './fmt-float.ts';

/** Go's fmt.Sprint: operands printed with %v, a space between two operands when neither is a string. */
export function sprint(...values: GoValue[]): string {
  const printer = new Printer();
  let previousIsString = false;
  values.forEach((value, index) => {
    const isString = typeof value === 'string';
    if (index > 0 && !isString && !previousIsString) printer.write(' ');
    printer.printArg(value, 'v');
    previousIsString = isString;
  });
  return printer.text();
}

/** Go's fmt.Sprintln: operands printed with %v, always separated by a space, and a newline. */
export function sprintln(...values: GoValue[]): string {
  const printer = new Printer();
  values.forEach((value, index) => {
    if (index > 0) printer.write(' ');
    printer.printArg(value, 'v');
  });
  printer.write('\n');
  return printer.text();
}

/** Go's fmt.Sprintf. */
export function sprintf(format: string, ...values: GoValue[]): string {
  return new FormatRun(format, values).run();
}

/** Width and precision numbers above this are not numbers to Go (it guards against overflow). */
const largestNumber = 1_000_000;

/** Go's parsenum: digits from `start` before `end`; past the guard it gives up and jumps to `end`. */
function parseGoNumber(
  text: string,
  start: number,
  end: number,
): { value: number | undefined; next: number } {
  let value = 0;
  let found = false;
  let index = start;
  for (; index < end; index++) {
    const char = text.charAt(index);
    if (char < '0' || char > '9') break;
    if (value > largestNumber) return { value: undefined, next: end };
    value = value * 10 + Number(char);
    found = true;
  }
  return { value: found ? value : undefined, next: index };
}

/** One Sprintf call: the cursor in the format and the next operand. */
class FormatRun {
  private readonly printer = new Printer();
  private readonly format: string;
  private readonly args: GoValue[];
  private index = 0;
  private argIndex = 0;
  private reordered = false;
  private goodArgIndex = true;

  constructor(format: string, args: GoValue[]) {
    this.format = format;
    this.args = args;
  }

  run(): string {
    const { format, printer } = this;
    const end = format.length;
    while (this.index < end) {
      this.goodArgIndex = true;
      const percent = format.indexOf('%', this.index);
      const literalEnd = percent < 0 ? end : percent;
      if (literalEnd > this.index) printer.write(format.slice(this.index, literalEnd));
      if (percent < 0) break;
      this.index = percent + 1;
      if (!this.directive()) break;
    }
    this.reportExtraOperands();
    return printer.text();
  }

  /** Formats one %-directive; false when the format ended before its verb. */
  private directive(): boolean {
    const { format, printer } = this;
    const end = format.length;
    const flags = clearFlags();
    printer.flags = flags;
    this.parseFlags();

    let afterIndex = this.parseArgIndex();
    if (format.charAt(this.index) === '*') {
      this.index++;
      const width = this.intFromArg();
      if (width === undefined) printer.write('%!(BADWIDTH)');
      else {
        flags.widthPresent = true;
        flags.width = width;
        if (width < 0) {
          flags.width = -width;
          flags.minus = true;
          flags.zero = false;
        }
      }
      afterIndex = false;
    } else {
      const width = this.parseNumber();
      if (width !== undefined) {
        flags.width = width;
        flags.widthPresent = true;
        if (afterIndex) this.goodArgIndex = false; // "%[3]2d"
      }
    }

    if (this.index + 1 < end && format.charAt(this.index) === '.') {
      this.index++;
      if (afterIndex) this.goodArgIndex = false; // "%[3].2d"
      afterIndex = this.parseArgIndex();
      if (format.charAt(this.index) === '*') {
        this.index++;
        const precision = this.intFromArg();
        if (precision !== undefined && precision >= 0) {
          flags.precision = precision;
          flags.precisionPresent = true;
        } else printer.write('%!(BADPREC)');
        afterIndex = false;
      } else {
        flags.precision = this.parseNumber() ?? 0;
        flags.precisionPresent = true;
      }
    }

    if (!afterIndex) this.parseArgIndex();

    if (this.index >= end) {
      printer.write('%!(NOVERB)');
      return false;
    }
    const verb = String.fromCodePoint(format.codePointAt(this.index) ?? 0);
    this.index += verb.length;

    if (verb === '%') {
      printer.write('%'); // takes no operand; width and flags are ignored
    } else if (!this.goodArgIndex) {
      printer.write(`%!${verb}(BADINDEX)`);
    } else if (this.argIndex >= this.args.length) {
      printer.write(`%!${verb}(MISSING)`);
    } else {
      if (verb === 'v') {
        flags.sharpV = flags.sharp;
        flags.sharp = false;
        flags.plusV = flags.plus;
        flags.plus = false;
      }
      printer.printArg(this.args[this.argIndex] ?? null, verb);
      this.argIndex++;
    }
    return true;
  }

  private parseFlags(): void {
    const flags = this.printer.flags;
    for (; this.index < this.format.length; this.index++) {
      switch (this.format.charAt(this.index)) {
        case '#':
          flags.sharp = true;
          break;
        case '0':
          flags.zero = !flags.minus; // zero padding only to the left
          break;
        case '+':
          flags.plus = true;
          break;
        case '-':
          flags.minus = true;
          flags.zero = false;
          break;
        case ' ':
          flags.space = true;
          break;
        default:
          return;
      }
    }
  }

  /** `[n]` picks operand n (1-based) for what follows; true when one was found. */
  private parseArgIndex(): boolean {
    const { format } = this;
    if (format.charAt(this.index) !== '[') return false;
    this.reordered = true;
    const close = format.length - this.index < 3 ? -1 : format.indexOf(']', this.index + 1);
    if (close < 0) {
      this.index++;
      this.goodArgIndex = false;
      return false;
    }
    const number = parseGoNumber(format, this.index + 1, close);
    this.index = close + 1;
    if (number.value === undefined || number.next !== close) {
      this.goodArgIndex = false;
      return false;
    }
    if (number.value >= 1 && number.value <= this.args.length) this.argIndex = number.value - 1;
    else this.goodArgIndex = false;
    return true;
  }

  /** Decimal digits at the cursor; a number past Go's guard swallows the rest of the format. */
  private parseNumber(): number | undefined {
    const number = parseGoNumber(this.format, this.index, this.format.length);
    this.index = number.next;
    return number.value;
  }

  /** The operand of a `*`: an int within Go's guard, else undefined. */
  private intFromArg(): number | undefined {
    if (this.argIndex >= this.args.length) return undefined;
    const arg = this.args[this.argIndex++];
    if (typeof arg !== 'bigint') return undefined;
    if (arg > BigInt(largestNumber) || arg < -BigInt(largestNumber)) return undefined;
    return Number(arg);
  }

  /** Go reports unused operands, unless `[n]` reordered them. */
  private reportExtraOperands(): void {
    const { printer, args } = this;
    if (this.reordered || this.argIndex >= args.length) return;
    printer.flags = clearFlags();
    printer.write('%!(EXTRA ');
    args.slice(this.argIndex).forEach((arg, index) => {
      if (index > 0) printer.write(', ');
      if (arg === null) printer.write('<nil>');
      else {
        printer.write(`${goTypeName(arg)}=`);
        printer.printArg(arg, 'v');
      }
    });
    printer.write(')');
  }
}
