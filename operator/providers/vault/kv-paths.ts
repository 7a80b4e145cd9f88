// Where a remoteRef.key lives in the KV engine, as ESO builds it (its buildPath): with a mount
// (`path: secret`), "db" is read at secret/data/db (KV v2) or secret/db (KV v1), and a key that
// already starts with the mount ("secret/db", "secret/data/db") is not prefixed twice. Without a
// mount the key carries it: "secret/db" is read at secret/data/db. Paths come out URL-encoded.
import { InvalidConfigError } from '../errors.ts';
import { withoutEdgeSlashes, withoutTrailingSlashes } from '../edge-slashes.ts';

export interface KvEngine {
  /** The mount path without surrounding slashes; undefined when keys carry their mount. */
  mount: string | undefined;
  version: 'v1' | 'v2';
}

/** The path that reads the secret's data. */
export function dataPath(engine: KvEngine, key: string): string {
  return kvPath(engine, key, 'data');
}

/** The KV v2 path of the secret's metadata (versions, custom_metadata). */
export function metadataPath(engine: KvEngine, key: string): string {
  return kvPath(engine, key, 'metadata');
}

/**
 * The path that lists a folder ('' for the mount's root, else ending in `/`). Listing needs the
 * mount: without it there is no telling where the engine ends and the folder begins.
 */
export function listPath(engine: KvEngine & { mount: string }, folder: string): string {
  const segments = folder === '' ? [] : checkedSegments(withoutTrailingSlashes(folder), 'find.path');
  const prefix =
    engine.version === 'v2' ? [...mountSegments(engine.mount), 'metadata'] : mountSegments(engine.mount);
  return `${encodeSegments([...prefix, ...segments])}/`;
}

function kvPath(engine: KvEngine, key: string, part: 'data' | 'metadata'): string {
  const segments = checkedSegments(key, 'remoteRef.key');
  if (engine.mount !== undefined) {
    const mount = mountSegments(engine.mount);
    let rest = segments;
    // ESO's rule: a key that repeats the mount (and, on KV v2, `data/`) names the same secret.
    if (startsWith(rest, mount) && rest.length > mount.length) {
      rest = rest.slice(mount.length);
      if (engine.version === 'v2' && rest[0] === 'data' && rest.length > 1) rest = rest.slice(1);
    }
    return encodeSegments(engine.version === 'v2' ? [...mount, part, ...rest] : [...mount, ...rest]);
  }
  if (engine.version === 'v1') return encodeSegments(segments);
  const dataAt = segments.indexOf('data');
  if (dataAt > 0 && dataAt < segments.length - 1) {
    // "secret/data/db" already says where the mount ends.
    return encodeSegments([...segments.slice(0, dataAt), part, ...segments.slice(dataAt + 1)]);
  }
  if (segments.length < 2) {
    throw new InvalidConfigError(
      `vault: key "${key}" names no secret: without spec.provider.vault.path a key starts with the KV mount, e.g. "secret/${key}"`,
    );
  }
  const [mount, ...rest] = segments as [string, ...string[]];
  return encodeSegments([mount, part, ...rest]);
}

function mountSegments(mount: string): string[] {
  return checkedSegments(withoutEdgeSlashes(mount), 'spec.provider.vault.path');
}

/** Splits on `/`; refuses empty, `.` and `..` segments, which would leave the engine. */
function checkedSegments(path: string, field: string): string[] {
  const segments = path.replace(/^\/+/, '').split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new InvalidConfigError(
      `vault: ${field} "${path}" is not a Vault path: it has an empty, "." or ".." segment`,
    );
  }
  return segments;
}

function startsWith(segments: string[], prefix: string[]): boolean {
  return prefix.every((segment, index) => segments[index] === segment);
}

function encodeSegments(segments: string[]): string {
  return segments.map(encodeURIComponent).join('/');
}
