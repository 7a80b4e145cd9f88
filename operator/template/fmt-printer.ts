// The printing half of Go's fmt (its print.go): how each kind of template value prints under each
// verb, element by element for lists and maps, with Go's `%!verb(type=value)` for a verb that does
// not fit. The formatting of single values is fmt-format.ts.
import { asUnsigned, Formatter, FormatLimitError, validRune } from './fmt-format.ts';
import { quoteGoRune } from './fmt-quote.ts';
import { compareGoStrings, goStringFromBytes, goStringToBytes } from './go-string.ts';
import { GoMap, GoObject, type GoValue } from './values.ts';

export { clearFlags, FormatLimitError, maxFormattedLength, type FormatFlags } from './fmt-format.ts';

/** Deeper nesting can only come from a map that contains itself, which Go would recurse on forever. */
const maxPrintDepth = 1000;

/** Go's type name of a value, as `%T` prints it and as Go's error messages name it. */
export function goTypeName(value: GoValue): string {
  if (value === null) return '<nil>';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
  }
  if (value instanceof Uint8Array) return '[]uint8';
  if (Array.isArray(value)) return '[]interface {}';
  if (value instanceof GoObject) return value.goType;
  return `map[string]${value.zero === null ? 'interface {}' : goTypeName(value.zero)}`;
}

/** One uint8 of a []byte printed element by element (`%v` of a []byte is `[97 98]`). */
class ByteElement {
  readonly byte: number;
  constructor(byte: number) {
    this.byte = byte;
  }
}

type Printable = GoValue | ByteElement;

export class Printer extends Formatter {
  /** Inside a `%!verb(…)`, where Go calls no String() method. */
  private erroring = false;

  /** Go's printArg: one operand at the top level. */
  printArg(arg: GoValue, verb: string): void {
    if (arg === null) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, null);
      return;
    }
    if (verb === 'T') {
      this.formatString(goTypeName(arg));
      return;
    }
    if (verb === 'p') {
      // Go prints the address of a slice's or map's data, which a template cannot depend on.
      this.badVerb(verb, arg);
      return;
    }
    if (arg instanceof Uint8Array && (verb === 'v' || verb === 'd') && this.flags.sharpV) {
      this.printBytesGoSyntax(arg, '[]byte');
      return;
    }
    this.printValue(arg, verb, 0);
  }

  private printValue(value: Printable, verb: string, depth: number): void {
    if (depth > maxPrintDepth) throw new FormatLimitError('value nested too deeply to print');
    if (value === null) {
      // A nil inside a slice or map is a nil interface: no complaint about the verb, no padding.
      this.write(this.flags.sharpV ? 'interface {}(nil)' : '<nil>');
    } else if (value instanceof ByteElement) {
      this.printInteger(BigInt(value.byte), false, verb, value);
    } else if (typeof value === 'boolean') {
      if (verb === 't' || verb === 'v') this.pad(value ? 'true' : 'false');
      else this.badVerb(verb, value);
    } else if (typeof value === 'bigint') {
      this.printInteger(value, true, verb, value);
    } else if (typeof value === 'number') {
      this.printFloat(value, verb);
    } else if (typeof value === 'string') {
      this.printString(value, verb);
    } else if (value instanceof Uint8Array) {
      this.printBytes(value, verb, depth);
    } else if (Array.isArray(value)) {
      this.printList(value, verb, depth);
    } else if (value instanceof GoObject) {
      this.printObject(value, verb, depth);
    } else {
      this.printMap(value, verb, depth);
    }
  }

  private printList(list: GoValue[], verb: string, depth: number): void {
    if (this.flags.sharpV) {
      this.write(`${goTypeName(list)}{`);
      list.forEach((element, index) => {
        if (index > 0) this.write(', ');
        this.printValue(element, verb, depth + 1);
      });
      this.write('}');
      return;
    }
    this.write('[');
    list.forEach((element, index) => {
      if (index > 0) this.write(' ');
      this.printValue(element, verb, depth + 1);
    });
    this.write(']');
  }

  /** Go's handleMethods (a String() method serves %v %s %q %x %X), else the struct field by field:
   * `{a b}`, `{Cert:a Key:b}` under %+v, `sprig.certificate{Cert:"a", Key:"b"}` under %#v. Go
   * prints a pointer nested in a list or map as its address; here it prints as at the top level. */
  private printObject(object: GoObject, verb: string, depth: number): void {
    const text = this.erroring ? undefined : object.stringer();
    if (text !== undefined && !this.flags.sharpV && ['v', 's', 'q', 'x', 'X'].includes(verb)) {
      this.printString(text, verb);
      return;
    }
    const integer = object.namedInteger();
    if (integer !== undefined) {
      this.printInteger(integer.value, true, verb, object);
      return;
    }
    const sharpV = this.flags.sharpV;
    const pointer = object.goType.startsWith('*');
    if (pointer) this.write('&');
    if (sharpV) this.write(pointer ? object.goType.slice(1) : object.goType);
    this.write('{');
    [...object.fields()].forEach(([name, value], index) => {
      if (index > 0) this.write(sharpV ? ', ' : ' ');
      if (sharpV || this.flags.plusV) this.write(`${name}:`);
      this.printValue(value, verb, depth + 1);
    });
    this.write('}');
  }

  private printMap(map: GoMap, verb: string, depth: number): void {
    const sharpV = this.flags.sharpV;
    this.write(sharpV ? `${goTypeName(map)}{` : 'map[');
    [...map.keys()].sort(compareGoStrings).forEach((key, index) => {
      if (index > 0) this.write(sharpV ? ', ' : ' ');
      this.printValue(key, verb, depth + 1);
      this.write(':');
      this.printValue(map.get(key) ?? null, verb, depth + 1);
    });
    this.write(sharpV ? '}' : ']');
  }

  private printBytes(bytes: Uint8Array, verb: string, depth: number): void {
    switch (verb) {
      case 's':
        this.formatString(goStringFromBytes(bytes));
        return;
      case 'x':
      case 'X':
        this.formatHex(bytes, verb === 'X');
        return;
      case 'q':
        this.formatQuoted(goStringFromBytes(bytes));
        return;
    }
    if (this.flags.sharpV) {
      this.printBytesGoSyntax(bytes, '[]uint8');
      return;
    }
    this.write('[');
    bytes.forEach((byte, index) => {
      if (index > 0) this.write(' ');
      this.printValue(new ByteElement(byte), verb, depth + 1);
    });
    this.write(']');
  }

  private printBytesGoSyntax(bytes: Uint8Array, typeName: string): void {
    this.write(`${typeName}{`);
    bytes.forEach((byte, index) => {
      if (index > 0) this.write(', ');
      this.withFlags({ sharp: true }, () => this.formatInteger(BigInt(byte), 16, 'v', false));
    });
    this.write('}');
  }

  private printString(text: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.flags.sharpV) this.formatQuoted(text);
        else this.formatString(text);
        return;
      case 's':
        this.formatString(text);
        return;
      case 'x':
      case 'X':
        this.formatHex(goStringToBytes(text), verb === 'X');
        return;
      case 'q':
        this.formatQuoted(text);
        return;
    }
    this.badVerb(verb, text);
  }

  private printInteger(value: bigint, signed: boolean, verb: string, original: Printable): void {
    switch (verb) {
      case 'v':
        if (this.flags.sharpV && !signed) {
          this.withFlags({ sharp: true }, () => this.formatInteger(value, 16, 'v', false));
        } else this.formatInteger(value, 10, verb, false);
        return;
      case 'd':
        this.formatInteger(value, 10, verb, false);
        return;
      case 'b':
        this.formatInteger(value, 2, verb, false);
        return;
      case 'o':
      case 'O':
        this.formatInteger(value, 8, verb, false);
        return;
      case 'x':
      case 'X':
        this.formatInteger(value, 16, verb, verb === 'X');
        return;
      case 'c':
        this.pad(String.fromCodePoint(validRune(asUnsigned(value))));
        return;
      case 'q':
        this.pad(quoteGoRune(validRune(asUnsigned(value)), this.flags.plus));
        return;
      case 'U':
        this.formatUnicode(asUnsigned(value));
        return;
    }
    this.badVerb(verb, original);
  }

  private printFloat(value: number, verb: string): void {
    switch (verb) {
      case 'v':
        this.formatFloat(value, 'g', -1);
        return;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        this.formatFloat(value, verb, -1);
        return;
      case 'f':
      case 'F':
        this.formatFloat(value, 'f', 6);
        return;
      case 'e':
      case 'E':
        this.formatFloat(value, verb, 6);
        return;
    }
    this.badVerb(verb, value);
  }

  /** Go's `%!verb(type=value)`; the value prints with %v under the same flags, as in Go, and
   * without its String() method (`%!t(time.Month=5)`). */
  private badVerb(verb: string, value: Printable): void {
    const erroring = this.erroring;
    this.erroring = true;
    try {
      this.writeBadVerb(verb, value);
    } finally {
      this.erroring = erroring;
    }
  }

  private writeBadVerb(verb: string, value: Printable): void {
    this.write(`%!${verb}(`);
    if (value === null) this.write('<nil>');
    else if (value instanceof ByteElement) {
      this.write('uint8=');
      this.printValue(value, 'v', 0);
    } else {
      this.write(`${goTypeName(value)}=`);
      this.printValue(value, 'v', 0);
    }
    this.write(')');
  }
}
