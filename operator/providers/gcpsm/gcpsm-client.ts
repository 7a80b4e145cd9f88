// ESO's gcpsm semantics over a SecretManagerPort: what getSecret, getSecretMap and findSecrets
// return for the secrets of one project (or one location of it).
import { mapBounded } from '../bounded-map.ts';
import { matchesFind, selectedByName } from '../find-matching.ts';
import { PropertyNotFoundError, ProviderError, SecretNotFoundError, InvalidConfigError } from '../errors.ts';
import { jsonObjectToMap, selectProperty } from '../json-property.ts';
import type { FindQuery, RemoteRef, SecretsClient, ValidationResult } from '../types.ts';
import { DisabledVersionError } from './grpc-error.ts';
import { parentName, secretIdOf, secretName, versionName, type SecretScope } from './resource-names.ts';
import type { RemoteSecret, RemoteVersion, SecretManagerPort } from './secret-manager-port.ts';

export interface GcpsmClientOptions {
  scope: SecretScope;
  secretVersionSelectionPolicy: 'LatestOrFail' | 'LatestOrFetch';
}

const utf8 = new TextEncoder();
const json = (value: unknown): Uint8Array => utf8.encode(JSON.stringify(value));
// Values of found secrets are read a few at a time: fast for many secrets, gentle on the quota.
const findConcurrency = 8;

export function createGcpsmClient(port: SecretManagerPort, options: GcpsmClientOptions): SecretsClient {
  const { scope } = options;
  const describe = (key: string): string => `gcpsm: secret "${key}"`;
  const subjectOf = (key: string, version: string | undefined): string =>
    version === undefined ? `secret "${key}"` : `version "${version}" of secret "${key}"`;

  async function readValue(
    key: string,
    version: string | undefined,
    signal: AbortSignal,
  ): Promise<Uint8Array> {
    const name = versionName(scope, key, version);
    try {
      return await port.accessVersion(name, subjectOf(key, version), signal);
    } catch (error) {
      const fallBack =
        error instanceof DisabledVersionError &&
        version === undefined &&
        options.secretVersionSelectionPolicy === 'LatestOrFetch';
      if (!fallBack) throw error;
      const newest = newestEnabled(
        await port.listVersions(secretName(scope, key), subjectOf(key, undefined), signal),
      );
      if (newest === undefined) throw error;
      return port.accessVersion(newest.name, subjectOf(key, secretIdOfVersion(newest.name)), signal);
    }
  }

  async function readSecret(ref: RemoteRef, signal: AbortSignal): Promise<Uint8Array> {
    const context = describe(ref.key);
    if (ref.metadataPolicy === 'Fetch') {
      const secret = await port.getSecret(secretName(scope, ref.key), subjectOf(ref.key, undefined), signal);
      return selectMetadata(secret, ref.property, context);
    }
    const value = await readValue(ref.key, ref.version, signal);
    return ref.property === undefined ? value : selectProperty(value, ref.property, context);
  }

  return {
    getSecret: readSecret,
    // A value's property is a path into the value; metadata properties are not (they come from the
    // secret's labels and annotations), so those are read as they are.
    propertySelector: (ref) =>
      ref.metadataPolicy === 'Fetch'
        ? undefined
        : (whole) => selectProperty(whole, ref.property, describe(ref.key)),

    async getSecretMap(ref, signal) {
      return jsonObjectToMap(await readSecret(ref, signal), describe(ref.key));
    },

    // ESO uses name or tags, not both; Ferry applies every filter the query has. The server gets the
    // filters as a hint only (some servers ignore `filter`), so every one is checked here again.
    async findSecrets(query: FindQuery, signal) {
      const secrets = await port.listSecrets(parentName(scope), listFilter(query), signal);
      const keys = await selectedByName(
        secrets
          .filter((secret) => matchesFind(secretIdOf(secret.name), secret.labels, query))
          .map((secret) => secretIdOf(secret.name)),
        query,
      );
      const values = await mapBounded(keys, findConcurrency, (key) => readFound(key, signal));
      const found = Object.create(null) as Record<string, Uint8Array>;
      keys.forEach((key, index) => {
        const value = values[index];
        if (value !== undefined) found[key] = value;
      });
      return found;
    },

    async validate(signal): Promise<ValidationResult> {
      try {
        await port.probe(parentName(scope), signal);
        return 'Ready';
      } catch (error) {
        // Wrong credentials, a project that does not exist or a refused request will not heal by
        // themselves; an unreachable or throttling server says nothing about the store.
        if (
          error instanceof ProviderError &&
          ['AuthFailed', 'SecretNotFound', 'InvalidConfig'].includes(error.reason)
        ) {
          return 'Error';
        }
        throw error;
      }
    },

    close: () => port.close(),
  };

  // A secret listed a moment ago may be deleted since, or have no version yet: it has no value to
  // find, which must not read as "the ExternalSecret's source is gone".
  async function readFound(key: string, signal: AbortSignal): Promise<Uint8Array | undefined> {
    try {
      return await readValue(key, undefined, signal);
    } catch (error) {
      if (error instanceof SecretNotFoundError) return undefined;
      throw error;
    }
  }
}

// Label keys and values are [a-z0-9_-] in Secret Manager; anything else cannot match a label, so
// it is refused rather than quoted into the filter.
const labelPattern = /^[\p{Ll}\p{Lo}0-9_-]{0,63}$/u;

/** ESO's server-side filter: `labels.<k>=<v>` for each tag and `name:<path>`. */
export function listFilter(query: FindQuery): string | undefined {
  const terms: string[] = [];
  for (const [key, value] of Object.entries(query.tags ?? {})) {
    if (key === '' || !labelPattern.test(key) || !labelPattern.test(value)) {
      throw new InvalidConfigError(
        `gcpsm: find.tags "${key}" is not a Secret Manager label: keys and values are lower-case letters, digits, "_" and "-"`,
      );
    }
    terms.push(`labels.${key}=${value}`);
  }
  if (query.path !== undefined) {
    if (!/^[A-Za-z0-9_-]*$/.test(query.path)) {
      throw new InvalidConfigError(
        `gcpsm: find.path "${query.path}" cannot start a secret id: use letters, digits, "-" and "_"`,
      );
    }
    if (query.path !== '') terms.push(`name:${query.path}`);
  }
  return terms.length === 0 ? undefined : terms.join(' AND ');
}

/** The newest enabled version by creation time; the higher number when two share a time. */
function newestEnabled(versions: RemoteVersion[]): RemoteVersion | undefined {
  let newest: RemoteVersion | undefined;
  for (const version of versions) {
    if (version.state !== 'ENABLED') continue;
    if (
      newest === undefined ||
      version.createdAt > newest.createdAt ||
      (version.createdAt === newest.createdAt && versionNumber(version) > versionNumber(newest))
    ) {
      newest = version;
    }
  }
  return newest;
}

const versionNumber = (version: RemoteVersion): number => Number(secretIdOfVersion(version.name)) || 0;
const secretIdOfVersion = (name: string): string => name.slice(name.lastIndexOf('/') + 1);

/**
 * metadataPolicy Fetch, as ESO's: no property is `{"annotations":…,"labels":…}`; `labels` or
 * `annotations` is that map as JSON; `labels.<k>` or `annotations.<k>` is one value.
 */
function selectMetadata(secret: RemoteSecret, property: string | undefined, context: string): Uint8Array {
  if (property === undefined || property === '') {
    return json({ annotations: secret.annotations, labels: secret.labels });
  }
  const dot = property.indexOf('.');
  const part = dot === -1 ? property : property.slice(0, dot);
  if (part !== 'labels' && part !== 'annotations') {
    // A mistyped property, not a deleted secret: it must never set off deletionPolicy.
    throw new PropertyNotFoundError(
      `${context}: metadata property "${property}" not found; expected labels, annotations, labels.<key> or annotations.<key>`,
    );
  }
  if (dot === -1) return json(secret[part]);
  const key = property.slice(dot + 1);
  const value = secret[part][key];
  if (value === undefined) {
    throw new PropertyNotFoundError(
      `${context} has no ${part === 'labels' ? 'label' : 'annotation'} "${key}"`,
    );
  }
  return utf8.encode(value);
}
