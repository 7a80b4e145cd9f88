import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';

/**
 * A keyed hash (HMAC-SHA256) of a Secret's type and data. It lands in the data-hash annotation and in
 * status.history, which more people can read than the Secret itself: keyed, so a low-entropy value
 * cannot be guessed offline from its hash.
 */
export function dataHash(key: Uint8Array, type: string, data: Readonly<Record<string, Uint8Array>>): string {
  const hmac = createHmac('sha256', keyObjectOf(key));
  hmac.update(`type\0${type}\0`);
  for (const name of Object.keys(data).sort()) {
    const value = data[name] ?? new Uint8Array();
    hmac.update(`${name}\0${value.length}\0`);
    hmac.update(value);
  }
  return hmac.digest('hex').slice(0, 40);
}

// createHmac with raw key bytes checks and copies them into a new KeyObject on every call, six
// times the cost of the HMAC itself here (Node 24); one KeyObject per key serves every hash.
const keyObjects = new WeakMap<Uint8Array, KeyObject>();

function keyObjectOf(key: Uint8Array): KeyObject {
  let keyObject = keyObjects.get(key);
  if (!keyObject) {
    keyObject = createSecretKey(key);
    keyObjects.set(key, keyObject);
  }
  return keyObject;
}

/** Stable short hash of namespace/name for the owner label (label values are at most 63 characters). */
export function ownerHash(namespace: string, name: string): string {
  return createHash('sha256').update(`${namespace}/${name}`).digest('hex').slice(0, 40);
}
