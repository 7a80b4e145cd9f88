import {
  CustomObjectsApi,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
} from '@kubernetes/client-node';
import type { Logger } from '../logging/index.ts';
import { SupervisedInformer } from './supervised-informer.ts';

/** A supervised informer over one custom resource, cluster-wide or in one namespace. */
export function customResourceInformer(
  kubeConfig: KubeConfig,
  resource: { group: string; version: string; plural: string; namespaced: boolean },
  namespace: string,
  log: Logger,
  onRestart?: (informer: string) => void,
): SupervisedInformer<KubernetesObject> {
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  const { group, version, plural } = resource;
  const scoped = resource.namespaced && namespace !== '';
  const path = scoped
    ? `/apis/${group}/${version}/namespaces/${namespace}/${plural}`
    : `/apis/${group}/${version}/${plural}`;
  const list = async (): Promise<KubernetesListObject<KubernetesObject>> =>
    (scoped
      ? await custom.listNamespacedCustomObject({ group, version, namespace, plural })
      : await custom.listClusterCustomObject({
          group,
          version,
          plural,
        })) as KubernetesListObject<KubernetesObject>;
  return new SupervisedInformer(
    kubeConfig,
    { name: plural, path, list, ...(onRestart ? { onRestart } : {}) },
    log,
  );
}
