import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  KubernetesObjectApi,
  PatchStrategy,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

export const examplesDir = join(import.meta.dirname, '..', '..', 'examples');

/** The objects of a YAML file in examples/, placed in `namespace` when they are namespaced. */
export function loadExample(relativePath: string, namespace: string): KubernetesObject[] {
  const text = readFileSync(join(examplesDir, relativePath), 'utf8');
  return parseAllDocuments(text)
    .map((document) => document.toJS() as KubernetesObject | null)
    .filter((object): object is KubernetesObject => object !== null)
    .map((object) =>
      object.kind?.startsWith('Cluster')
        ? object
        : { ...object, metadata: Object.assign({}, object.metadata, { namespace }) },
    );
}

/** Server-side applies objects as a person with kubectl would. */
export async function applyObjects(kubeConfig: KubeConfig, objects: KubernetesObject[]): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(kubeConfig);
  for (const object of objects) {
    await api.patch(object, undefined, undefined, 'ferry-tests', true, PatchStrategy.ServerSideApply);
  }
}
