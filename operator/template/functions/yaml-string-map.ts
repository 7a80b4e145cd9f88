// What ESO does with the output of a KeysAndValues template: k8s.io/apimachinery's yaml.Unmarshal
// into a map[string]string, that is sigs.k8s.io/yaml. It reads YAML 1.1 as go-yaml v2 does (yes/no
// are booleans, 017 is octal), then turns a number or boolean into text because the target is a
// string: integers in decimal, floats as strconv.FormatFloat(f, 'g', -1, 32), booleans as
// true/false; null becomes "". A list or map as a value, or a document that is not a map, fails.
import { parseAllDocuments } from 'yaml';
import { formatFloat } from '../fmt.ts';
import { goYamlTags } from './yaml.ts';

const int64Min = -(2n ** 63n);
const uint64Max = 2n ** 64n - 1n;

/**
 * The YAML map `text` as a map of strings, or an Error whose message says what was wrong, where,
 * and never quotes the text (it is rendered from secret data).
 */
export function yamlStringMap(text: string): Map<string, string> {
  const [document] = parseAllDocuments(text, {
    version: '1.1',
    uniqueKeys: false,
    merge: true,
    intAsBigInt: true,
    customTags: goYamlTags,
  });
  const map = new Map<string, string>();
  if (document === undefined) return map;
  if ('errors' in document && document.errors.length > 0) {
    const line = document.errors[0]?.linePos?.[0].line ?? 1;
    throw new Error(`yaml: line ${String(line)}: the output is not valid YAML`);
  }
  let parsed: unknown;
  try {
    parsed = document.toJS({ maxAliasCount: 100 });
  } catch {
    throw new Error('yaml: document contains excessive aliasing');
  }
  if (parsed === null || parsed === undefined) return map;
  if (typeof parsed !== 'object' || Array.isArray(parsed) || parsed instanceof Uint8Array) {
    throw new Error(`json: cannot unmarshal ${jsonKind(parsed)} into Go value of type map[string]string`);
  }
  for (const [key, value] of Object.entries(parsed)) map.set(key, asGoString(value));
  return map;
}

function asGoString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') {
    // go-yaml v2 gives int64 or uint64 while they fit, and a float64 past that.
    return value >= int64Min && value <= uint64Max ? value.toString() : float32Text(Number(value));
  }
  if (typeof value === 'number') return float32Text(value);
  // !!binary: go-yaml gives the bytes as a string, which JSON carries as UTF-8 (invalid bytes as U+FFFD).
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  throw new Error(`json: cannot unmarshal ${jsonKind(value)} into Go value of type string`);
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  return 'object';
}

/** strconv.FormatFloat(value, 'g', -1, 32): the shortest digits that read back as the same float32. */
function float32Text(value: number): string {
  if (!Number.isFinite(value)) return formatFloat(value, 'g', -1);
  const single = Math.fround(value);
  for (let precision = 1; precision < 9; precision++) {
    const candidate = Number(single.toPrecision(precision));
    // Up to 9 significant digits read back exactly as float64, so float64's shortest form is these digits.
    if (Math.fround(candidate) === single) return formatFloat(candidate, 'g', -1);
  }
  return formatFloat(Number(single.toPrecision(9)), 'g', -1);
}
