// The lexer of Go's text/template, as a state machine the parser pulls one item at a time from.
// It follows Go's rules exactly, since they decide what a template means: the trim markers are
// `{{- ` and ` -}}` (a dash with an ASCII space, tab, CR or LF on its inner side), a comment
// `{{/* */}}` must touch its delimiters, newlines may appear inside actions, and a word ends only
// at a space, `.`, `,`, `|`, `:`, `(`, `)` or the closing delimiter. Positions are indexes into the
// template string; lines count from 1.
import { isPrintableRune, quoteGoString } from './fmt.ts';
import { describeRune, keywords, type Item, type ItemType } from './items.ts';

const EOF = -1;
/** Go's default delimiters; ESO lets an operator choose others (--template-left-delimiter). */
export const defaultDelimiters = { left: '{{', right: '}}' } as const;
const leftComment = '/*';
const rightComment = '*/';
/** A trim marker is the dash plus the space beside it. */
const trimMarkerLength = 2;
const letter = /^\p{L}$/u;
const decimalDigit = /^\p{Nd}$/u;

function isSpace(rune: number): boolean {
  return rune === 0x20 || rune === 0x09 || rune === 0x0d || rune === 0x0a;
}

function isSpaceChar(text: string, index: number): boolean {
  return isSpace(text.charCodeAt(index));
}

export function isAlphaNumeric(rune: number): boolean {
  if (rune === 0x5f) return true;
  if (rune < 0) return false;
  if (rune < 0x80) {
    return (rune >= 0x30 && rune <= 0x39) || (rune >= 0x41 && rune <= 0x5a) || (rune >= 0x61 && rune <= 0x7a);
  }
  const char = String.fromCodePoint(rune);
  return letter.test(char) || decimalDigit.test(char);
}

function hasLeftTrimMarker(text: string, index: number): boolean {
  return text.charAt(index) === '-' && isSpaceChar(text, index + 1);
}

function hasRightTrimMarker(text: string, index: number): boolean {
  return isSpaceChar(text, index) && text.charAt(index + 1) === '-';
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to; index++) if (text.charCodeAt(index) === 0x0a) count++;
  return count;
}

type StateFn = (lexer: Lexer) => StateFn | null;

export interface LexerOptions {
  /** `break` and `continue` are keywords unless the function map defines functions of those names. */
  breakOK: boolean;
  continueOK: boolean;
}

export class Lexer {
  private input: string;
  private readonly leftDelim: string;
  private readonly rightDelim: string;
  private pos = 0;
  private start = 0;
  private atEOF = false;
  private parenDepth = 0;
  private line = 1;
  private startLine = 1;
  private item: Item;
  private insideAction = false;
  options: LexerOptions = { breakOK: true, continueOK: true };

  constructor(input: string, delimiters: { left: string; right: string } = defaultDelimiters) {
    this.input = input;
    // As in Go, an empty delimiter means the default one.
    this.leftDelim = delimiters.left === '' ? defaultDelimiters.left : delimiters.left;
    this.rightDelim = delimiters.right === '' ? defaultDelimiters.right : delimiters.right;
    this.item = { type: 'eof', pos: 0, value: 'EOF', line: 1 };
  }

  nextItem(): Item {
    this.item = { type: 'eof', pos: this.pos, value: 'EOF', line: this.startLine };
    let state: StateFn | null = this.insideAction ? lexInsideAction : lexText;
    while (state !== null) state = state(this);
    return this.item;
  }

  // --- the primitives Go's state functions are written in ---

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const rune = this.input.codePointAt(this.pos) ?? EOF;
    this.pos += rune > 0xffff ? 2 : 1;
    if (rune === 0x0a) this.line++;
    return rune;
  }

  peek(): number {
    const rune = this.next();
    this.backup();
    return rune;
  }

  backup(): void {
    if (this.atEOF || this.pos === 0) return;
    const low = this.input.charCodeAt(this.pos - 1);
    const high = this.pos >= 2 ? this.input.charCodeAt(this.pos - 2) : 0;
    const isPair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
    this.pos -= isPair ? 2 : 1;
    if (low === 0x0a) this.line--;
  }

  private thisItem(type: ItemType): Item {
    const item: Item = {
      type,
      pos: this.start,
      value: this.input.slice(this.start, this.pos),
      line: this.startLine,
    };
    this.start = this.pos;
    this.startLine = this.line;
    return item;
  }

  emit(type: ItemType): null {
    return this.emitItem(this.thisItem(type));
  }

  private emitItem(item: Item): null {
    this.item = item;
    return null;
  }

  /** Skips the pending input, counting the newlines in it (it was not read with next). */
  private ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const rune = this.next();
    if (rune !== EOF && valid.includes(String.fromCodePoint(rune))) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    for (;;) {
      const rune = this.next();
      if (rune === EOF || !valid.includes(String.fromCodePoint(rune))) break;
    }
    this.backup();
  }

  errorf(message: string): null {
    this.item = { type: 'error', pos: this.start, value: message, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = '';
    return null;
  }

  private atRightDelim(): { delim: boolean; trimSpaces: boolean } {
    if (
      hasRightTrimMarker(this.input, this.pos) &&
      this.input.startsWith(this.rightDelim, this.pos + trimMarkerLength)
    ) {
      return { delim: true, trimSpaces: true };
    }
    return { delim: this.input.startsWith(this.rightDelim, this.pos), trimSpaces: false };
  }

  /** Whether the word being scanned ends here. */
  atTerminator(): boolean {
    const rune = this.peek();
    if (isSpace(rune)) return true;
    switch (rune) {
      case EOF:
      case 0x2e: // .
      case 0x2c: // ,
      case 0x7c: // |
      case 0x3a: // :
      case 0x29: // )
      case 0x28: // (
        return true;
    }
    return this.input.startsWith(this.rightDelim, this.pos);
  }

  /** The length of the run of spaces that starts at `index`. */
  private leadingSpaceLength(index: number): number {
    let end = index;
    while (isSpaceChar(this.input, end)) end++;
    return end - index;
  }

  /** The length of the run of spaces that ends just before `end`, not reaching before `start`. */
  private trailingSpaceLength(start: number, end: number): number {
    let from = end;
    while (from > start && isSpaceChar(this.input, from - 1)) from--;
    return end - from;
  }

  // --- state functions (methods so they can reach the private cursor) ---

  static lexText(l: Lexer): StateFn | null {
    const found = l.input.indexOf(l.leftDelim, l.pos);
    if (found >= 0) {
      if (found > l.pos) {
        l.pos = found;
        const trimLength = hasLeftTrimMarker(l.input, found + l.leftDelim.length)
          ? l.trailingSpaceLength(l.start, found)
          : 0;
        l.pos -= trimLength;
        l.line += countNewlines(l.input, l.start, l.pos);
        const item = l.thisItem('text');
        l.pos += trimLength;
        l.ignore();
        if (item.value.length > 0) return l.emitItem(item);
      }
      return lexLeftDelim;
    }
    l.pos = l.input.length;
    if (l.pos > l.start) {
      l.line += countNewlines(l.input, l.start, l.pos);
      return l.emit('text');
    }
    return l.emit('eof');
  }

  static lexLeftDelim(l: Lexer): StateFn | null {
    l.pos += l.leftDelim.length;
    const trimSpace = hasLeftTrimMarker(l.input, l.pos);
    const afterMarker = trimSpace ? trimMarkerLength : 0;
    if (l.input.startsWith(leftComment, l.pos + afterMarker)) {
      l.pos += afterMarker;
      l.ignore();
      return lexComment;
    }
    const item = l.thisItem('leftDelim');
    l.insideAction = true;
    l.pos += afterMarker;
    l.ignore();
    l.parenDepth = 0;
    return l.emitItem(item);
  }

  static lexComment(l: Lexer): StateFn | null {
    l.pos += leftComment.length;
    const end = l.input.indexOf(rightComment, l.pos);
    if (end < 0) return l.errorf('unclosed comment');
    l.pos = end + rightComment.length;
    const { delim, trimSpaces } = l.atRightDelim();
    if (!delim) return l.errorf('comment ends before closing delimiter');
    l.line += countNewlines(l.input, l.start, l.pos);
    l.thisItem('comment'); // comments are not kept (Go's ParseComments mode is off)
    if (trimSpaces) l.pos += trimMarkerLength;
    l.pos += l.rightDelim.length;
    if (trimSpaces) l.pos += l.leadingSpaceLength(l.pos);
    l.ignore();
    return lexText;
  }

  static lexRightDelim(l: Lexer): StateFn | null {
    const { trimSpaces } = l.atRightDelim();
    if (trimSpaces) {
      l.pos += trimMarkerLength;
      l.ignore();
    }
    l.pos += l.rightDelim.length;
    const item = l.thisItem('rightDelim');
    if (trimSpaces) {
      l.pos += l.leadingSpaceLength(l.pos);
      l.ignore();
    }
    l.insideAction = false;
    return l.emitItem(item);
  }

  static lexInsideAction(l: Lexer): StateFn | null {
    const { delim } = l.atRightDelim();
    if (delim) {
      if (l.parenDepth === 0) return lexRightDelim;
      return l.errorf('unclosed left paren');
    }
    const rune = l.next();
    if (rune === EOF) return l.errorf('unclosed action');
    if (isSpace(rune)) {
      l.backup(); // put the space back in case it begins " -}}"
      return lexSpace;
    }
    switch (rune) {
      case 0x3d: // =
        return l.emit('assign');
      case 0x3a: // :
        if (l.next() !== 0x3d) return l.errorf('expected :=');
        return l.emit('declare');
      case 0x7c: // |
        return l.emit('pipe');
      case 0x22: // "
        return lexQuote;
      case 0x60: // `
        return lexRawQuote;
      case 0x24: // $
        return lexVariable;
      case 0x27: // '
        return lexChar;
      case 0x28: // (
        l.parenDepth++;
        return l.emit('leftParen');
      case 0x29: // )
        l.parenDepth--;
        if (l.parenDepth < 0) return l.errorf('unexpected right paren');
        return l.emit('rightParen');
    }
    if (rune === 0x2e) {
      // ".field" unless a digit follows (".5") or nothing does: then it is lexed as a number
      const following = l.input.charCodeAt(l.pos);
      if (l.pos < l.input.length && (following < 0x30 || following > 0x39)) return lexField;
    }
    if (rune === 0x2e || rune === 0x2b || rune === 0x2d || (rune >= 0x30 && rune <= 0x39)) {
      l.backup();
      return lexNumber;
    }
    if (isAlphaNumeric(rune)) {
      l.backup();
      return lexIdentifier;
    }
    if (rune < 0x80 && isPrintableRune(rune)) return l.emit('char');
    return l.errorf(`unrecognized character in action: ${describeRune(rune)}`);
  }

  static lexSpace(l: Lexer): StateFn | null {
    let spaces = 0;
    while (isSpace(l.peek())) {
      l.next();
      spaces++;
    }
    // A space followed by "-}}" is a trim marker, not a separator.
    if (
      hasRightTrimMarker(l.input, l.pos - 1) &&
      l.input.startsWith(l.rightDelim, l.pos - 1 + trimMarkerLength)
    ) {
      l.backup();
      if (spaces === 1) return lexRightDelim;
    }
    return l.emit('space');
  }

  static lexIdentifier(l: Lexer): StateFn | null {
    for (;;) {
      const rune = l.next();
      if (isAlphaNumeric(rune)) continue;
      l.backup();
      const word = l.input.slice(l.start, l.pos);
      if (!l.atTerminator()) return l.errorf(`bad character ${describeRune(rune)}`);
      const keyword = keywords.get(word);
      if (keyword !== undefined) {
        if (
          (keyword === 'break' && !l.options.breakOK) ||
          (keyword === 'continue' && !l.options.continueOK)
        ) {
          return l.emit('identifier');
        }
        return l.emit(keyword);
      }
      if (word.startsWith('.')) return l.emit('field');
      if (word === 'true' || word === 'false') return l.emit('bool');
      return l.emit('identifier');
    }
  }

  static lexFieldOrVariable(l: Lexer, type: 'field' | 'variable'): StateFn | null {
    if (l.atTerminator()) return l.emit(type === 'variable' ? 'variable' : 'dot');
    let rune: number;
    for (;;) {
      rune = l.next();
      if (!isAlphaNumeric(rune)) {
        l.backup();
        break;
      }
    }
    if (!l.atTerminator()) return l.errorf(`bad character ${describeRune(rune)}`);
    return l.emit(type);
  }

  static lexQuoted(l: Lexer, quote: number, type: ItemType, unterminated: string): StateFn | null {
    for (;;) {
      let rune = l.next();
      if (rune === 0x5c) {
        rune = l.next();
        if (rune !== EOF && rune !== 0x0a) continue;
        return l.errorf(unterminated);
      }
      if (rune === EOF || rune === 0x0a) return l.errorf(unterminated);
      if (rune === quote) return l.emit(type);
    }
  }

  static lexRawQuote(l: Lexer): StateFn | null {
    for (;;) {
      const rune = l.next();
      if (rune === EOF) return l.errorf('unterminated raw quoted string');
      if (rune === 0x60) return l.emit('rawString');
    }
  }

  static lexNumber(l: Lexer): StateFn | null {
    if (!l.scanNumber())
      return l.errorf(`bad number syntax: ${quoteGoString(l.input.slice(l.start, l.pos))}`);
    const sign = l.peek();
    if (sign === 0x2b || sign === 0x2d) {
      // A complex number such as 1+2i: no spaces, ending in 'i'.
      if (!l.scanNumber() || l.input.charAt(l.pos - 1) !== 'i') {
        return l.errorf(`bad number syntax: ${quoteGoString(l.input.slice(l.start, l.pos))}`);
      }
      return l.emit('complex');
    }
    return l.emit('number');
  }

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }
}

const lexText: StateFn = (l) => Lexer.lexText(l);
const lexLeftDelim: StateFn = (l) => Lexer.lexLeftDelim(l);
const lexComment: StateFn = (l) => Lexer.lexComment(l);
const lexRightDelim: StateFn = (l) => Lexer.lexRightDelim(l);
const lexInsideAction: StateFn = (l) => Lexer.lexInsideAction(l);
const lexSpace: StateFn = (l) => Lexer.lexSpace(l);
const lexIdentifier: StateFn = (l) => Lexer.lexIdentifier(l);
const lexNumber: StateFn = (l) => Lexer.lexNumber(l);
const lexRawQuote: StateFn = (l) => Lexer.lexRawQuote(l);
const lexField: StateFn = (l) => Lexer.lexFieldOrVariable(l, 'field');
const lexVariable: StateFn = (l) =>
  l.atTerminator() ? l.emit('variable') : Lexer.lexFieldOrVariable(l, 'variable');
const lexQuote: StateFn = (l) => Lexer.lexQuoted(l, 0x22, 'string', 'unterminated quoted string');
const lexChar: StateFn = (l) => Lexer.lexQuoted(l, 0x27, 'charConstant', 'unterminated character constant');
