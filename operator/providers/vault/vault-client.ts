// ESO's vault provider semantics over a VaultPort: what getSecret, getSecretMap and findSecrets
// return for a secret of the KV engine, and which token each request carries.
import { mapBounded } from '../bounded-map.ts';
import { selectedByName, tagsMatch } from '../find-matching.ts';
import { InvalidConfigError, ProviderError, SecretNotFoundError } from '../errors.ts';
import { jsonObjectToMap } from '../json-property.ts';
import type { FindQuery, RemoteRef, SecretsClient, ValidationResult } from '../types.ts';
import { dataPath, listPath, metadataPath, type KvEngine } from './kv-paths.ts';
import { selectSecretProperty } from './secret-property.ts';
import type { TokenSource } from './token-source.ts';
import { toProviderError, type FailedCall } from './vault-errors.ts';
import { VaultResponseError, type VaultPort, type VaultRequest } from './vault-port.ts';
import { withoutEdgeSlashes } from '../edge-slashes.ts';

const utf8Decoder = new TextDecoder();

export interface VaultClientSettings {
  engine: KvEngine;
  /** The namespace secrets are read from (X-Vault-Namespace). */
  namespace: string | undefined;
  /** The server's host, for messages. */
  server: string;
}

/** KV v2 metadata fields ESO merges with custom_metadata for metadataPolicy Fetch and tags. */
const systemMetadataKeys = ['created_time', 'current_version', 'delete_version_after'];
const findConcurrency = 8;
const maxFolderDepth = 32;

export function createVaultClient(
  port: VaultPort,
  tokens: TokenSource,
  settings: VaultClientSettings,
): SecretsClient {
  const { engine, namespace, server } = settings;

  const call = async <T>(
    signal: AbortSignal,
    failed: Omit<FailedCall, 'server'>,
    send: (request: VaultRequest) => Promise<T>,
  ): Promise<T> => {
    signal.throwIfAborted();
    try {
      const token = await tokens.token(signal);
      return await send({ token, namespace, signal });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw toProviderError(error, { ...failed, server });
    }
  };

  const readData = async (key: string, version: string | undefined, signal: AbortSignal) => {
    const path = dataPath(engine, key) + versionQuery(engine, key, version);
    const at = version === undefined ? '' : ` at version ${version}`;
    const body = await call(
      signal,
      { action: `read secret "${key}"${at}`, notFound: `secret "${key}"${at} not found` },
      (request) => port.read(path, request),
    );
    if (engine.version === 'v1') return body;
    const data = body['data'];
    // A KV v2 secret whose current version is deleted answers its metadata and `data: null`.
    if (data === null || data === undefined) {
      throw new SecretNotFoundError(`vault: secret "${key}"${at} not found (that version is deleted)`);
    }
    if (!isObject(data)) {
      throw new ProviderError('InvalidData', `vault: secret "${key}" is not a KV v2 secret`, {
        retryable: false,
      });
    }
    return data;
  };

  const readMetadata = async (key: string, signal: AbortSignal): Promise<Record<string, string>> => {
    const path = metadataPath(engine, key);
    const body = await call(
      signal,
      { action: `read the metadata of secret "${key}"`, notFound: `secret "${key}" not found` },
      (request) => port.read(path, request),
    );
    const metadata = Object.create(null) as Record<string, string>;
    for (const systemKey of systemMetadataKeys) {
      const value = body[systemKey];
      if (value !== undefined && value !== null) metadata[systemKey] = textOf(value);
    }
    const custom = body['custom_metadata'];
    if (isObject(custom)) for (const [name, value] of Object.entries(custom)) metadata[name] = textOf(value);
    return metadata;
  };

  const getSecret = async (ref: RemoteRef, signal: AbortSignal): Promise<Uint8Array> => {
    const context = `vault: secret "${ref.key}"`;
    if (ref.metadataPolicy === 'Fetch') {
      if (engine.version === 'v1') {
        throw new InvalidConfigError(
          `vault: metadataPolicy Fetch reads KV v2 custom_metadata; the KV v1 engine keeps none`,
        );
      }
      return selectSecretProperty(await readMetadata(ref.key, signal), ref.property, `${context} metadata`);
    }
    return selectSecretProperty(await readData(ref.key, ref.version, signal), ref.property, context);
  };

  /** Every secret under `root` ('' or ending in `/`), by its path from the mount: one folder level at a time. */
  const listSecrets = async (
    mounted: KvEngine & { mount: string },
    root: string,
    signal: AbortSignal,
  ): Promise<string[]> => {
    const listFolder = (folder: string): Promise<string[]> =>
      call(signal, { action: `list the secrets under "${folder || '/'}"` }, (request) =>
        port.list(listPath(mounted, folder), request),
      ).catch((error: unknown) => {
        // Vault answers an empty or missing folder with 404.
        if (isPlainNotFound(error)) return [];
        throw error;
      });
    const names: string[] = [];
    let folders = [root];
    for (let depth = 0; folders.length > 0; depth++) {
      if (depth > maxFolderDepth) {
        throw new ProviderError(
          'InvalidData',
          `vault: folders under "${root}" nest deeper than ${String(maxFolderDepth)}`,
          {
            retryable: false,
          },
        );
      }
      const listed = await mapBounded(folders, findConcurrency, listFolder);
      const next: string[] = [];
      listed.forEach((keys, index) => {
        const folder = folders[index] ?? '';
        for (const key of keys) (key.endsWith('/') ? next : names).push(folder + key);
      });
      folders = next;
    }
    return names;
  };

  return {
    getSecret,
    // Without a property, getSecret gives the secret's data (or metadata) object as JSON: the
    // property is then picked from that object by the same rules.
    propertySelector: (ref) => (whole) => {
      const context = `vault: secret "${ref.key}"${ref.metadataPolicy === 'Fetch' ? ' metadata' : ''}`;
      return selectSecretProperty(
        JSON.parse(utf8Decoder.decode(whole)) as Record<string, unknown>,
        ref.property,
        context,
      );
    },

    async getSecretMap(ref, signal) {
      const value = await getSecret(ref, signal);
      const which = ref.property === undefined ? '' : ` property "${ref.property}"`;
      return jsonObjectToMap(value, `vault: secret "${ref.key}"${which}`);
    },

    // ESO lists recursively under find.path and matches the path from the mount. It uses the name
    // alone when name and tags are both given; Ferry applies both.
    async findSecrets(query: FindQuery, signal) {
      const { mount } = engine;
      if (mount === undefined) {
        throw new InvalidConfigError(
          'vault: dataFrom.find lists the KV engine, so spec.provider.vault.path must name its mount',
        );
      }
      const tags = query.tags ?? {};
      const byTags = Object.keys(tags).length > 0;
      if (byTags && engine.version === 'v1') {
        throw new InvalidConfigError(
          'vault: find by tags matches KV v2 custom_metadata; the KV v1 engine keeps none',
        );
      }
      const folder = withoutEdgeSlashes(query.path ?? '');
      const names = await listSecrets({ ...engine, mount }, folder === '' ? '' : `${folder}/`, signal);
      // Tags live in each secret's metadata, read one by one: the name goes first, as it costs no call.
      const candidates = await selectedByName(names, query);
      const found = Object.create(null) as Record<string, Uint8Array>;
      await mapBounded(candidates, findConcurrency, async (name) => {
        if (byTags) {
          const metadata = await readMetadata(name, signal).catch(skipNotFound);
          if (!metadata || !tagsMatch(metadata, tags)) return;
        }
        const data = await readData(name, undefined, signal).catch(skipNotFound);
        if (data) found[name] = selectSecretProperty(data, undefined, `vault: secret "${name}"`);
      });
      return found;
    },

    async validate(signal): Promise<ValidationResult> {
      await call(signal, { action: 'look up its own token' }, (request) => port.lookupSelf(request));
      return 'Ready';
    },

    close: () => tokens.close(),
  };
}

function versionQuery(engine: KvEngine, key: string, version: string | undefined): string {
  if (version === undefined) return '';
  if (engine.version === 'v1') {
    throw new InvalidConfigError(
      `vault: remoteRef.version "${version}" of key "${key}": the KV v1 engine keeps no versions`,
    );
  }
  if (!/^[1-9][0-9]{0,18}$/.test(version)) {
    throw new InvalidConfigError(
      `vault: remoteRef.version "${version}" of key "${key}" is not a KV v2 version: expected a number such as "3"`,
    );
  }
  return `?version=${version}`;
}

/** A secret deleted (or its metadata gone) between listing and reading is no match. */
function skipNotFound(error: unknown): undefined {
  if (error instanceof SecretNotFoundError) return undefined;
  throw error;
}

function isPlainNotFound(error: unknown): boolean {
  const response = error instanceof ProviderError ? error.cause : undefined;
  return (
    response instanceof VaultResponseError &&
    response.status === 404 &&
    !response.errors.some((text) => text.includes('no handler for route'))
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Runs `work` over `items`, a few at a time, in order. */
