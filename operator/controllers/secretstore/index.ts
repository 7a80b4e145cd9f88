import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { group, version } from '../../api/v1alpha1/index.ts';
import {
  customResourceInformer,
  isConflict,
  type ClusterClient,
  type SupervisedInformer,
} from '../../kube/index.ts';
import type { Logger } from '../../logging/index.ts';
import {
  createObservedController,
  type Controller,
  type WorkQueue,
  type Clock,
  type ControllerObservers,
  type Priority,
} from '../../runtime/index.ts';
import type { StoreClients } from '../store-clients/index.ts';
import { SecretStoreReconciler } from './reconciler.ts';
import { storeKeyOf } from './store-key.ts';

export type SecretStoreObservers = ControllerObservers;

export interface SecretStoreControllerOptions {
  kubeConfig: KubeConfig;
  kube: ClusterClient;
  storeClients: StoreClients;
  /** Non-empty: SecretStores of this namespace only. ClusterSecretStores are validated either way. */
  namespace: string;
  /** False: ClusterSecretStores are neither watched nor validated (no cluster-scoped access at all). */
  clusterStores: boolean;
  concurrency: number;
  /** --min-refresh-interval: a shorter spec.refreshInterval is raised to it. */
  minRefreshIntervalMs?: number | undefined;
  clock: Clock;
  log: Logger;
  observers?: SecretStoreObservers;
}

export interface SecretStoreController {
  informers: SupervisedInformer<KubernetesObject>[];
  /** The store informers, for the ExternalSecret controller to share instead of watching twice. */
  storeInformers: {
    secretStores: SupervisedInformer<KubernetesObject>;
    clusterSecretStores: SupervisedInformer<KubernetesObject> | undefined;
  };
  controller: Controller;
  queue: WorkQueue;
}

/** A store never validated, or changed since, goes to the front; anything else is a routine look. */
function priorityOf(store: KubernetesObject): Priority {
  const observed = (store as { status?: { observedGeneration?: number } }).status?.observedGeneration;
  return observed !== undefined && observed === store.metadata?.generation ? 'refresh' : 'new';
}

/**
 * The SecretStore / ClusterSecretStore controller: one queue for both kinds (`namespace/name`,
 * `/name` for cluster stores); informers enqueue keys only, the reconciler validates each store
 * and writes its Ready condition, then revalidates it on spec.refreshInterval.
 */
export function createSecretStoreController(options: SecretStoreControllerOptions): SecretStoreController {
  const { kubeConfig, namespace, log } = options;
  const observers = options.observers ?? {};
  const secretStores = customResourceInformer(
    kubeConfig,
    { group, version, plural: 'secretstores', namespaced: true },
    namespace,
    log,
    observers.informerRestarted,
  );
  const clusterSecretStores = options.clusterStores
    ? customResourceInformer(
        kubeConfig,
        { group, version, plural: 'clustersecretstores', namespaced: false },
        '',
        log,
        observers.informerRestarted,
      )
    : undefined;
  const reconciler = new SecretStoreReconciler({
    secretStores,
    clusterSecretStores,
    kube: options.kube,
    storeClients: options.storeClients,
    minRefreshIntervalMs: options.minRefreshIntervalMs,
    clock: options.clock,
    log: log.child({ controller: 'secretstore' }),
  });
  const { queue, controller } = createObservedController({
    reconciler,
    concurrency: options.concurrency,
    clock: options.clock,
    log: log,
    isConflict,
    observers,
  });

  const enqueue = (_event: unknown, store: KubernetesObject): void => {
    const key = storeKeyOf(store);
    if (reconciler.isOwnStatusWrite(key, store.metadata?.resourceVersion)) return;
    queue.add(key, priorityOf(store));
  };
  secretStores.onEvent(enqueue);
  clusterSecretStores?.onEvent(enqueue);
  // A circuit that opens or closes changes what the store's Ready condition says (and its Event).
  options.storeClients.onCircuitChange((store) => {
    queue.add(`${store.namespace}/${store.name}`, 'new');
  });

  return {
    informers: clusterSecretStores ? [secretStores, clusterSecretStores] : [secretStores],
    storeInformers: { secretStores, clusterSecretStores },
    controller,
    queue,
  };
}
