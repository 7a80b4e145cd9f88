// ESO's own toYaml and fromYaml (they replace Sprig's): sigs.k8s.io/yaml, which goes through JSON
// both ways. toYaml writes what json.Marshal would say, as go-yaml v2 lays it out, without the final
// newline, and "" when the value cannot be marshalled. fromYaml reads YAML 1.1 (yes/no/on/off are
// booleans) into a map[string]interface{} whose numbers are float64, and reports a failure inside
// the map under "Error", as ESO does.
import { parseAllDocuments, type ScalarTag, type Tags } from 'yaml';
import { formatFloat } from '../fmt.ts';
import { goStringFromBytes } from '../go-string.ts';
import { GoMap, GoObject, type GoValue } from '../values.ts';
import { fromParsedJson } from './json.ts';
import { reservingWrittenSize } from './budget-checks.ts';
import { fixed, type FunctionDefinition } from './signature.ts';
import { FunctionError } from './types.ts';
import { isDigit, isLetter } from './unicode.ts';
import { emitYaml, type YamlNode } from './yaml-emitter.ts';

export const yamlFunctions: Record<string, FunctionDefinition> = {
  toYaml: reservingWrittenSize(
    fixed(['interface {}'], (value) => {
      try {
        const document = emitYaml(toYamlNode(value, 0));
        return document.endsWith('\n') ? document.slice(0, -1) : document;
      } catch (error) {
        if (error instanceof FunctionError) return '';
        throw error;
      }
    }),
  ),
  fromYaml: fixed(['string'], fromYaml),
};

const int64Max = 2n ** 63n - 1n;
const uint64Max = 2n ** 64n - 1n;

/** The value as json.Marshal would write it, read back as YAML. */
function toYamlNode(value: GoValue, depth: number): YamlNode {
  if (depth > 1000) throw new FunctionError('json: unsupported value: encountered a cycle');
  if (value === null) return { kind: 'raw', text: 'null' };
  switch (typeof value) {
    case 'string':
      return { kind: 'string', value: asReadBack(value) };
    case 'boolean':
      return { kind: 'raw', text: String(value) };
    case 'bigint':
      return { kind: 'raw', text: value.toString() };
    case 'number':
      return { kind: 'raw', text: yamlNumber(value) };
  }
  if (value instanceof Uint8Array) return { kind: 'string', value: Buffer.from(value).toString('base64') };
  if (value instanceof GoObject) return toYamlNode(value.jsonValue(), depth + 1);
  if (Array.isArray(value)) return { kind: 'list', items: value.map((item) => toYamlNode(item, depth + 1)) };
  const keys = [...value.keys()]
    .map((key) => [key, asReadBack(key)] as const)
    .sort(([, a], [, b]) => naturalCompare(a, b));
  return {
    kind: 'map',
    entries: keys.map(([key, text]) => [text, toYamlNode(value.get(key) ?? null, depth + 1)]),
  };
}

/** A string as it comes back from JSON read as YAML: invalid UTF-8 became U+FFFD, and a raw NEL
 * (which JSON does not escape) is a line break to YAML, folded like any other in a quoted scalar. */
function asReadBack(text: string): string {
  return foldNextLines(
    text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );
}

/**
 * Each run of NELs with the spaces and tabs around it: one NEL folds to a space, n of them to n-1
 * line breaks. A scan around each run, as /[ \t]*(\u0085+)[ \t]*\/g would restart at every blank of
 * a long run of them and take quadratic time.
 */
function foldNextLines(text: string): string {
  const isBlank = (index: number): boolean => text.charAt(index) === ' ' || text.charAt(index) === '\t';
  let folded = '';
  let copied = 0;
  for (const run of text.matchAll(/\u0085+/g)) {
    let start = run.index;
    while (start > copied && isBlank(start - 1)) start -= 1;
    let end = run.index + run[0].length;
    while (end < text.length && isBlank(end)) end += 1;
    folded += text.slice(copied, start) + (run[0].length === 1 ? ' ' : '\n'.repeat(run[0].length - 1));
    copied = end;
  }
  return folded + text.slice(copied);
}

/** go-yaml v2's key order: runs of digits compare as numbers, letters before other characters. */
export function naturalCompare(left: string, right: string): number {
  if (left === right) return 0;
  return naturalLess(left, right) ? -1 : 1;
}

function naturalLess(left: string, right: string): boolean {
  const a = Array.from(left).map((char) => char.codePointAt(0) ?? 0);
  const b = Array.from(right).map((char) => char.codePointAt(0) ?? 0);
  let digits = false;
  for (let index = 0; index < a.length && index < b.length; index++) {
    const x = a[index] ?? 0;
    const y = b[index] ?? 0;
    if (x === y) {
      digits = isDigit(x);
      continue;
    }
    const xLetter = isLetter(x);
    const yLetter = isLetter(y);
    if (xLetter && yLetter) return x < y;
    if (xLetter || yLetter) return digits ? xLetter : yLetter;
    let xNumber = 0n;
    let yNumber = 0n;
    if (x === 0x30 || y === 0x30) {
      for (let back = index - 1; back >= 0 && isDigit(a[back] ?? 0); back--) {
        if (a[back] !== 0x30) {
          xNumber = 1n;
          yNumber = 1n;
          break;
        }
      }
    }
    let xEnd = index;
    for (; xEnd < a.length && isDigit(a[xEnd] ?? 0); xEnd++)
      xNumber = xNumber * 10n + BigInt((a[xEnd] ?? 0x30) - 0x30);
    let yEnd = index;
    for (; yEnd < b.length && isDigit(b[yEnd] ?? 0); yEnd++)
      yNumber = yNumber * 10n + BigInt((b[yEnd] ?? 0x30) - 0x30);
    if (xNumber !== yNumber) return xNumber < yNumber;
    if (xEnd !== yEnd) return xEnd < yEnd;
    return x < y;
  }
  return a.length < b.length;
}

/** A float64 goes out as JSON (integral values as digits), and go-yaml reads integers back as ints. */
function yamlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new FunctionError('json: unsupported value');
  if (Number.isInteger(value) && Math.abs(value) < 1e21) {
    // JSON has the shortest digits (12345678901234567000), which go-yaml reads as an integer if it can.
    const integer = BigInt(formatFloat(value, 'f', -1));
    if (integer <= uint64Max && integer >= -int64Max - 1n) return integer.toString();
  }
  return formatFloat(value, 'g', -1);
}

/** go-yaml v2 also reads YAML 1.2's 0o17 as an octal integer. */
const octalWithPrefix: ScalarTag = {
  identify: (value) => typeof value === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: /^[-+]?0o[0-7_]+$/,
  resolve: (text) => {
    const value = Number.parseInt(text.replace(/[_+]|0o/g, ''), 8);
    return text.startsWith('-') ? -value : value;
  },
};

/** YAML 1.1 as go-yaml v2 reads into an interface{}: timestamps and sexagesimal numbers stay strings. */
export const goYamlTags = (tags: Tags): Tags => [
  octalWithPrefix,
  ...tags.filter(
    (tag) =>
      tag !== 'timestamp' &&
      tag !== 'intTime' &&
      tag !== 'floatTime' &&
      !(typeof tag === 'object' && (tag.tag === 'tag:yaml.org,2002:timestamp' || tag.format === 'TIME')),
  ),
];

function fromYaml(text: string): GoValue {
  const map = new GoMap();
  const [document] = parseAllDocuments(text, {
    version: '1.1',
    uniqueKeys: false,
    merge: true,
    customTags: goYamlTags,
  });
  if (document === undefined) return map;
  if ('errors' in document && document.errors.length > 0) {
    const line = document.errors[0]?.linePos?.[0].line ?? 1;
    map.set('Error', `error converting YAML to JSON: yaml: line ${line}: did not find expected content`);
    return map;
  }
  let parsed: unknown;
  try {
    parsed = document.toJS({ maxAliasCount: 100 });
  } catch {
    map.set('Error', 'error converting YAML to JSON: yaml: document contains excessive aliasing');
    return map;
  }
  if (parsed === null || parsed === undefined) return map;
  if (typeof parsed !== 'object' || Array.isArray(parsed) || parsed instanceof Uint8Array) {
    const kind = Array.isArray(parsed)
      ? 'array'
      : typeof parsed === 'string'
        ? 'string'
        : typeof parsed === 'boolean'
          ? 'bool'
          : 'number';
    map.set(
      'Error',
      `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`,
    );
    return map;
  }
  if (containsNonFinite(parsed)) {
    map.set('Error', 'error converting YAML to JSON: json: unsupported value: +Inf');
    return map;
  }
  const decoded = fromParsedJson(JSON.parse(JSON.stringify(parsed, binaryAsText)) as unknown);
  return decoded instanceof GoMap ? decoded : map;
}

function containsNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(containsNonFinite);
}

/** A !!binary value reaches JSON as the string of its bytes in Go. */
function binaryAsText(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return goStringFromBytes(value);
  if (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Buffer') {
    const data = (value as { data?: unknown }).data;
    if (Array.isArray(data)) return goStringFromBytes(Uint8Array.from(data as number[]));
  }
  return value;
}
