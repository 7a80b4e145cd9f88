// ESO narrows a remote value with `remoteRef.property`, a gjson path into the value's JSON. Ferry
// supports the part of gjson that ESO manifests use: dotted paths (`a.b.c`), escaped dots
// (`a\.b` is the key "a.b") and array indexes (`items.0`). Results follow gjson's String(): a
// string is its text, null is empty, anything else is its JSON text.
import { PropertyNotFoundError, ProviderError } from './errors.ts';

/** `context` names the value in messages, e.g. `fake: key "db"`; the value itself never appears. */
export function selectProperty(value: Uint8Array, property: string, context: string): Uint8Array {
  const document = parseJsonValue(value, context, `so property "${property}" cannot be read from it`);
  const found = followPath(document, parsePropertyPath(property));
  if (found === absent) throw new PropertyNotFoundError(`${context} has no property "${property}"`);
  return jsonResultBytes(found);
}

/** A JSON object's fields as a secret map: strings as their text, other values as JSON text. */
export function jsonObjectToMap(value: Uint8Array, context: string): Record<string, Uint8Array> {
  const document = parseJsonValue(value, context, 'so its keys cannot be read as a map');
  if (!isJsonObject(document)) {
    throw new ProviderError(
      'InvalidData',
      `${context} is not a JSON object, so its keys cannot be read as a map`,
      {
        retryable: false,
      },
    );
  }
  const map: Record<string, Uint8Array> = {};
  for (const [field, fieldValue] of Object.entries(document)) map[field] = jsonResultBytes(fieldValue);
  return map;
}

/** Splits a gjson path on unescaped dots; a backslash makes the next character literal. */
export function parsePropertyPath(property: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let index = 0; index < property.length; index++) {
    const char = property.charAt(index);
    if (char === '\\' && index + 1 < property.length) {
      current += property.charAt(++index);
    } else if (char === '.') {
      segments.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  segments.push(current);
  return segments;
}

const absent = Symbol('absent');

function followPath(document: unknown, segments: string[]): unknown {
  let current = document;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return absent;
      const index = Number(segment);
      if (index >= current.length) return absent;
      current = current[index] as unknown;
    } else if (isJsonObject(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return absent;
    }
  }
  return current;
}

const utf8 = new TextEncoder();

function jsonResultBytes(result: unknown): Uint8Array {
  if (typeof result === 'string') return utf8.encode(result);
  if (result === null) return new Uint8Array();
  return utf8.encode(JSON.stringify(result));
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isRawJson(value);
}

// JSON.parse's reviver sees each number's source text; keeping it as raw JSON means a number like
// 12345678901234567890 (an account id, say) comes back exactly as written instead of rounded.
// Typed here because TypeScript's ES2024 lib does not declare these ES2025 additions yet.
type ParseWithSource = (
  text: string,
  reviver: (key: string, value: unknown, context: { source?: string }) => unknown,
) => unknown;
const jsonWithSource = JSON as unknown as {
  parse: ParseWithSource;
  rawJSON(text: string): object;
  isRawJSON(value: unknown): boolean;
};
const isRawJson = (value: unknown): boolean => jsonWithSource.isRawJSON(value);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function parseJsonValue(value: Uint8Array, context: string, consequence: string): unknown {
  try {
    return jsonWithSource.parse(strictUtf8.decode(value), (_key, parsed, { source }) =>
      typeof parsed === 'number' && source !== undefined ? jsonWithSource.rawJSON(source) : parsed,
    );
  } catch {
    // The SyntaxError is dropped on purpose, not kept as cause: V8 quotes the input in it.
    throw new ProviderError('InvalidData', `${context} is not JSON, ${consequence}`, { retryable: false });
  }
}
