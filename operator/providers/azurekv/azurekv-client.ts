// ESO's azurekv semantics over a VaultPort: what getSecret, getSecretMap and findSecrets return
// for the secrets, certificates and keys of one vault.
import { mapBounded } from '../bounded-map.ts';
import { matchesFind, selectedByName } from '../find-matching.ts';
import { InvalidConfigError, PropertyNotFoundError, SecretNotFoundError } from '../errors.ts';
import { jsonObjectToMap, selectProperty } from '../json-property.ts';
import type { FindQuery, RemoteRef, SecretsClient, ValidationResult } from '../types.ts';
import { metadataMap, selectMetadata } from './metadata.ts';
import { objectNoun, parseObjectRef, type VaultObjectRef } from './object-ref.ts';
import type { VaultObjectMetadata, VaultPort } from './vault-port.ts';

const utf8 = new TextEncoder();
// Secret values of a find are read this many at a time: fast for hundreds, gentle on throttling.
const findConcurrency = 8;

interface FetchedObject {
  metadata: VaultObjectMetadata;
  /** The value as ESO returns it: a secret's text, a certificate's DER, a key's JWK as JSON. */
  value: Uint8Array;
}

export function createAzureKVClient(port: VaultPort, vaultUrl: string): SecretsClient {
  const describe = (ref: VaultObjectRef, version: string | undefined): string =>
    `azurekv: ${objectNoun[ref.type]} "${ref.name}"${version === undefined ? '' : ` version "${version}"`} in ${vaultUrl}`;

  const fetchObject = async (ref: VaultObjectRef, version: string | undefined, signal: AbortSignal) => {
    switch (ref.type) {
      case 'secret': {
        const secret = await port.getSecret(ref.name, version, signal);
        return { metadata: secret, value: utf8.encode(secret.value) } satisfies FetchedObject;
      }
      case 'cert': {
        const certificate = await port.getCertificate(ref.name, version, signal);
        return { metadata: certificate, value: certificate.cer } satisfies FetchedObject;
      }
      case 'key': {
        const key = await port.getKey(ref.name, version, signal);
        return { metadata: key, value: utf8.encode(JSON.stringify(key.jwk)) } satisfies FetchedObject;
      }
    }
  };

  /** The value a ref names, narrowed to its property: shared by getSecret and getSecretMap. */
  const readValue = async (ref: RemoteRef, signal: AbortSignal) => {
    signal.throwIfAborted();
    const object = parseObjectRef(ref.key);
    const version = checkedVersion(ref.version);
    const context = describe(object, version);
    const fetched = await fetchObject(object, version, signal);
    return { object, context, fetched };
  };

  return {
    async getSecret(ref, signal) {
      const { object, context, fetched } = await readValue(ref, signal);
      if (ref.metadataPolicy === 'Fetch') return selectMetadata(fetched.metadata, ref.property, context);
      if (ref.property === undefined) return fetched.value;
      if (object.type === 'cert') throw certificateProperty(context);
      return selectJsonProperty(fetched.value, ref.property, context);
    },

    // Only a secret's value: metadata (tags) and certificates have rules of their own.
    propertySelector: (ref) => {
      if (ref.metadataPolicy === 'Fetch') return undefined;
      const object = parseObjectRef(ref.key);
      if (object.type === 'cert') return undefined;
      const context = describe(object, checkedVersion(ref.version));
      return (whole) => selectJsonProperty(whole, ref.property, context);
    },

    async getSecretMap(ref, signal) {
      const { object, context, fetched } = await readValue(ref, signal);
      if (ref.metadataPolicy === 'Fetch')
        return metadataMap(fetched.metadata, object.name, ref.property, context);
      if (object.type === 'cert') {
        throw new InvalidConfigError(
          `${context} is a DER certificate, not a map of keys; read it with data[].remoteRef instead of dataFrom`,
        );
      }
      const value =
        ref.property === undefined ? fetched.value : selectJsonProperty(fetched.value, ref.property, context);
      return jsonObjectToMap(
        value,
        ref.property === undefined ? context : `${context} property "${ref.property}"`,
      );
    },

    // As ESO: enabled secrets (not certificates or keys) whose tags and name match, at their latest
    // version. `path`, which Key Vault has no notion of, is a prefix of the name as in the fake provider.
    async findSecrets(query: FindQuery, signal) {
      signal.throwIfAborted();
      const listed = await port.listSecrets(signal);
      const names = await selectedByName(
        listed
          .filter((secret) => secret.enabled && matchesFind(secret.name, secret.tags, query))
          .map((secret) => secret.name),
        query,
      );
      const found = Object.create(null) as Record<string, Uint8Array>;
      await mapBounded(names, findConcurrency, async (name) => {
        try {
          found[name] = utf8.encode((await port.getSecret(name, undefined, signal)).value);
        } catch (error) {
          // Deleted between the listing and the read: it is simply no longer there.
          if (!(error instanceof SecretNotFoundError)) throw error;
        }
      });
      return found;
    },

    async validate(signal): Promise<ValidationResult> {
      signal.throwIfAborted();
      return (await port.maySecretsBeRead(signal)) ? 'Ready' : 'Error';
    },

    close: () => port.close(),
  };
}

/**
 * ESO's property of a JSON value (gjson); when a dotted path finds nothing, the whole property is
 * tried as one key with dots in it, as ESO does.
 */
function selectJsonProperty(value: Uint8Array, property: string, context: string): Uint8Array {
  try {
    return selectProperty(value, property, context);
  } catch (error) {
    if (!(error instanceof PropertyNotFoundError) || !property.includes('.')) throw error;
    try {
      return selectProperty(value, property.replaceAll('.', '\\.'), context);
    } catch {
      throw error;
    }
  }
}

function certificateProperty(context: string): InvalidConfigError {
  return new InvalidConfigError(
    `${context}: a certificate is returned as its DER bytes, which have no properties; remove remoteRef.property (or use metadataPolicy: Fetch for its tags)`,
  );
}

function checkedVersion(version: string | undefined): string | undefined {
  if (version === undefined || version === '') return undefined;
  if (!/^[0-9A-Za-z-]{1,64}$/.test(version)) {
    throw new InvalidConfigError(`azurekv: remoteRef.version "${version}" is not a Key Vault object version`);
  }
  return version;
}
