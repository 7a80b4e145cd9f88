// kubernetes-external-secrets (kubernetes-client.io/v1 ExternalSecret) to a Ferry ExternalSecret
// and the SecretStore its backend becomes (kes-stores.ts).
import { ferryApiVersion, formatPath, type FieldPath } from '../lint/index.ts';
import {
  kesBackends,
  kesStore,
  storeFields,
  type GeneratedStore,
  type KesBackend,
  type KesEnvironment,
} from './kes-stores.ts';
import { error, warning, type Note } from './notes.ts';
import { isJsonObject, type JsonObject } from './object-paths.ts';
import { withoutServerFields } from './server-fields.ts';

export interface KesConversion {
  object: JsonObject | undefined;
  store: GeneratedStore | undefined;
  notes: Note[];
}

const entryFields = ['key', 'name', 'property', 'version', 'versionStage', 'versionId', 'isBinary'];
const lodash = /<%/;

function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

interface Context {
  /** `spec`, or KES's older `secretDescriptor`. */
  specField: string;
  backend: KesBackend;
  spec: JsonObject;
  env: KesEnvironment;
  notes: Note[];
}

/** KES's per-key options as a Ferry remoteRef. */
function remoteRef(context: Context, entry: JsonObject, path: FieldPath, key: string): JsonObject {
  // Vault keys carry over as they are: Ferry reads `secret/data/app` without a path as KES did.
  const ref: JsonObject = { key };
  const property = str(entry['property']);
  if (property !== undefined) ref['property'] = property;
  const version = str(entry['version']);
  const stage = str(entry['versionStage']);
  const id = str(entry['versionId']);
  if (id !== undefined) ref['version'] = `uuid/${id}`;
  else if (stage !== undefined) ref['version'] = stage;
  else if (version !== undefined) ref['version'] = version;
  if (entry['isBinary'] === true && context.backend !== 'secretsManager') {
    ref['decodingStrategy'] = 'Base64';
    context.notes.push(
      warning(
        [...path, 'isBinary'],
        'carried over as decodingStrategy: Base64 (the stored value is base64 text that lands decoded, as KES wrote it)',
        'check the bytes of the Secret after the first sync',
      ),
    );
  }
  for (const field of Object.keys(entry))
    if (!entryFields.includes(field))
      context.notes.push(
        error([...path, field], `KES's ${field} has no counterpart in Ferry; it is left out`),
      );
  return ref;
}

function convertData(context: Context): JsonObject[] {
  const data = context.spec['data'];
  if (data === undefined) return [];
  if (!Array.isArray(data)) {
    context.notes.push(error([context.specField, 'data'], 'expected a list; left out'));
    return [];
  }
  const entries: JsonObject[] = [];
  data.forEach((entry: unknown, index) => {
    const path = [context.specField, 'data', index];
    const key = isJsonObject(entry) ? str(entry['key']) : undefined;
    const name = isJsonObject(entry) ? str(entry['name']) : undefined;
    if (!isJsonObject(entry) || key === undefined || name === undefined) {
      context.notes.push(error(path, 'an entry needs key and name; it is left out'));
      return;
    }
    entries.push({ secretKey: name, remoteRef: remoteRef(context, entry, path, key) });
  });
  return entries;
}

function convertDataFrom(context: Context): JsonObject[] {
  const entries: JsonObject[] = [];
  const dataFrom = context.spec['dataFrom'];
  if (Array.isArray(dataFrom)) {
    dataFrom.forEach((key: unknown, index) => {
      const text = str(key);
      if (text === undefined)
        context.notes.push(error([context.specField, 'dataFrom', index], 'expected a key; left out'));
      else entries.push({ extract: { key: text } });
    });
  }
  const withOptions = context.spec['dataFromWithOptions'];
  if (Array.isArray(withOptions)) {
    withOptions.forEach((entry: unknown, index) => {
      const path = [context.specField, 'dataFromWithOptions', index];
      const key = isJsonObject(entry) ? str(entry['key']) : undefined;
      if (!isJsonObject(entry) || key === undefined)
        context.notes.push(error(path, 'an entry needs a key; left out'));
      else entries.push({ extract: remoteRef(context, entry, path, key) });
    });
  }
  return entries;
}

/** KES templates are lodash (`<%= %>`); only their literal parts carry over. */
function convertTemplate(context: Context): JsonObject | undefined {
  const source = context.spec['template'];
  if (!isJsonObject(source)) return undefined;
  const template: JsonObject = {};
  const lodashNote = (path: FieldPath) =>
    error(
      path,
      'a KES lodash template (<%= %>) cannot be converted; it is left out',
      'rewrite it as a Go template in spec.target.template (docs/templates.md): <%= JSON.parse(data.config).host %> becomes {{ (.config | fromJson).host }}',
    );
  const literals = (values: unknown, path: FieldPath): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!isJsonObject(values)) return out;
    for (const [key, value] of Object.entries(values)) {
      if (typeof value !== 'string') continue;
      if (lodash.test(value)) context.notes.push(lodashNote([...path, key]));
      else out[key] = value.includes('{{') ? `{{ ${JSON.stringify(value)} }}` : value;
    }
    return out;
  };
  for (const [field, value] of Object.entries(source)) {
    const path = [context.specField, 'template', field];
    if (field === 'type' && typeof value === 'string') template['type'] = value;
    else if (field === 'metadata' && isJsonObject(value)) {
      const metadata: JsonObject = {};
      for (const [kind, entries] of Object.entries(value)) {
        if (kind !== 'labels' && kind !== 'annotations') {
          context.notes.push(
            error([...path, kind], `template.metadata.${kind} has no counterpart in Ferry; it is left out`),
          );
          continue;
        }
        const converted = literals(entries, [...path, kind]);
        if (Object.keys(converted).length > 0) metadata[kind] = converted;
      }
      if (Object.keys(metadata).length > 0) template['metadata'] = metadata;
    } else if (field === 'stringData') {
      const converted = literals(value, path);
      if (Object.keys(converted).length > 0)
        template['data'] = { ...(template['data'] as object | undefined), ...converted };
    } else if (field === 'data' && isJsonObject(value)) {
      // Base64 text in KES; a template can decode a literal (b64dec), so literal values carry over.
      const converted: Record<string, string> = {};
      for (const [key, text] of Object.entries(value)) {
        if (typeof text !== 'string') continue;
        if (lodash.test(text)) context.notes.push(lodashNote([...path, key]));
        else converted[key] = `{{ ${JSON.stringify(text)} | b64dec }}`;
      }
      if (Object.keys(converted).length > 0)
        template['data'] = { ...(template['data'] as object | undefined), ...converted };
    } else
      context.notes.push(error(path, `KES's template.${field} has no counterpart in Ferry; it is left out`));
  }
  // KES laid the template over the fetched keys; Ferry's Merge does the same.
  if (template['data'] !== undefined) template['mergePolicy'] = 'Merge';
  return Object.keys(template).length > 0 ? template : undefined;
}

const commonFields = ['backendType', 'data', 'dataFrom', 'dataFromWithOptions', 'template'];

export function convertKes(input: JsonObject, env: KesEnvironment): KesConversion {
  const cleaned = withoutServerFields(structuredClone(input));
  const specField = isJsonObject(cleaned['spec']) ? 'spec' : 'secretDescriptor';
  const spec = cleaned[specField];
  if (!isJsonObject(spec))
    return {
      object: undefined,
      store: undefined,
      notes: [error(['spec'], 'a KES ExternalSecret without a spec; left out')],
    };
  const backendType = str(spec['backendType']) ?? 'secretsManager';
  if (!Object.hasOwn(kesBackends, backendType)) {
    const why =
      backendType === 'systemManager'
        ? 'AWS Systems Manager Parameter Store is not supported by Ferry yet'
        : `the KES backend ${backendType} is not supported by Ferry`;
    return {
      object: undefined,
      store: undefined,
      notes: [
        error(
          [specField, 'backendType'],
          `${why}; the ExternalSecret is left out`,
          'keep it on a tool that reads this backend, or move the secrets to AWS Secrets Manager, Vault, Azure Key Vault or Google Secret Manager',
        ),
      ],
    };
  }
  const backend = backendType as KesBackend;
  const context: Context = { specField, backend, spec, env, notes: [] };
  const metadata = isJsonObject(cleaned['metadata']) ? cleaned['metadata'] : {};
  const namespace = str(metadata['namespace']);
  for (const field of Object.keys(spec)) {
    if (commonFields.includes(field) || storeFields[backend].includes(field)) continue;
    const elsewhere = Object.entries(storeFields).find(([, fields]) => fields.includes(field));
    context.notes.push(
      error(
        [specField, field],
        elsewhere
          ? `${field} applies to backendType ${elsewhere[0]}, not ${backend}; it is left out`
          : `KES's ${formatPath([specField, field])} has no counterpart in Ferry; it is left out`,
      ),
    );
  }
  const { store, notes: storeNotes } = kesStore(backend, spec, namespace, env, specField);
  context.notes.push(...storeNotes);
  const data = convertData(context);
  const dataFrom = convertDataFrom(context);
  const template = convertTemplate(context);
  const name = store
    ? String((store.object['metadata'] as JsonObject)['name'])
    : `kes-${kesBackends[backend]}`;
  const object: JsonObject = {
    apiVersion: ferryApiVersion,
    kind: 'ExternalSecret',
    metadata,
    spec: {
      secretStoreRef: { name, kind: 'SecretStore' },
      ...(template !== undefined && { target: { template } }),
      ...(data.length > 0 && { data }),
      ...(dataFrom.length > 0 && { dataFrom }),
    },
  };
  return { object, store, notes: context.notes };
}
