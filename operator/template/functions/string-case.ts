// Sprig's camelcase, snakecase and kebabcase, which are huandu/xstrings' ToPascalCase, ToSnakeCase
// and ToKebabCase: words are split at connectors (-, _, spaces), case changes, and runs of digits,
// punctuation and other characters, with xstrings' particular rules for where separators go.
import { fixed, type FunctionDefinition } from './signature.ts';
import { isLetter, isSpace, isUpper, toLowerRune, toUpperRune } from './unicode.ts';

export const stringCaseFunctions: Record<string, FunctionDefinition> = {
  camelcase: fixed(['string'], toPascalCase),
  snakecase: fixed(['string'], (text) => toConnected(text, '_')),
  kebabcase: fixed(['string'], (text) => toConnected(text, '-')),
};

const punctuation = /^\p{P}$/u;
const number = /^\p{N}$/u;

const isConnector = (rune: number): boolean => rune === 0x2d || rune === 0x5f || isSpace(rune);
const isPunct = (rune: number): boolean => punctuation.test(String.fromCodePoint(rune));
const isNumber = (rune: number): boolean => number.test(String.fromCodePoint(rune));

/** xstrings' isAlphabet: a letter that is not a CJK ideograph. */
function isAlphabet(rune: number): boolean {
  if (!isLetter(rune)) return false;
  if (rune < 0x3400) return true;
  const ideograph =
    (rune >= 0x4e00 && rune <= 0x9fcc) ||
    (rune >= 0x3400 && rune <= 0x4d85) ||
    (rune >= 0x20000 && rune <= 0x2b81d);
  return !ideograph;
}

const runesOf = (text: string): number[] => Array.from(text, (char) => char.codePointAt(0) ?? 0);
const textOf = (runes: number[]): string => String.fromCodePoint(...runes);

/** xstrings' toCamelCase(str, true). */
function toPascalCase(text: string): string {
  const runes = runesOf(text);
  if (runes.length === 0) return '';
  let result = '';
  let index = 0;
  let current = 0;
  let firstRuneUpper = false;
  let foundWord = false;
  while (index < runes.length) {
    current = runes[index++] ?? 0;
    if (!isConnector(current)) {
      firstRuneUpper = isUpper(current);
      current = toUpperRune(current);
      foundWord = true;
      break;
    }
    result += String.fromCodePoint(current);
  }
  if (index >= runes.length) return foundWord ? result + String.fromCodePoint(current) : result;
  while (index < runes.length) {
    const previous = current;
    current = runes[index++] ?? 0;
    if (isConnector(current) && isConnector(previous)) {
      result += String.fromCodePoint(previous);
      continue;
    }
    if (isConnector(previous)) {
      firstRuneUpper = isUpper(current);
      current = toUpperRune(current);
    } else {
      if (firstRuneUpper) {
        if (isUpper(current)) current = toLowerRune(current);
        else firstRuneUpper = false;
      }
      result += String.fromCodePoint(previous);
    }
  }
  return result + String.fromCodePoint(current);
}

type WordType = 'number' | 'upper' | 'alphabet' | 'connector' | 'punct' | 'other';

/** xstrings' nextWord: the type and length (in runes) of the word at `start`. */
function nextWord(runes: number[], start: number): { type: WordType; end: number } {
  const first = runes[start] ?? 0;
  let end = start + 1;
  const extend = (keep: (rune: number) => boolean): void => {
    while (end < runes.length && keep(runes[end] ?? 0)) end++;
  };
  if (isConnector(first)) {
    extend(isConnector);
    return { type: 'connector', end };
  }
  if (isPunct(first)) {
    extend(isPunct);
    return { type: 'punct', end };
  }
  if (isUpper(first)) {
    if (end >= runes.length) return { type: 'upper', end };
    const second = runes[end] ?? 0;
    if (isUpper(second)) {
      extend(isUpper);
      // "HTTPServer": the last capital starts the next word.
      if (end < runes.length && isAlphabet(runes[end] ?? 0)) end--;
    } else if (isAlphabet(second)) {
      extend((rune) => isAlphabet(rune) && !isUpper(rune));
    }
    return { type: 'upper', end };
  }
  if (isAlphabet(first)) {
    extend((rune) => isAlphabet(rune) && !isUpper(rune));
    return { type: 'alphabet', end };
  }
  if (isNumber(first)) {
    extend(isNumber);
    return { type: 'number', end };
  }
  extend((rune) => !isConnector(rune) && !isAlphabet(rune) && !isNumber(rune) && !isPunct(rune));
  return { type: 'other', end };
}

/** xstrings' camelCaseToLowerCase. */
function toConnected(text: string, connector: string): string {
  const runes = runesOf(text);
  if (runes.length === 0) return '';
  let result = '';
  let position = 0;
  const read = (): { type: WordType | 'none'; word: number[] } => {
    if (position >= runes.length) return { type: 'none', word: [] };
    const { type, end } = nextWord(runes, position);
    const word = runes.slice(position, end);
    position = end;
    return { type, word };
  };
  const lower = (type: WordType | 'none', word: number[]): void => {
    if (type !== 'upper' && type !== 'connector') {
      result += textOf(word);
      return;
    }
    for (const rune of word) {
      if (isConnector(rune)) result += connector;
      else result += String.fromCodePoint(isUpper(rune) ? toLowerRune(rune) : rune);
    }
  };
  const separates = (type: WordType | 'none'): boolean =>
    type !== 'none' && type !== 'punct' && type !== 'connector';
  let { type, word } = read();
  while (position < runes.length) {
    if (type !== 'connector') lower(type, word);
    const previous = type;
    const last = word;
    ({ type, word } = read());
    if (previous === 'number') {
      while (type === 'alphabet' || type === 'number') {
        lower(type, word);
        ({ type, word } = read());
      }
      if (separates(type)) result += connector;
    } else if (previous === 'connector') {
      lower(previous, last);
    } else if (previous !== 'punct') {
      if (type !== 'number') {
        if (type !== 'connector' && type !== 'punct') result += connector;
      } else if (position < runes.length) {
        const digits = word;
        ({ type, word } = read());
        if (type !== 'alphabet') {
          lower('number', digits);
          if (type !== 'connector' && type !== 'punct') result += connector;
        } else {
          result += connector;
          lower('number', digits);
          while (type === 'alphabet' || type === 'number') {
            lower(type, word);
            ({ type, word } = read());
          }
          if (separates(type)) result += connector;
        }
      }
    }
  }
  lower(type, word);
  return result;
}
