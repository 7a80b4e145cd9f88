import { RemoteValueError } from './invalid-spec.ts';

/**
 * Every key renamed. Two keys that land on the same one would lose a value (ESO's conversion refuses
 * that, its rewrites keep a random one), so that fails with the message `collision` writes — a
 * RemoteValueError: the store's keys decide it, so it is tried again at the refresh pace. Keys
 * renamed to "" are exempt: an empty key is how a rewrite drops keys.
 */
export function renameKeys(
  data: Readonly<Record<string, Uint8Array>>,
  rename: (key: string) => string,
  collision: (earlier: string, later: string, renamed: string) => string,
): Record<string, Uint8Array> {
  // Keys come from the store: `__proto__` must be a key like any other.
  const renamed = Object.create(null) as Record<string, Uint8Array>;
  const originals = new Map<string, string>();
  for (const [key, value] of Object.entries(data)) {
    const newKey = rename(key);
    const earlier = originals.get(newKey);
    if (earlier !== undefined && newKey !== '') throw new RemoteValueError(collision(earlier, key, newKey));
    originals.set(newKey, key);
    renamed[newKey] = value;
  }
  return renamed;
}
