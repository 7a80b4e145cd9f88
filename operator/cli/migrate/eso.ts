// External Secrets Operator (external-secrets.io v1, v1beta1, v1alpha1) to Ferry: the field names
// are the same, so a conversion is the apiVersion, a few ESO-only constructs, and every field
// Ferry's schema does not have, each of which the report names.
import { ferryApiVersion, ferryKinds, formatPath, simulateAdmission, type FieldPath } from '../lint/index.ts';
import { acceptedButIgnored, droppedFieldAdvice } from './eso-fields.ts';
import { error, warning, type Note } from './notes.ts';
import { deleteAt, getAt, isJsonObject, pathPattern, type JsonObject } from './object-paths.ts';
import { withoutServerFields } from './server-fields.ts';

export interface Conversion {
  /** The Ferry object, or undefined when the input cannot be converted at all. */
  object: JsonObject | undefined;
  notes: Note[];
}

const convertible = ['ExternalSecret', 'SecretStore', 'ClusterSecretStore'];

/** What Ferry does not have yet, by ESO kind. */
const unsupportedKinds: Record<string, string> = {
  ClusterExternalSecret:
    'ClusterExternalSecret is not supported by Ferry yet: write one ExternalSecret per namespace',
  PushSecret: 'PushSecret is not supported by Ferry yet (Ferry only reads from stores)',
  ClusterPushSecret: 'ClusterPushSecret is not supported by Ferry yet (Ferry only reads from stores)',
};

export function unsupportedEsoKind(kind: string, group: string): Note {
  if (group === 'generators.external-secrets.io')
    return error(
      ['kind'],
      `generators (${kind}) are not supported by Ferry`,
      'keep it and the ExternalSecrets that use it on External Secrets Operator, or keep the generated value in a secret store',
    );
  return error(
    ['kind'],
    unsupportedKinds[kind] ?? `${kind} is not a kind Ferry has`,
    'keep it on External Secrets Operator; it is left out of the output',
  );
}

/** v1alpha1's dataFrom entry `{key, property, version}` is v1beta1's `{extract: {...}}`. */
function upgradeV1alpha1DataFrom(spec: JsonObject): void {
  const dataFrom = spec['dataFrom'];
  if (!Array.isArray(dataFrom)) return;
  spec['dataFrom'] = dataFrom.map((entry: unknown) =>
    isJsonObject(entry) && 'key' in entry && !('extract' in entry) && !('find' in entry)
      ? { extract: entry }
      : entry,
  );
}

/** Every path in `value`, parents before children. */
function allPaths(value: unknown, path: FieldPath = []): FieldPath[] {
  const paths: FieldPath[] = [path];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...allPaths(item, [...path, index])));
  else if (isJsonObject(value))
    for (const [key, child] of Object.entries(value)) paths.push(...allPaths(child, [...path, key]));
  return paths;
}

export function convertEso(input: JsonObject): Conversion {
  const kind = String(input['kind']);
  const version = String(input['apiVersion']).split('/')[1] ?? '';
  const ferryKind = ferryKinds().get(kind);
  if (!convertible.includes(kind) || !ferryKind)
    return {
      object: undefined,
      notes: [unsupportedEsoKind(kind, String(input['apiVersion']).split('/')[0] ?? '')],
    };

  const object = withoutServerFields(structuredClone(input));
  object['apiVersion'] = ferryApiVersion;
  const notes: Note[] = [];
  const spec = object['spec'];
  if (kind === 'ExternalSecret' && isJsonObject(spec)) {
    if (version === 'v1alpha1') upgradeV1alpha1DataFrom(spec);
    const template = getAt(spec, ['target', 'template']);
    if (
      isJsonObject(template) &&
      template['engineVersion'] !== undefined &&
      template['engineVersion'] !== 'v2'
    ) {
      notes.push(
        error(
          ['spec', 'target', 'template', 'engineVersion'],
          `engineVersion ${JSON.stringify(template['engineVersion'])} is not supported: Ferry runs v2 templates (Go text/template with Sprig) only; the templates were carried over as they are`,
          'rewrite the templates in v2 syntax (docs/templates.md) and check the Secret they render',
        ),
      );
      delete template['engineVersion'];
    }
  }

  // Entries that read from a generator go whole: without their source they mean nothing.
  const droppedEntries: FieldPath[] = [];
  for (const path of simulateAdmission(ferryKind.openApi, object).unknownFields) {
    const pattern = pathPattern(path);
    const advice = droppedFieldAdvice(pattern);
    if (/^spec\.(data|dataFrom)\[\]\.sourceRef\.generatorRef$/.test(pattern)) {
      const entry = path.slice(0, 3);
      droppedEntries.push(entry);
      notes.push(error(path, `${advice.message}: the entry ${formatPath(entry)} is left out`, advice.action));
      continue;
    }
    notes.push(error(path, advice.message, advice.action));
    deleteAt(object, path);
  }
  droppedEntries.sort((a, b) => Number(b[2]) - Number(a[2]));
  for (const entry of droppedEntries) deleteAt(object, entry);
  for (const field of ['data', 'dataFrom']) {
    const entries = getAt(object, ['spec', field]);
    if (Array.isArray(entries) && entries.length === 0) deleteAt(object, ['spec', field]);
  }

  for (const path of allPaths(object)) {
    const pattern = pathPattern(path);
    const ignored = acceptedButIgnored.find((candidate) => candidate.pattern.test(pattern));
    if (ignored) notes.push(warning(path, `carried over, but ${ignored.message}`));
  }
  return { object, notes };
}
