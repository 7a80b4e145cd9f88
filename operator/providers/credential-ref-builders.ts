import { InvalidConfigError } from './errors.ts';
import { operatorIdentityCredential, type CredentialRef } from './types.ts';

/** ESO's SecretKeySelector as every provider block carries it. */
export interface KeySelector {
  name: string;
  key?: string | undefined;
  namespace?: string | undefined;
}

/**
 * The credential `name`, read from the Secret key a selector names. ESO's selectors mostly have no
 * default key, so a missing one is a spec error that names the field; `defaultKey` covers the few
 * that do.
 */
export function secretKeyCredential(
  provider: string,
  name: string,
  selector: KeySelector,
  field: string,
  defaultKey?: string,
): CredentialRef {
  const key = selector.key ?? defaultKey;
  if (key === undefined) {
    throw new InvalidConfigError(
      `${provider}: ${field}.key is required: name the key of Secret "${selector.name}" to read`,
    );
  }
  return { name, kind: 'secretKey', secretName: selector.name, key, namespace: selector.namespace };
}

/** ESO's caProvider: a CA bundle from a key of a Secret or a ConfigMap, as the credential `ca`. */
export function caProviderCredential(caProvider: {
  type: 'Secret' | 'ConfigMap';
  name: string;
  key: string;
  namespace?: string | undefined;
}): CredentialRef {
  const { name, key, namespace } = caProvider;
  return caProvider.type === 'Secret'
    ? { name: 'ca', kind: 'secretKey', secretName: name, key, namespace }
    : { name: 'ca', kind: 'configMapKey', configMapName: name, key, namespace };
}

/**
 * The operator's own identity, which a store without an auth block of its own would use: declared
 * here, so that the controller decides by the store's kind whether it may (see the CredentialRef).
 */
export function operatorIdentityRef(identity: string, instead: string): CredentialRef {
  return { name: operatorIdentityCredential, kind: 'operatorIdentity', identity, instead };
}
