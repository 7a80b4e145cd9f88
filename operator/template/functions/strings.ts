// Sprig's string functions. Several work on bytes, as their Go code does (`trunc 2 "héllo"` cuts
// the é in half), so they go through the Go string's bytes rather than JavaScript's UTF-16 units.
import { sprintf, maxFormattedLength } from '../fmt.ts';
import { goStringFromBytes, goStringToBytes } from '../go-string.ts';
import type { RenderBudget } from '../render-budget.ts';
import { reserveRepeated } from './budget-checks.ts';
import { stringValue } from './conversions.ts';
import { budgeted, fixed, variadic, type FunctionDefinition } from './signature.ts';
import { FunctionError } from './types.ts';
import {
  isDigit,
  isLetter,
  isLower,
  isSpace,
  isTitle,
  isUpper,
  mapRunes,
  toLowerRune,
  toTitleRune,
  toUpperRune,
} from './unicode.ts';

export const stringFunctions: Record<string, FunctionDefinition> = {
  upper: fixed(['string'], (text) => mapRunes(text, toUpperRune)),
  lower: fixed(['string'], (text) => mapRunes(text, toLowerRune)),
  title: fixed(['string'], title),
  untitle: fixed(['string'], untitle),
  trim: fixed(['string'], (text) => trimRunes(text, isSpace)),
  trimAll: fixed(['string', 'string'], (cutset, text) => trimCutset(text, cutset)),
  trimall: fixed(['string', 'string'], (cutset, text) => trimCutset(text, cutset)),
  trimPrefix: fixed(['string', 'string'], (prefix, text) =>
    text.startsWith(prefix) ? text.slice(prefix.length) : text,
  ),
  trimSuffix: fixed(['string', 'string'], (suffix, text) =>
    suffix !== '' && text.endsWith(suffix) ? text.slice(0, text.length - suffix.length) : text,
  ),
  replace: budgeted((budget) =>
    fixed(['string', 'string', 'string'], (old, replacement, text) =>
      replaceAll(text, old, replacement, budget),
    ),
  ),
  contains: fixed(['string', 'string'], (part, text) => text.includes(part)),
  hasPrefix: fixed(['string', 'string'], (prefix, text) => text.startsWith(prefix)),
  hasSuffix: fixed(['string', 'string'], (suffix, text) => text.endsWith(suffix)),
  quote: variadic([], 'interface {}', (...values) =>
    values
      .filter((value) => value !== null)
      .map((value) => sprintf('%q', stringValue(value)))
      .join(' '),
  ),
  squote: variadic([], 'interface {}', (...values) =>
    values
      .filter((value) => value !== null)
      .map((value) => sprintf("'%v'", value))
      .join(' '),
  ),
  cat: variadic([], 'interface {}', (...values) => {
    const present = values.filter((value) => value !== null);
    return sprintf('%v '.repeat(present.length).trim(), ...present);
  }),
  indent: budgeted((budget) => fixed(['int', 'string'], (spaces, text) => indent(spaces, text, budget))),
  nindent: budgeted((budget) =>
    fixed(['int', 'string'], (spaces, text) => '\n' + indent(spaces, text, budget)),
  ),
  repeat: budgeted((budget) => fixed(['int', 'string'], (count, text) => repeat(text, count, budget))),
  substr: fixed(['int', 'int', 'string'], (start, end, text) => substring(Number(start), Number(end), text)),
  trunc: fixed(['int', 'string'], (count, text) => truncate(Number(count), text)),
  abbrev: fixed(['int', 'string'], (width, text) => (width < 4n ? text : abbreviate(text, 0, Number(width)))),
  abbrevboth: fixed(['int', 'int', 'string'], (left, right, text) =>
    right < 4n || (left > 0n && right < 7n) ? text : abbreviate(text, Number(left), Number(right)),
  ),
  nospace: fixed(['string'], deleteWhiteSpace),
  initials: fixed(['string'], initials),
  plural: fixed(['string', 'string', 'int'], (one, many, count) => (count === 1n ? one : many)),
  wrap: fixed(['int', 'string'], (width, text) => wrap(text, Number(width), '\n', false)),
  wrapWith: fixed(['int', 'string', 'string'], (width, separator, text) =>
    wrap(text, Number(width), separator, true),
  ),
  swapcase: fixed(['string'], swapCase),
};

/** strings.Title: the first letter after a separator becomes upper case. */
function title(text: string): string {
  let previous = 0x20;
  return mapRunes(text, (rune) => {
    const mapped = isTitleSeparator(previous) ? toTitleRune(rune) : rune;
    previous = rune;
    return mapped;
  });
}

function isTitleSeparator(rune: number): boolean {
  if (rune <= 0x7f) return !/[0-9A-Za-z_]/.test(String.fromCharCode(rune));
  if (isLetter(rune) || isDigit(rune)) return false;
  return isSpace(rune);
}

/** goutils.Uncapitalize: the first letter of each space-separated word becomes lower case. */
function untitle(text: string): string {
  let afterSpace = true;
  return mapRunes(text, (rune) => {
    if (isSpace(rune)) {
      afterSpace = true;
      return rune;
    }
    const mapped = afterSpace ? toLowerRune(rune) : rune;
    afterSpace = false;
    return mapped;
  });
}

/** goutils.SwapCase: upper and title case become lower; lower becomes upper, or title case at a word's start. */
function swapCase(text: string): string {
  let afterSpace = true;
  return mapRunes(text, (rune) => {
    if (isUpper(rune) || isTitle(rune)) {
      afterSpace = false;
      return toLowerRune(rune);
    }
    if (isLower(rune)) {
      const mapped = afterSpace ? toTitleRune(rune) : toUpperRune(rune);
      afterSpace = false;
      return mapped;
    }
    afterSpace = isSpace(rune);
    return rune;
  });
}

function trimRunes(text: string, cut: (rune: number) => boolean): string {
  const chars = Array.from(text);
  let start = 0;
  let end = chars.length;
  while (start < end && cut(chars[start]?.codePointAt(0) ?? 0)) start++;
  while (end > start && cut(chars[end - 1]?.codePointAt(0) ?? 0)) end--;
  return chars.slice(start, end).join('');
}

function trimCutset(text: string, cutset: string): string {
  const cut = new Set(Array.from(cutset).map((char) => char.codePointAt(0)));
  return trimRunes(text, (rune) => cut.has(rune));
}

/** strings.Replace(s, old, new, -1); an empty `old` matches before every rune and at the end. */
function replaceAll(text: string, old: string, replacement: string, budget: RenderBudget): string {
  // An empty `old` matches between every two characters: a short text can grow by its length × replacement.
  const occurrences = old === '' ? text.length + 1 : countOccurrences(text, old);
  reserveRepeated(budget, BigInt(occurrences), replacement.length);
  if (old !== '') return text.split(old).join(replacement);
  return (
    replacement +
    Array.from(text)
      .map((char) => char + replacement)
      .join('')
  );
}

function countOccurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) count++;
  return count;
}

function indent(spaces: bigint, text: string, budget: RenderBudget): string {
  // The padding goes on every line: many lines times a wide indent is what to check.
  reserveRepeated(budget, spaces, countOccurrences(text, '\n') + 1);
  const padding = repeat(' ', spaces, budget);
  return padding + text.replaceAll('\n', '\n' + padding);
}

function repeat(text: string, count: bigint, budget: RenderBudget): string {
  if (count < 0n) throw new FunctionError('strings: negative Repeat count');
  reserveRepeated(budget, count, text.length);
  if (BigInt(text.length) * count > BigInt(maxFormattedLength)) {
    throw new FunctionError(`repeat: the result would exceed ${maxFormattedLength} characters`);
  }
  return text.repeat(Number(count));
}

function sliceBytes(text: string, start: number, end?: number): string {
  return goStringFromBytes(goStringToBytes(text).subarray(start, end));
}

/** Go's panic for s[start:end] out of range. */
function sliceBoundsError(bounds: string): FunctionError {
  return new FunctionError(`runtime error: slice bounds out of range ${bounds}`);
}

function substring(start: number, end: number, text: string): string {
  const length = goStringToBytes(text).length;
  if (start < 0) {
    if (end < 0 || end > length) throw sliceBoundsError(`[:${end}] with length ${length}`);
    return sliceBytes(text, 0, end);
  }
  if (end < 0 || end > length) {
    if (start > length) throw sliceBoundsError(`[${start}:${length}]`);
    return sliceBytes(text, start);
  }
  if (start > end) throw sliceBoundsError(`[${start}:${end}]`);
  return sliceBytes(text, start, end);
}

function truncate(count: number, text: string): string {
  const length = goStringToBytes(text).length;
  if (count < 0 && length + count > 0) return sliceBytes(text, length + count);
  if (count >= 0 && length > count) return sliceBytes(text, 0, count);
  return text;
}

/** goutils.AbbreviateFull over bytes; its errors are swallowed by Sprig into an empty string. */
function abbreviate(text: string, offset: number, width: number): string {
  const length = goStringToBytes(text).length;
  if (text === '' || width < 4) return '';
  if (length <= width) return text;
  if (offset > length) offset = length;
  if (length - offset < width - 3) offset = length - (width - 3);
  if (offset <= 4) return sliceBytes(text, 0, width - 3) + '...';
  if (width < 7) return '';
  if (offset + width - 3 < length) return '...' + abbreviate(sliceBytes(text, offset), 0, width - 3);
  return '...' + sliceBytes(text, length - (width - 3));
}

/** goutils.DeleteWhiteSpace reads bytes as runes, so a multi-byte character comes out as Latin-1. */
function deleteWhiteSpace(text: string): string {
  const bytes = goStringToBytes(text);
  const kept = [...bytes].filter((byte) => !isSpace(byte));
  return kept.length === bytes.length ? text : String.fromCodePoint(...kept);
}

/** goutils.Initials: the first byte of each space-separated word, read as a rune. */
function initials(text: string): string {
  let result = '';
  let afterGap = true;
  for (const byte of goStringToBytes(text)) {
    if (isSpace(byte)) afterGap = true;
    else if (afterGap) {
      result += String.fromCodePoint(byte);
      afterGap = false;
    }
  }
  return result;
}

/** goutils.WrapCustom: breaks at the last space within the width; over bytes, as Go does. */
function wrap(text: string, width: number, newline: string, wrapLongWords: boolean): string {
  if (text === '') return '';
  const bytes = goStringToBytes(text);
  const length = bytes.length;
  const lineWidth = Math.max(width, 1);
  const slice = (from: number, to: number): string => goStringFromBytes(bytes.subarray(from, to));
  const lastSpace = (from: number, to: number): number => bytes.subarray(from, to).lastIndexOf(0x20);
  let offset = 0;
  let result = '';
  while (length - offset > lineWidth) {
    if (bytes[offset] === 0x20) {
      offset++;
      continue;
    }
    const space = lastSpace(offset, lineWidth + offset + 1);
    if (space >= 0) {
      result += slice(offset, offset + space) + newline;
      offset += space + 1;
    } else if (wrapLongWords) {
      result += slice(offset, offset + lineWidth) + newline;
      offset += lineWidth;
    } else {
      const next = bytes.indexOf(0x20, offset + lineWidth);
      if (next < 0) {
        result += slice(offset, length);
        offset = length;
      } else {
        result += slice(offset, next) + newline;
        offset = next + 1;
      }
    }
  }
  return result + slice(offset, length);
}
