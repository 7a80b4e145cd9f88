import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
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
  const { group, version, plural } = resource;
  const scoped = resource.namespaced && namespace !== '';
  const path = scoped
    ? `/apis/${group}/${version}/namespaces/${namespace}/${plural}`
    : `/apis/${group}/${version}/${plural}`;
  return new SupervisedInformer(kubeConfig, { name: plural, path, ...(onRestart ? { onRestart } : {}) }, log);
}
