import { InvalidConfigError } from '../errors.ts';

export type VaultObjectType = 'secret' | 'cert' | 'key';

export interface VaultObjectRef {
  type: VaultObjectType;
  name: string;
}

/**
 * ESO's remoteRef.key for Azure: `name` or `secret/name` is a secret, `cert/name` a certificate,
 * `key/name` a key. Key Vault names are 1-127 letters, digits and dashes, so anything else can
 * never exist and is a spec error rather than a not-found.
 */
export function parseObjectRef(key: string): VaultObjectRef {
  const slash = key.indexOf('/');
  const prefix = slash === -1 ? 'secret' : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (prefix !== 'secret' && prefix !== 'cert' && prefix !== 'key') {
    throw new InvalidConfigError(
      `azurekv: remoteRef.key "${key}" has an unknown object type "${prefix}"; use secret/, cert/ or key/`,
    );
  }
  if (!/^[0-9A-Za-z-]{1,127}$/.test(name)) {
    throw new InvalidConfigError(
      `azurekv: remoteRef.key "${key}": a Key Vault object name is 1-127 letters, digits and dashes`,
    );
  }
  return { type: prefix, name };
}

export const objectNoun: Record<VaultObjectType, string> = {
  secret: 'secret',
  cert: 'certificate',
  key: 'key',
};
