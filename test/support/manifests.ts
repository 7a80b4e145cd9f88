import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  KubernetesObjectApi,
  PatchStrategy,
  loadYaml,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

export const examplesDir = join(import.meta.dirname, '..', '..', 'examples');

function parseExample(relativePath: string): KubernetesObject[] {
  const text = readFileSync(join(examplesDir, relativePath), 'utf8');
  return parseAllDocuments(text)
    .map((document) => document.toJS() as KubernetesObject | null)
    .filter((object): object is KubernetesObject => object !== null);
}

/** The objects of a YAML file in examples/, placed in `namespace` when they are namespaced. */
export function loadExample(relativePath: string, namespace: string): KubernetesObject[] {
  return parseExample(relativePath).map((object) =>
    object.kind?.startsWith('Cluster')
      ? object
      : { ...object, metadata: Object.assign({}, object.metadata, { namespace }) },
  );
}

/**
 * An object parsed from YAML or JSON (wire field names) turned into client-node's model of its kind,
 * which is what KubernetesObjectApi serializes from. Handed a plain object, its serializer drops the
 * fields whose model names differ from the wire names — a CRD schema's `default` and
 * `x-kubernetes-validations` among them — and a server-side apply with force then replaces the
 * whole (atomic) schema with the stripped one, for every test sharing the control plane.
 */
export function asClientModel<T extends KubernetesObject>(object: T): T {
  return loadYaml<T>(JSON.stringify(object));
}

/** Server-side applies objects as a person with kubectl would. */
export async function applyObjects(kubeConfig: KubeConfig, objects: KubernetesObject[]): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(kubeConfig);
  for (const object of objects) {
    await api.patch(
      asClientModel(object),
      undefined,
      undefined,
      'ferry-tests',
      true,
      PatchStrategy.ServerSideApply,
    );
  }
}

const namespaceFields = new Set(['namespace', 'remoteNamespace']);

/**
 * The objects of a YAML file in examples/ that names its namespaces (an example spanning two, say),
 * with each of them replaced by a test namespace wherever a namespace is named: metadata, RBAC
 * subjects, a store's remoteNamespace. A namespace the map does not cover is an error, so a test
 * never writes into a namespace it does not own.
 */
export function loadExampleInNamespaces(
  relativePath: string,
  namespaces: Readonly<Record<string, string>>,
): KubernetesObject[] {
  const substitute = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => substitute(item));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, k)]));
    }
    if (key !== undefined && namespaceFields.has(key) && typeof value === 'string') {
      const replacement = namespaces[value];
      if (replacement === undefined) {
        throw new Error(`${relativePath} names namespace "${value}", which the test did not map`);
      }
      return replacement;
    }
    return value;
  };
  return parseExample(relativePath).map((object) => substitute(object) as KubernetesObject);
}
