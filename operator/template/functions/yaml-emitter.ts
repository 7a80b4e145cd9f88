// The YAML that ESO's toYaml writes: sigs.k8s.io/yaml marshals to JSON, reads that JSON back as
// YAML and writes it with go-yaml v2's emitter. This reproduces that emitter's choices for the
// JSON-shaped trees it sees: block style, keys in JSON (sorted) order, sequences not indented under
// their key, and per string the plain, 'single', "double" or | literal style go-yaml picks,
// including its line folding past column 80. The general-purpose `yaml` package lays out and folds
// differently, so it is used for reading only.

export type YamlNode =
  | { kind: 'string'; value: string }
  | { kind: 'raw'; text: string }
  | { kind: 'list'; items: YamlNode[] }
  | { kind: 'map'; entries: [string, YamlNode][] };

const bestWidth = 80;
const indentStep = 2;

class Writer {
  text = '';
  column = 0;

  write(chunk: string): void {
    this.text += chunk;
    for (const _char of chunk) this.column++;
  }

  /** go-yaml's write_indent: a line break unless one was just written, then the indentation. */
  newline(indent: number): void {
    if (!this.text.endsWith('\n')) this.text += '\n';
    this.text += ' '.repeat(indent);
    this.column = indent;
  }
}

/** The document, with go-yaml's final newline. */
export function emitYaml(node: YamlNode): string {
  const writer = new Writer();
  emitNode(writer, node, 0, 'root');
  if (!writer.text.endsWith('\n')) writer.text += '\n';
  return writer.text;
}

type Position = 'root' | 'value' | 'item';

function emitNode(writer: Writer, node: YamlNode, indent: number, position: Position): void {
  switch (node.kind) {
    case 'raw':
      writer.write(node.text);
      return;
    case 'string':
      // A document's own scalar is indented like a mapping's value.
      emitScalar(writer, node.value, position === 'root' ? indentStep : indent, false);
      return;
    case 'list':
      if (node.items.length === 0) {
        writer.write('[]');
        return;
      }
      node.items.forEach((item, index) => {
        if (index > 0 || position === 'value') writer.newline(indent);
        writer.write('- ');
        emitNode(writer, item, indent + indentStep, 'item');
      });
      return;
    case 'map':
      if (node.entries.length === 0) {
        writer.write('{}');
        return;
      }
      node.entries.forEach(([key, value], index) => {
        if (index > 0 || position === 'value') writer.newline(indent);
        if (needsComplexKey(key)) {
          // `? key` on its own, then `: value` with the value laid out as a sequence item's.
          writer.write('? ');
          emitScalar(writer, key, indent + indentStep, false);
          writer.newline(indent);
          writer.write(': ');
          emitNode(writer, value, indent + indentStep, 'item');
          return;
        }
        emitScalar(writer, key, indent, true);
        writer.write(':');
        if (isBlockCollection(value)) {
          // A sequence stays at its key's indentation; a mapping goes one step in.
          emitNode(writer, value, value.kind === 'list' ? indent : indent + indentStep, 'value');
        } else {
          writer.write(' ');
          emitNode(writer, value, indent + indentStep, 'item');
        }
      });
      return;
  }
}

/** go-yaml writes a key as `? key` when it cannot be a simple key: multi-line, or over 128 bytes. */
function needsComplexKey(key: string): boolean {
  return Array.from(key).some(isBreak) || new TextEncoder().encode(key).length > 128;
}

function isBlockCollection(node: YamlNode): boolean {
  return (node.kind === 'list' && node.items.length > 0) || (node.kind === 'map' && node.entries.length > 0);
}

/** What go-yaml's analysis of a scalar allows. */
interface Analysis {
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

const isBreak = (char: string): boolean => '\r\n\u0085\u2028\u2029'.includes(char);
const isBlank = (char: string | undefined): boolean => char === ' ' || char === '\t';

/** go-yaml's is_printable. */
function isPrintable(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff)
  );
}

function analyze(value: string): Analysis {
  if (value === '') return { blockPlain: true, singleQuoted: true, block: false };
  const chars = Array.from(value);
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let lineBreaks = false;
  let special = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  for (const [index, char] of chars.entries()) {
    const next = chars[index + 1];
    const followedByWhitespace = next === undefined || isBlank(next) || isBreak(next);
    const last = index === chars.length - 1;
    if (index === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(char)) blockIndicators = true;
      else if ((char === '?' || char === ':' || char === '-') && followedByWhitespace) blockIndicators = true;
    } else if (char === ':' && followedByWhitespace) blockIndicators = true;
    else if (char === '#' && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(char)) special = true;
    if (char === ' ') {
      if (index === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      [previousSpace, previousBreak] = [true, false];
    } else if (isBreak(char)) {
      lineBreaks = true;
      if (index === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      [previousSpace, previousBreak] = [false, true];
    } else [previousSpace, previousBreak] = [false, false];
    precededByWhitespace = isBlank(char) || isBreak(char) || char === '\0';
  }
  const analysis: Analysis = { blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) analysis.blockPlain = false;
  if (trailingSpace) analysis.block = false;
  if (breakSpace) analysis.blockPlain = analysis.singleQuoted = false;
  if (spaceBreak || special) analysis.blockPlain = analysis.singleQuoted = analysis.block = false;
  if (lineBreaks || blockIndicators) analysis.blockPlain = false;
  return analysis;
}

/** A string node: go-yaml's encoder asks for literal (multi-line), plain, or double quotes (a string
 * that would read back as another type); the emitter falls back as its analysis requires. */
function emitScalar(writer: Writer, value: string, indent: number, simpleKey: boolean): void {
  const analysis = analyze(value);
  let style: 'plain' | 'single' | 'double' | 'literal' = value.includes('\n')
    ? 'literal'
    : resolvesAsString(value)
      ? 'plain'
      : 'double';
  if (style === 'plain' && (!analysis.blockPlain || (value === '' && simpleKey))) style = 'single';
  if (style === 'single' && !analysis.singleQuoted) style = 'double';
  if (style === 'literal' && (!analysis.block || simpleKey)) style = 'double';
  const allowBreaks = !simpleKey;
  if (style === 'plain') writeFolded(writer, value, indent, allowBreaks, '');
  else if (style === 'single') writeFolded(writer, value, indent, allowBreaks, "'");
  else if (style === 'double') writeDoubleQuoted(writer, value, indent, allowBreaks);
  else writeLiteral(writer, value, indent);
}

/** Plain and single-quoted text: a single space past column 80 becomes a line break. */
function writeFolded(
  writer: Writer,
  value: string,
  indent: number,
  allowBreaks: boolean,
  quote: string,
): void {
  writer.write(quote);
  const chars = Array.from(value);
  let spaces = false;
  chars.forEach((char, index) => {
    if (char === ' ') {
      const inner = quote === '' || (index !== 0 && index !== chars.length - 1);
      if (allowBreaks && !spaces && writer.column > bestWidth && inner && chars[index + 1] !== ' ') {
        writer.newline(indent);
      } else writer.write(char);
      spaces = true;
    } else {
      writer.write(char === "'" ? "''" : char);
      spaces = false;
    }
  });
  writer.write(quote);
}

const doubleQuotedEscapes = new Map<number, string>([
  [0x00, '0'],
  [0x07, 'a'],
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0b, 'v'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x1b, 'e'],
  [0x22, '"'],
  [0x5c, '\\'],
  [0x85, 'N'],
  [0xa0, '_'],
  [0x2028, 'L'],
  [0x2029, 'P'],
]);

function writeDoubleQuoted(writer: Writer, value: string, indent: number, allowBreaks: boolean): void {
  writer.write('"');
  const chars = Array.from(value);
  let spaces = false;
  chars.forEach((char, index) => {
    const code = char.codePointAt(0) ?? 0;
    if (!isPrintable(char) || code === 0xfeff || isBreak(char) || char === '"' || char === '\\') {
      const named = doubleQuotedEscapes.get(code);
      if (named !== undefined) writer.write(`\\${named}`);
      else if (code <= 0xff) writer.write(`\\x${hex(code, 2)}`);
      else if (code <= 0xffff) writer.write(`\\u${hex(code, 4)}`);
      else writer.write(`\\U${hex(code, 8)}`);
      spaces = false;
    } else if (char === ' ') {
      if (allowBreaks && !spaces && writer.column > bestWidth && index !== 0 && index !== chars.length - 1) {
        writer.newline(indent);
        if (chars[index + 1] === ' ') writer.write('\\');
      } else writer.write(char);
      spaces = true;
    } else {
      writer.write(char);
      spaces = false;
    }
  });
  writer.write('"');
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

/** `|` keeps one final line break, `|-` has none, `|+` keeps several; lines indented one step. */
function writeLiteral(writer: Writer, value: string, indent: number): void {
  let chomping = '';
  if (!value.endsWith('\n')) chomping = '-';
  else if (value.length === 1 || value.endsWith('\n\n')) chomping = '+';
  const indentHint = value.startsWith(' ') || value.startsWith('\n') ? String(indentStep) : '';
  writer.write(`|${indentHint}${chomping}`);
  const lines = value.split('\n');
  writer.text += '\n' + lines.map((line) => (line === '' ? '' : ' '.repeat(indent) + line)).join('\n');
  writer.column = value.endsWith('\n') ? 0 : indent + Array.from(lines.at(-1) ?? '').length;
}

const yaml11Booleans = new Set(
  'y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF'.split(' '),
);
const yamlNulls = new Set(['', '~', 'null', 'Null', 'NULL']);
const yamlSpecialFloats = new Set([
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
  '.nan',
  '.NaN',
  '.NAN',
]);
const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const base60Float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const timestamp =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]| )[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})?)?$/;

/** go-yaml v2's resolve: would this text, written plain, read back as a string? */
function resolvesAsString(value: string): boolean {
  if (yamlNulls.has(value) || yaml11Booleans.has(value) || yamlSpecialFloats.has(value)) return false;
  if (base60Float.test(value)) return false;
  const first = value.charAt(0);
  if (!'+-.0123456789'.includes(first)) return true;
  if (timestamp.test(value) && validDate(value)) return false;
  const plain = value.replaceAll('_', '');
  if (/^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/.test(plain)) return false;
  if (yamlStyleFloat.test(plain)) return false;
  return true;
}

function validDate(value: string): boolean {
  const [, month = '0', day = '0'] = value.split(/[-Tt ]/);
  return Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= 31;
}
