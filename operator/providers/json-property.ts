// ESO narrows a remote value with `remoteRef.property`, a gjson path into the value's JSON. Ferry
// follows gjson for the paths ESO manifests use:
//   a.b.c        keys, one per dot           a\.b     the key "a.b" (a backslash makes any character literal)
//   items.0      an array index              items.#  the length of an array
//   items.#.name the name of every item, as a JSON array
//   a*, a?c      the first key the pattern matches (* any run of characters, ? any one)
// and returns what gjson's String() does: a string as its text, true/false, null as empty, a number
// as written when it is an integer (else Go's shortest form: 1.50 → 1.5), an object or array as its
// text in the value, spacing and key order kept. Queries (#(...)), modifiers (@reverse), pipes (|),
// multipaths ([a,b], {a,b}) and JSON lines (..) are refused with a message that says so.
import { PropertyNotFoundError, ProviderError } from './errors.ts';
import { compileGlob, globMatches, type Glob } from './glob-match.ts';
import { JsonSyntaxError, parseJsonDocument, type JsonNode } from './json-document.ts';

/** `context` names the value in messages, e.g. `fake: key "db"`; the value itself never appears. */
export function selectProperty(value: Uint8Array, property: string, context: string): Uint8Array {
  const path = parsePropertyPath(property, context);
  const document = parseJsonValue(value, context, `so property "${property}" cannot be read from it`);
  const found = follow(document, path, 0);
  if (found === undefined) throw new PropertyNotFoundError(`${context} has no property "${property}"`);
  return utf8.encode(resultText(found));
}

/**
 * A JSON object's fields as a secret map, as ESO's providers read one (json.RawMessage per field):
 * strings as their text, null as empty, anything else as its JSON text as written. A field given
 * twice keeps its last value, as a Go map does.
 */
export function jsonObjectToMap(value: Uint8Array, context: string): Record<string, Uint8Array> {
  const document = parseJsonValue(value, context, 'so its keys cannot be read as a map');
  if (document.kind !== 'object') {
    throw new ProviderError(
      'InvalidData',
      `${context} is not a JSON object, so its keys cannot be read as a map`,
      {
        retryable: false,
      },
    );
  }
  const map = Object.create(null) as Record<string, Uint8Array>;
  for (const [field, node] of document.entries) {
    map[field] = utf8.encode(node.kind === 'string' ? node.value : node.kind === 'null' ? '' : node.raw);
  }
  return map;
}

/** One step of a path: its text with escapes removed, and its pattern when it holds an unescaped * or ?. */
interface PathSegment {
  text: string;
  pattern?: Glob;
}

const modifiers = new Set([
  'reverse',
  'ugly',
  'pretty',
  'this',
  'valid',
  'flatten',
  'join',
  'keys',
  'values',
  'tostr',
  'fromstr',
  'group',
  'dig',
]);

/** Splits a gjson path on unescaped dots; a backslash makes the next character literal. */
export function parsePropertyPath(property: string, context = 'property'): PathSegment[] {
  const unsupported = (what: string): ProviderError =>
    new ProviderError(
      'InvalidData',
      `${context}: property "${property}" uses gjson ${what}, which Ferry does not support; use a dotted path (with \\ before a literal . * ? or |)`,
      { retryable: false },
    );
  if (property.startsWith('..')) throw unsupported('JSON lines (..)');
  if (property.length > 1 && (property.startsWith('[') || property.startsWith('{')))
    throw unsupported('multipaths');
  if (/^![tfn"0-9\-[{]/.test(property)) throw unsupported('literals (!)');
  const segments: PathSegment[] = [];
  let text = '';
  let source = '';
  let wild = false;
  const finish = (): void => {
    if (/^@/.test(source) && modifiers.has(source.slice(1).split(':')[0] ?? ''))
      throw unsupported('modifiers (@)');
    if (/^#[([]/.test(source)) throw unsupported('queries (#(...))');
    segments.push(wild ? { text, pattern: compileGlob(source) } : { text });
    text = '';
    source = '';
    wild = false;
  };
  for (let index = 0; index < property.length; index++) {
    const char = property.charAt(index);
    if (char === '\\' && index + 1 < property.length) {
      const next = property.charAt(++index);
      text += next;
      source += `\\${next}`;
    } else if (char === '.') {
      finish();
    } else if (char === '|') {
      throw unsupported('pipes (|)');
    } else {
      if (char === '*' || char === '?') wild = true;
      text += char;
      source += char;
    }
  }
  finish();
  return segments;
}

/** A found value, or the length of an array (`#`), or a list gathered by `#.rest`. */
type Found = JsonNode | { kind: 'count'; count: number } | { kind: 'gathered'; raw: string };

function follow(node: JsonNode, path: readonly PathSegment[], at: number): Found | undefined {
  const segment = path[at];
  if (segment === undefined) return node;
  if (node.kind === 'array') {
    if (segment.text === '#' && segment.pattern === undefined) {
      if (at === path.length - 1) return { kind: 'count', count: node.items.length };
      const each = node.items
        .map((item) => follow(item, path, at + 1))
        .filter((found): found is Found => found !== undefined);
      return { kind: 'gathered', raw: `[${each.map(rawText).join(',')}]` };
    }
    // gjson reads the index as digits only, leading zeros allowed.
    if (!/^[0-9]+$/.test(segment.text)) return undefined;
    const item = node.items[Number(segment.text)];
    return item === undefined ? undefined : follow(item, path, at + 1);
  }
  if (node.kind !== 'object') return undefined;
  const { pattern } = segment;
  const entry = node.entries.find(([key]) => (pattern ? globMatches(pattern, key) : key === segment.text));
  return entry === undefined ? undefined : follow(entry[1], path, at + 1);
}

/** A found value as JSON text, for gathering into a list. */
function rawText(found: Found): string {
  if (found.kind === 'count') return String(found.count);
  return found.raw;
}

/** gjson's Result.String(). */
function resultText(found: Found): string {
  switch (found.kind) {
    case 'count':
      return String(found.count);
    case 'string':
      return found.value;
    case 'null':
      return '';
    case 'number':
      return /^-?[0-9]+$/.test(found.raw) ? found.raw : goFloatText(Number(found.raw));
    default:
      return found.raw;
  }
}

/** Go's strconv.FormatFloat(x, 'f', -1, 64): the shortest digits that read back, never an exponent. */
function goFloatText(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const [mantissa = '0', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const point = Number(exponentText) + 1;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function parseJsonValue(value: Uint8Array, context: string, consequence: string): JsonNode {
  try {
    return parseJsonDocument(strictUtf8.decode(value));
  } catch (error) {
    if (!(error instanceof JsonSyntaxError) && !(error instanceof TypeError)) throw error;
    // The error is dropped on purpose, not kept as cause: it may come from V8, which quotes the input.
    throw new ProviderError('InvalidData', `${context} is not JSON, ${consequence}`, { retryable: false });
  }
}
