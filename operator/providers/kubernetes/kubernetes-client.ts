// ESO's kubernetes provider semantics over a SecretsPort: what getSecret, getSecretMap and
// findSecrets return for a Secret of the remote namespace.
import {
  FindBudgetExceededError,
  InvalidConfigError,
  PropertyNotFoundError,
  SecretNotFoundError,
} from '../errors.ts';
import { matchesFind, selectedByName } from '../find-matching.ts';
import { jsonObjectToMap } from '../json-property.ts';
import type { FindQuery, RemoteRef, SecretsClient, ValidationResult } from '../types.ts';
import { selectDataProperty } from './data-property.ts';
import type { RemoteSecret, SecretsPort } from './secrets-port.ts';

const utf8 = new TextEncoder();
const lenientUtf8 = new TextDecoder();
const json = (value: unknown): Uint8Array => utf8.encode(JSON.stringify(value));

export function createKubernetesClient(port: SecretsPort, namespace: string): SecretsClient {
  const describe = (name: string): string => `kubernetes: secret "${name}" in namespace "${namespace}"`;

  return {
    async getSecret(ref: RemoteRef, signal) {
      const secret = await port.readSecret(ref.key, signal);
      const context = describe(ref.key);
      if (ref.metadataPolicy === 'Fetch') return selectMetadata(secret, ref.property, context);
      // Without a property ESO answers the whole Secret as a JSON object of strings.
      if (ref.property === undefined) return json(dataAsText(secret.data));
      return selectDataProperty(secret.data, ref.property, context);
    },

    async getSecretMap(ref: RemoteRef, signal) {
      const secret = await port.readSecret(ref.key, signal);
      const context = describe(ref.key);
      const map = ref.metadataPolicy === 'Fetch' ? metadataMap(secret) : secret.data;
      if (ref.property === undefined) return { ...map };
      return jsonObjectToMap(
        selectDataProperty(map, ref.property, context),
        `${context} key "${ref.property}"`,
      );
    },

    // ESO uses tags alone when both are given; Ferry applies every filter the query has. `path`,
    // which ESO ignores here, is a prefix of the Secret's name, as in the fake provider. Names and
    // labels are listed first and only the matches are read, within query.maxBytes.
    async findSecrets(query: FindQuery, signal) {
      const listed = await port.listSecretMetadata(labelSelectorOf(query.tags), signal);
      const names = await selectedByName(
        listed.filter(({ name, labels }) => matchesFind(name, labels, query)).map(({ name }) => name),
        query,
      );
      const found = Object.create(null) as Record<string, Uint8Array>;
      let loadedBytes = 0;
      for (const name of names) {
        const secret = await readUnlessGone(port, name, signal);
        if (secret === undefined) continue;
        loadedBytes += sizeOf(secret.data);
        if (query.maxBytes !== undefined && loadedBytes > query.maxBytes) {
          throw new FindBudgetExceededError(
            `kubernetes: dataFrom.find matches Secrets in namespace "${namespace}" holding more than ${sizeText(query.maxBytes)}, the most one find may load; narrow it with name.regexp, tags or path`,
          );
        }
        found[name] = json(dataAsText(secret.data));
      }
      return found;
    },

    async validate(signal): Promise<ValidationResult> {
      return (await port.mayGetSecrets(signal)) ? 'Ready' : 'Error';
    },

    close: () => Promise.resolve(),
  };
}

/** A Secret deleted between the list and the read is not a match any more. */
async function readUnlessGone(
  port: SecretsPort,
  name: string,
  signal: AbortSignal,
): Promise<RemoteSecret | undefined> {
  try {
    return await port.readSecret(name, signal);
  } catch (error) {
    if (error instanceof SecretNotFoundError) return undefined;
    throw error;
  }
}

function sizeOf(data: Record<string, Uint8Array>): number {
  return Object.entries(data).reduce((total, [key, value]) => total + key.length + value.byteLength, 0);
}

function sizeText(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  return Number.isInteger(mebibytes) ? `${String(mebibytes)} MiB` : `${String(bytes)} bytes`;
}

function dataAsText(data: Record<string, Uint8Array>): Record<string, string> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, lenientUtf8.decode(value)]));
}

/** metadataPolicy Fetch: `labels` / `annotations` as JSON, or one label or annotation. */
function selectMetadata(secret: RemoteSecret, property: string | undefined, context: string): Uint8Array {
  if (property === undefined) return json({ labels: secret.labels, annotations: secret.annotations });
  const dot = property.indexOf('.');
  const part = dot === -1 ? property : property.slice(0, dot);
  if (part !== 'labels' && part !== 'annotations') {
    // A mistyped property, not a deleted secret: it must never set off deletionPolicy.
    throw new PropertyNotFoundError(
      `${context}: metadata property "${property}" not found; expected labels, annotations, labels.<key> or annotations.<key>`,
    );
  }
  if (dot === -1) return json(secret[part]);
  const entries = Object.fromEntries(
    Object.entries(secret[part]).map(([key, value]) => [key, utf8.encode(value)]),
  );
  return selectDataProperty(entries, property.slice(dot + 1), `${context} ${part}`);
}

function metadataMap(secret: RemoteSecret): Record<string, Uint8Array> {
  return { labels: json(secret.labels), annotations: json(secret.annotations) };
}

// A label key: an optional DNS-subdomain prefix (at most 253 characters) and a name (at most 63); a
// value: a name or empty. Checked so that a tag can only ever be an equality, never smuggle `,` or
// `!=` into the selector. Lengths are counted apart so the patterns stay free of bounded repeats.
const dnsSubdomain = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const labelName = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function isLabelName(text: string): boolean {
  return text.length <= 63 && labelName.test(text);
}

function isLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash === -1) return isLabelName(key);
  const prefix = key.slice(0, slash);
  return prefix.length <= 253 && dnsSubdomain.test(prefix) && isLabelName(key.slice(slash + 1));
}

function labelSelectorOf(tags: Record<string, string> | undefined): string | undefined {
  if (tags === undefined || Object.keys(tags).length === 0) return undefined;
  return Object.entries(tags)
    .map(([key, value]) => {
      if (!isLabelKey(key)) {
        throw new InvalidConfigError(`kubernetes: find.tags key "${key}" is not a valid label key`);
      }
      if (value !== '' && !isLabelName(value)) {
        throw new InvalidConfigError(`kubernetes: find.tags value of "${key}" is not a valid label value`);
      }
      return `${key}=${value}`;
    })
    .join(',');
}
