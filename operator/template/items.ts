// The items the lexer produces and the parser consumes, and how Go's parser names them in errors.
import { isPrintableRune, quoteGoString } from './fmt.ts';
import { goStringByteLength } from './go-string.ts';

export type Keyword =
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'comment'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  | Keyword;

export interface Item {
  readonly type: ItemType;
  readonly pos: number;
  /** The item's source text; for 'error', the message. */
  readonly value: string;
  readonly line: number;
}

export const keywords: ReadonlyMap<string, Keyword> = new Map<string, Keyword>([
  ['.', 'dot'],
  ['block', 'block'],
  ['break', 'break'],
  ['continue', 'continue'],
  ['define', 'define'],
  ['else', 'else'],
  ['end', 'end'],
  ['if', 'if'],
  ['nil', 'nil'],
  ['range', 'range'],
  ['template', 'template'],
  ['with', 'with'],
]);
const keywordTypes: ReadonlySet<ItemType> = new Set(keywords.values());

/** How Go's parser names an item in its errors: `<end>`, `"}"`, `"abcdefghij"...`, `EOF`. */
export function describeItem(item: Item): string {
  if (item.type === 'eof') return 'EOF';
  if (item.type === 'error') return item.value;
  if (keywordTypes.has(item.type)) return `<${item.value}>`;
  // Go's %.10q: a value longer than 10 bytes is cut to its first 10 runes.
  if (goStringByteLength(item.value) > 10)
    return `${quoteGoString(Array.from(item.value).slice(0, 10).join(''))}...`;
  return quoteGoString(item.value);
}

/** Go's `%#U`: `U+007D '}'`, the character shown only when it is printable. */
export function describeRune(rune: number): string {
  const code = `U+${rune.toString(16).toUpperCase().padStart(4, '0')}`;
  return isPrintableRune(rune) ? `${code} '${String.fromCodePoint(rune)}'` : code;
}
