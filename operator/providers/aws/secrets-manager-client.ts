// ESO's aws provider semantics for Secrets Manager over a SecretsManagerPort: what getSecret,
// getSecretMap and findSecrets return for the secrets of one account and region.
import { matchesFind, selectedByName } from '../find-matching.ts';
import { PropertyNotFoundError, ProviderError } from '../errors.ts';
import { jsonObjectToMap, selectProperty } from '../json-property.ts';
import type { FindQuery, RemoteRef, SecretsClient, ValidationResult } from '../types.ts';
import { listFiltersFor } from './find-filters.ts';
import { batchLimit, type SecretsManagerPort } from './secrets-port.ts';
import { describeVersion, versionSelector } from './version-selector.ts';

const utf8 = new TextEncoder();

export interface SecretsManagerClientOptions {
  /** ESO's `prefix`: prepended to every remoteRef.key. */
  prefix?: string | undefined;
}

export function createSecretsManagerClient(
  port: SecretsManagerPort,
  options: SecretsManagerClientOptions = {},
): SecretsClient {
  const prefix = options.prefix ?? '';
  const describe = (name: string): string => `aws: secret "${name}"`;

  /** The value of ref, before its property: the secret's value, or its tags as a JSON object. */
  const read = async (ref: RemoteRef, signal: AbortSignal): Promise<Uint8Array> => {
    const secretId = prefix + ref.key;
    if (ref.metadataPolicy === 'Fetch') {
      return utf8.encode(JSON.stringify(await port.describeSecretTags(secretId, signal)));
    }
    const version = versionSelector(ref.version);
    const { value } = await port.getSecretValue(secretId, version, signal);
    if (value === undefined) {
      throw new ProviderError(
        'InvalidData',
        `${describe(secretId)} at ${describeVersion(version)} holds neither SecretString nor SecretBinary`,
        { retryable: false },
      );
    }
    return value;
  };

  const select = (value: Uint8Array, ref: RemoteRef & { property: string }): Uint8Array => {
    const what =
      ref.metadataPolicy === 'Fetch'
        ? `the tags of ${describe(prefix + ref.key)}`
        : describe(prefix + ref.key);
    return selectEsoProperty(value, ref.property, what);
  };

  const getSecret = async (ref: RemoteRef, signal: AbortSignal): Promise<Uint8Array> => {
    const value = await read(ref, signal);
    return ref.property === undefined ? value : select(value, { ...ref, property: ref.property });
  };

  return {
    getSecret,
    // The property is a path into what `read` returns (the value, or the tags as JSON).
    propertySelector: (ref) => (whole) => select(whole, ref),

    async getSecretMap(ref, signal) {
      const value = await getSecret(ref, signal);
      const property = ref.property === undefined ? '' : ` property "${ref.property}"`;
      return jsonObjectToMap(value, `${describe(prefix + ref.key)}${property}`);
    },

    async findSecrets(query: FindQuery, signal) {
      const listed = await port.listSecrets(listFiltersFor(query), signal);
      const names = await selectedByName(
        listed
          .filter((listing) => matchesFind(listing.name, listing.tags, query))
          .map((listing) => listing.name),
        query,
      );
      const found = Object.create(null) as Record<string, Uint8Array>;
      // One BatchGetSecretValue per twenty matches instead of a GetSecretValue each.
      for (let start = 0; start < names.length; start += batchLimit) {
        const batch = await port.batchGetSecretValues(names.slice(start, start + batchLimit), signal);
        for (const { name, value } of batch) if (value !== undefined) found[name] = value;
      }
      return found;
    },

    async validate(signal): Promise<ValidationResult> {
      return (await port.checkCredentials(signal)) === 'accepted' ? 'Ready' : 'Error';
    },

    close() {
      port.close();
      return Promise.resolve();
    },
  };
}

/**
 * ESO's property for Secrets Manager: a gjson path into the JSON value, except that a top-level
 * key with dots in its name ("db.host") is tried first as it is.
 */
function selectEsoProperty(value: Uint8Array, property: string, context: string): Uint8Array {
  if (property.includes('.') && !property.includes('\\')) {
    try {
      return selectProperty(value, property.replaceAll('.', '\\.'), context);
    } catch (error) {
      if (!(error instanceof PropertyNotFoundError)) throw error;
    }
  }
  return selectProperty(value, property, context);
}
