import { isPayloadKey, isSensitiveKey } from './sensitive-keys.ts';
import { redactedMarker, scrubString } from './scrub-string.ts';
import { errorFields } from './serialize-error.ts';

/** Objects nested deeper than this are replaced by "[Truncated]". */
export const maxRedactionDepth = 8;

/**
 * A copy of `value` safe to log: values of sensitive keys replaced, binary data replaced by its
 * length, strings scrubbed, errors reduced to their loggable parts, cycles and excessive depth cut.
 * Never mutates `value` and never throws; the result is plain JSON-serialisable data.
 */
export function redact(value: unknown): unknown {
  return redactValue(value, 0, new Set());
}

function redactValue(value: unknown, depth: number, ancestors: Set<object>): unknown {
  switch (typeof value) {
    case 'string':
      return scrubString(value);
    case 'bigint':
      return value.toString();
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${value.name === '' ? 'anonymous' : value.name}]`;
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return null;
  const bytes = byteLength(value);
  if (bytes !== undefined) return redactedBytes(bytes);
  // Only ancestors count: the same object twice side by side is no cycle and is shown twice.
  if (ancestors.has(value)) return '[Circular]';
  if (depth >= maxRedactionDepth) return '[Truncated]';
  ancestors.add(value);
  try {
    return redactObject(value, depth, ancestors);
  } catch {
    // A throwing getter or toJSON must not take the log line (or the logger) down with it.
    return '[Unreadable]';
  } finally {
    ancestors.delete(value);
  }
}

function redactObject(value: object, depth: number, ancestors: Set<object>): unknown {
  if (value instanceof Error) return redactEntries(Object.entries(errorFields(value)), depth, ancestors);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item, depth + 1, ancestors));
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([key, item]): [string, unknown] => [String(key), item]);
    return redactEntries(entries, depth, ancestors);
  }
  if (value instanceof Set) return [...value].map((item: unknown) => redactValue(item, depth + 1, ancestors));
  const { toJSON } = value as { toJSON?: unknown };
  if (typeof toJSON === 'function') return redactValue(toJSON.call(value), depth, ancestors);
  return redactEntries(Object.entries(value), depth, ancestors);
}

function redactEntries(
  entries: readonly [string, unknown][],
  depth: number,
  ancestors: Set<object>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    if (isPayloadKey(key)) result[key] = redactPayload(item, depth + 1, ancestors);
    else if (isSensitiveKey(key)) result[key] = redactWhole(item);
    else result[key] = redactValue(item, depth + 1, ancestors);
  }
  return result;
}

// A map (Secret.data) keeps its key names; a list (ExternalSecret.spec.data) keeps its entries'
// structure, which is made of references; anything else is hidden whole.
function redactPayload(payload: unknown, depth: number, ancestors: Set<object>): unknown {
  if (Array.isArray(payload)) {
    return payload.map((item: unknown) =>
      typeof item === 'object' && item !== null && byteLength(item) === undefined
        ? redactValue(item, depth + 1, ancestors)
        : redactWhole(item),
    );
  }
  if (isPlainObject(payload)) {
    return Object.fromEntries(Object.entries(payload).map(([key, item]) => [key, redactWhole(item)]));
  }
  return redactWhole(payload);
}

// null, undefined and booleans stay visible: "the password is missing" or "a token is set" is a
// diagnosis, not a leak.
function redactWhole(value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  const bytes = typeof value === 'object' ? byteLength(value) : undefined;
  return bytes === undefined ? redactedMarker : redactedBytes(bytes);
}

function redactedBytes(bytes: number): string {
  return `[REDACTED ${bytes} bytes]`;
}

function byteLength(value: object): number | undefined {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) return value.byteLength;
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
