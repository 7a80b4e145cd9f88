// text/template's html, js and urlquery: each prints its arguments as print does (with "<no value>"
// for nil, as Go's evalArgs does) and escapes the result the way Go's HTMLEscapeString,
// JSEscapeString and url.QueryEscape do.
import { isPrintableRune, sprint } from './fmt.ts';
import { goStringToBytes } from './go-string.ts';
import type { GoValue } from './values.ts';

function printArguments(args: readonly GoValue[]): string {
  const [only] = args;
  if (args.length === 1 && typeof only === 'string') return only;
  return sprint(...args.map((arg) => arg ?? '<no value>'));
}

const htmlEscapes: ReadonlyMap<string, string> = new Map([
  ['"', '&#34;'],
  ["'", '&#39;'],
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ['\0', '\uFFFD'],
]);

export function htmlEscaper(...args: GoValue[]): string {
  return printArguments(args).replace(/["'&<>\0]/g, (char) => htmlEscapes.get(char) ?? char);
}

const jsEscapes: ReadonlyMap<string, string> = new Map([
  ['\\', '\\\\'],
  ["'", "\\'"],
  ['"', '\\"'],
  ['<', '\\u003C'],
  ['>', '\\u003E'],
  ['&', '\\u0026'],
  ['=', '\\u003D'],
]);

export function jsEscaper(...args: GoValue[]): string {
  const parts: string[] = [];
  for (const char of printArguments(args)) {
    const rune = char.codePointAt(0) ?? 0;
    const named = jsEscapes.get(char);
    if (named !== undefined) parts.push(named);
    else if (rune < 0x20) parts.push(`\\u00${rune.toString(16).toUpperCase().padStart(2, '0')}`);
    else if (rune < 0x80 || isPrintableRune(rune) || (rune >= 0xdc80 && rune <= 0xdcff)) {
      parts.push(char); // an invalid byte decodes to U+FFFD, which is printable: Go copies it as is
    } else parts.push(`\\u${rune.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return parts.join('');
}

const unreserved = /^[A-Za-z0-9\-_.~]$/;

export function urlQueryEscaper(...args: GoValue[]): string {
  const parts: string[] = [];
  for (const byte of goStringToBytes(printArguments(args))) {
    const char = String.fromCharCode(byte);
    if (unreserved.test(char)) parts.push(char);
    else if (byte === 0x20) parts.push('+');
    else parts.push(`%${byte.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  return parts.join('');
}
