// Sprig's JSON functions with Go's encoding/json output: map keys sorted, <, > and & escaped by
// toJson (not by toRawJson), floats in Go's shortest form (1e-7, 1e+21), []byte as base64. fromJson
// decodes objects to map[string]interface{} and every number to float64, as Go does.
import { formatFloat } from '../fmt.ts';
import { compareGoStrings, goStringToBytes } from '../go-string.ts';
import { GoMap, GoObject, type GoValue } from '../values.ts';
import { reservingWrittenSize } from './budget-checks.ts';
import { fixed, type FunctionDefinition } from './signature.ts';
import { FunctionError } from './types.ts';

export const jsonFunctions: Record<string, FunctionDefinition> = {
  toJson: reservingWrittenSize(
    fixed(['interface {}'], (value) => swallow(() => encodeJson(value, { escapeHtml: true }))),
  ),
  mustToJson: reservingWrittenSize(
    fixed(['interface {}'], (value) => encodeJson(value, { escapeHtml: true })),
  ),
  toRawJson: reservingWrittenSize(
    fixed(['interface {}'], (value) => encodeJson(value, { escapeHtml: false })),
  ),
  mustToRawJson: reservingWrittenSize(
    fixed(['interface {}'], (value) => encodeJson(value, { escapeHtml: false })),
  ),
  toPrettyJson: reservingWrittenSize(
    fixed(['interface {}'], (value) => swallow(() => encodeJson(value, { escapeHtml: true, indent: '  ' }))),
  ),
  mustToPrettyJson: reservingWrittenSize(
    fixed(['interface {}'], (value) => encodeJson(value, { escapeHtml: true, indent: '  ' })),
  ),
  fromJson: fixed(['string'], (text) => {
    try {
      return decodeJson(text);
    } catch (error) {
      if (error instanceof FunctionError) return null;
      throw error;
    }
  }),
  mustFromJson: fixed(['string'], decodeJson),
};

function swallow(encode: () => string): string {
  try {
    return encode();
  } catch (error) {
    if (error instanceof FunctionError) return '';
    throw error;
  }
}

interface JsonOptions {
  escapeHtml: boolean;
  indent?: string;
}

/** json.Marshal (or MarshalIndent with `indent`). */
export function encodeJson(value: GoValue, options: JsonOptions, depth = 0): string {
  if (depth > 1000) throw new FunctionError('json: unsupported value: encountered a cycle');
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quoteJson(value, options.escapeHtml);
    case 'boolean':
      return String(value);
    case 'bigint':
      return value.toString();
    case 'number':
      return formatJsonFloat(value);
  }
  if (value instanceof Uint8Array) return `"${Buffer.from(value).toString('base64')}"`;
  if (value instanceof GoObject) return encodeJson(value.jsonValue(), options, depth + 1);
  const { indent } = options;
  const newline = indent === undefined ? '' : '\n' + indent.repeat(depth + 1);
  const closing = indent === undefined ? '' : '\n' + indent.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((element) => newline + encodeJson(element, options, depth + 1));
    return `[${items.join(',')}${closing}]`;
  }
  if (value.size === 0) return '{}';
  const separator = indent === undefined ? ':' : ': ';
  const members = [...value.keys()].sort(compareGoStrings).map((key) => {
    const encoded = encodeJson(value.get(key) ?? null, options, depth + 1);
    return `${newline}${quoteJson(key, options.escapeHtml)}${separator}${encoded}`;
  });
  return `{${members.join(',')}${closing}}`;
}

/** Go writes floats as %f between 1e-6 and 1e21, else as %e with a short exponent (1e-7, 1e+21). */
function formatJsonFloat(value: number): string {
  if (!Number.isFinite(value))
    throw new FunctionError(`json: unsupported value: ${formatFloat(value, 'g', -1)}`);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-6 || magnitude >= 1e21)) {
    return formatFloat(value, 'e', -1).replace(/e([+-])0(\d)$/, 'e$1$2');
  }
  return formatFloat(value, 'f', -1);
}

const jsonEscapes = new Map([
  ['"', '\\"'],
  ['\\', '\\\\'],
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
  ['\b', '\\b'],
  ['\f', '\\f'],
]);

/** encoding/json's string encoding: invalid UTF-8 becomes U+FFFD, U+2028 and U+2029 are escaped. */
function quoteJson(text: string, escapeHtml: boolean): string {
  let result = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const named = jsonEscapes.get(char);
    if (named !== undefined) result += named;
    else if (code < 0x20 || code === 0x2028 || code === 0x2029 || (escapeHtml && '<>&'.includes(char))) {
      result += `\\u${code.toString(16).padStart(4, '0')}`;
    } else if (code >= 0xd800 && code <= 0xdfff) result += '\ufffd';
    else result += char;
  }
  return result + '"';
}

/** json.Unmarshal into interface{}. Go's syntax messages quote the offending character, which may be
 * part of a secret, so they are reduced to what kind of mistake it was. */
export function decodeJson(text: string): GoValue {
  const decoded = new TextDecoder().decode(goStringToBytes(text));
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded);
  } catch (error) {
    throw new FunctionError(
      endedEarly(error, decoded) ? 'unexpected end of JSON input' : 'invalid character in JSON input',
    );
  }
  return fromParsedJson(parsed);
}

/** Whether JSON.parse ran out of input (Go: "unexpected end") rather than met a wrong character. */
function endedEarly(error: unknown, text: string): boolean {
  if (!(error instanceof SyntaxError)) return false;
  if (error.message.includes('end of JSON input')) return true;
  const position = /position (\d+)/.exec(error.message);
  return position !== null && Number(position[1]) >= text.trimEnd().length;
}

export function fromParsedJson(value: unknown): GoValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new FunctionError('json: cannot unmarshal number into Go value of type float64');
    return value;
  }
  if (Array.isArray(value)) return value.map(fromParsedJson);
  if (typeof value === 'object') {
    return new GoMap(Object.entries(value).map(([key, element]) => [key, fromParsedJson(element)]));
  }
  throw new FunctionError('json: unsupported value');
}
