import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import {
  group,
  managedLabel,
  managedLabelSelector,
  ownerLabel,
  version,
  type SyncAction,
} from '../../api/v1alpha1/index.ts';
import type { Auditor } from '../../audit/index.ts';
import {
  ChangeStream,
  SupervisedInformer,
  customResourceInformer,
  isConflict,
  isNotFound,
  type ClusterClient,
  type SecretMetadata,
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
import { ownerHash } from './data-hash.ts';
import { decodeSecretData } from './live-target.ts';
import { ParsedTemplates, type TemplateDelimiters } from './parsed-templates.ts';
import { queueFlowOf } from './queue-flow.ts';
import { mergeTargetsOf, secretId } from './merge-targets.ts';
import { ExternalSecretReconciler } from './reconciler.ts';
import type { RenderSandbox } from './render-sandbox.ts';
import { notReadyByReason, type NotReadyByReason } from './not-ready.ts';
import { specVersion } from './refresh-decision.ts';
import { storeRefsOf, type StoreRefsSpec } from './store-refs.ts';
import type { SyncBudgetLimits } from './sync-budget.ts';
import { UsersIndex } from './users-index.ts';

export { syncBudgetLimitsOf, type SyncBudgetLimits } from './sync-budget.ts';
import {
  TemplateSourceReader,
  TemplateSourceUsers,
  templateSourceRefsOf,
  type TemplateSourceKind,
} from './template-sources.ts';

export { RenderSandbox, type RenderSandboxOptions } from './render-sandbox.ts';
export { defaultSyncBudgetLimits } from './sync-budget.ts';

/** The common controller hooks, plus every sync outcome. */
export interface ExternalSecretObservers extends ControllerObservers {
  synced?: (action: SyncAction) => void;
}

export interface ExternalSecretControllerOptions {
  kubeConfig: KubeConfig;
  kube: ClusterClient;
  storeClients: StoreClients;
  auditor: Auditor;
  /** The key of the data hashes; loaded after start-up, read on every use. */
  hashKey: () => Uint8Array;
  namespace: string;
  /** False: ExternalSecrets that name a ClusterSecretStore fail with ClusterSecretStoresDisabled. */
  clusterStores: boolean;
  concurrency: number;
  /** What opens and closes a template action (ESO's --template-left/right-delimiter); {{ }} by default. */
  templateDelimiters?: TemplateDelimiters | undefined;
  /** What one sync's templates, rewrites and regexps may spend (the --budget-* flags). */
  budgetLimits?: SyncBudgetLimits | undefined;
  /** --min-refresh-interval: a shorter refreshInterval is raised to it. None when unset. */
  minRefreshIntervalMs?: number | undefined;
  /** Render workers for templates and rewrites (main.ts starts and closes them); inline without. */
  renderSandbox?: RenderSandbox | undefined;
  clock: Clock;
  log: Logger;
  observers?: ExternalSecretObservers;
  /** Store informers another controller already runs; shared so the stores are watched once. */
  storeInformers?: {
    secretStores: SupervisedInformer<KubernetesObject>;
    clusterSecretStores: SupervisedInformer<KubernetesObject> | undefined;
  };
}

/** What the composition root starts, stops and waits for: informers and change streams. */
export interface Watcher {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  hasSynced(): boolean;
}

export interface ExternalSecretController {
  informers: Watcher[];
  controller: Controller;
  queue: WorkQueue;
  /** The ExternalSecrets that are not Ready, by reason, from the cache (for the metrics). */
  notReady: () => NotReadyByReason;
}

function keyOf(object: KubernetesObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

/** A never-synced or changed ExternalSecret goes to the front; anything else is a routine look. */
function priorityOf(object: KubernetesObject): Priority {
  const status = (object as { status?: { syncedResourceVersion?: string; observedGeneration?: number } })
    .status;
  if (status?.syncedResourceVersion === undefined) return 'new';
  return status.syncedResourceVersion === specVersion(object.metadata ?? {}) ? 'refresh' : 'new';
}

/**
 * The ExternalSecret controller: informers enqueue keys only; the reconciler re-reads the world
 * from the caches. Managed Secrets and stores map back to the ExternalSecrets they concern.
 */
export function createExternalSecretController(
  options: ExternalSecretControllerOptions,
): ExternalSecretController {
  const { kubeConfig, namespace, log } = options;
  const observers = options.observers ?? {};
  const externalSecrets = customResourceInformer(
    kubeConfig,
    { group, version, plural: 'externalsecrets', namespaced: true },
    namespace,
    log,
    observers.informerRestarted,
  );
  const secretStores =
    options.storeInformers?.secretStores ??
    customResourceInformer(
      kubeConfig,
      { group, version, plural: 'secretstores', namespaced: true },
      namespace,
      log,
      observers.informerRestarted,
    );
  const clusterSecretStores = !options.clusterStores
    ? undefined
    : (options.storeInformers?.clusterSecretStores ??
      customResourceInformer(
        kubeConfig,
        { group, version, plural: 'clustersecretstores', namespaced: false },
        '',
        log,
        observers.informerRestarted,
      ));
  // Metadata only: the watch says that a Secret changed, the reconcile reads it when it must.
  const managedSecrets = new SupervisedInformer<SecretMetadata>(
    kubeConfig,
    {
      name: 'managed-secrets',
      path: namespace ? `/api/v1/namespaces/${namespace}/secrets` : '/api/v1/secrets',
      labelSelector: managedLabelSelector,
      metadataOnly: true,
      ...(observers.informerRestarted ? { onRestart: observers.informerRestarted } : {}),
    },
    log,
  );

  // The ConfigMaps and Secrets templateFrom names: watched for changes only, read when needed.
  // Secrets Ferry manages are left to managedSecrets, which hears them anyway (one of them may be
  // another ExternalSecret's template source): a second watch over every Secret Ferry writes
  // doubled the watch traffic of a cold start.
  const changeStream = (name: string, resource: string, labelSelector?: string): ChangeStream =>
    new ChangeStream(
      kubeConfig,
      {
        name,
        path: namespace ? `/api/v1/namespaces/${namespace}/${resource}` : `/api/v1/${resource}`,
        ...(labelSelector ? { labelSelector } : {}),
        ...(observers.informerRestarted ? { onRestart: observers.informerRestarted } : {}),
      },
      log,
    );
  const templateChanges: Record<TemplateSourceKind, ChangeStream> = {
    ConfigMap: changeStream('template-configmaps', 'configmaps'),
    Secret: changeStream('template-secrets', 'secrets', `${managedLabel}!=true`),
  };
  const kube = options.kube;
  const templateSources = new TemplateSourceReader({
    read: async (kind, sourceNamespace, name) =>
      kind === 'ConfigMap'
        ? kube.readConfigMapData(sourceNamespace, name)
        : decodeSecretData(await kube.readSecret(sourceNamespace, name)),
    isNotFound,
    continuity: (kind) => templateChanges[kind].continuity(),
  });

  const reconciler = new ExternalSecretReconciler({
    externalSecrets,
    secretStores,
    clusterSecretStores,
    managedSecrets,
    kube,
    storeClients: options.storeClients,
    auditor: options.auditor,
    templates: new ParsedTemplates({ delimiters: options.templateDelimiters }),
    renderSandbox: options.renderSandbox,
    templateSources,
    budgetLimits: options.budgetLimits,
    hashKey: options.hashKey,
    onSync: observers.synced,
    minRefreshIntervalMs: options.minRefreshIntervalMs,
    clock: options.clock,
    log: log.child({ controller: 'externalsecret' }),
  });

  const { queue, controller } = createObservedController({
    reconciler,
    concurrency: options.concurrency,
    clock: options.clock,
    log: log.child({ controller: 'externalsecret' }),
    isConflict,
    observers,
    flowOf: queueFlowOf((name, esNamespace) => externalSecrets.get(name, esNamespace)),
  });

  const templateUsers = new TemplateSourceUsers();
  const mergeTargetUsers = new UsersIndex();
  externalSecrets.onEvent((event, object) => {
    const key = keyOf(object);
    const spec = (object as { spec?: Parameters<typeof templateSourceRefsOf>[0] }).spec;
    if (event === 'delete') {
      templateUsers.remove(key);
      mergeTargetUsers.remove(key);
    } else {
      templateUsers.update(key, object.metadata?.namespace ?? '', templateSourceRefsOf(spec));
      mergeTargetUsers.update(key, mergeTargetsOf(object));
    }
    if (reconciler.isOwnStatusWrite(key, object.metadata?.resourceVersion)) return;
    queue.add(key, priorityOf(object));
  });

  // Owner label → ExternalSecret key; rebuilt from the cache when a label is not known yet.
  const owners = new Map<string, string>();
  const ownerKey = (hash: string): string | undefined => {
    const known = owners.get(hash);
    if (known) return known;
    for (const es of externalSecrets.list())
      owners.set(ownerHash(es.metadata?.namespace ?? '', es.metadata?.name ?? ''), keyOf(es));
    return owners.get(hash);
  };
  managedSecrets.onEvent((_event, secret) => {
    const hash = secret.metadata?.labels?.[ownerLabel];
    const key = hash ? ownerKey(hash) : undefined;
    // A version the reconciler wrote or read needs no look; a deleted Secret (gone from the cache)
    // always does.
    const cached = managedSecrets.get(secret.metadata?.name ?? '', secret.metadata?.namespace);
    const known =
      cached !== undefined && reconciler.isKnownSecretVersion(key ?? '', cached.metadata?.resourceVersion);
    if (key && !known) queue.add(key, 'drift');
  });

  const storeUsers = (
    kind: string,
    storeNamespace: string | undefined,
    storeName: string | undefined,
  ): void => {
    for (const es of externalSecrets.list(kind === 'SecretStore' ? storeNamespace : undefined)) {
      const uses = storeRefsOf((es as { spec?: StoreRefsSpec }).spec).some(
        (ref) => ref.name === storeName && (ref.kind ?? 'SecretStore') === kind,
      );
      if (uses) queue.add(keyOf(es), 'drift');
    }
  };
  secretStores.onEvent((_event, store) =>
    storeUsers('SecretStore', store.metadata?.namespace, store.metadata?.name),
  );
  clusterSecretStores?.onEvent((_event, store) =>
    storeUsers('ClusterSecretStore', undefined, store.metadata?.name),
  );
  // A store that answers again heals every ExternalSecret of it at once, not at each one's backoff.
  options.storeClients.onCircuitChange((store, open) => {
    if (!open) storeUsers(store.kind, store.namespace, store.name);
  });

  // A Secret that Merge or CreateOrMerge ExternalSecrets add keys to was created, changed or deleted:
  // they look at once (a new one is merged, a deleted one recreated or reported), not at the next
  // refresh. Unlabelled Secrets are heard on the template sources' change stream, labelled ones on
  // managedSecrets (one that a CreateOrMerge ExternalSecret created).
  const mergeTargetChanged = (keys: readonly string[]): void => {
    for (const key of keys) queue.add(key, 'drift');
  };
  templateChanges.Secret.onChange((secretNamespace, name) =>
    mergeTargetChanged(mergeTargetUsers.users(secretId(secretNamespace, name))),
  );
  templateChanges.Secret.onResync(() => mergeTargetChanged(mergeTargetUsers.usersWhere(() => true)));
  managedSecrets.onEvent((_event, secret) => {
    const secretNamespace = secret.metadata?.namespace ?? '';
    const name = secret.metadata?.name ?? '';
    const version = managedSecrets.get(name, secretNamespace)?.metadata?.resourceVersion;
    const users = mergeTargetUsers.users(secretId(secretNamespace, name));
    // As above: a version the reconciler wrote or read needs no look.
    mergeTargetChanged(users.filter((key) => !reconciler.isKnownSecretVersion(key, version)));
  });

  const templateSourceChanged = (keys: readonly string[]): void => {
    for (const key of keys) {
      reconciler.templateSourceChanged(key);
      queue.add(key, 'drift');
    }
  };
  for (const kind of ['ConfigMap', 'Secret'] as const) {
    templateChanges[kind].onChange((sourceNamespace, name) => {
      templateSources.changed(kind, sourceNamespace, name);
      templateSourceChanged(templateUsers.users(kind, sourceNamespace, name));
    });
    templateChanges[kind].onResync(() => {
      templateSources.resynced(kind);
      templateSourceChanged(templateUsers.usersOfKind(kind));
    });
  }
  // The Secrets the change stream leaves out (see above): a managed Secret that is a template source.
  managedSecrets.onEvent((_event, secret) => {
    const sourceNamespace = secret.metadata?.namespace ?? '';
    const name = secret.metadata?.name ?? '';
    templateSources.changed('Secret', sourceNamespace, name);
    templateSourceChanged(templateUsers.users('Secret', sourceNamespace, name));
  });

  return {
    informers: [
      externalSecrets,
      secretStores,
      ...(clusterSecretStores ? [clusterSecretStores] : []),
      managedSecrets,
      templateChanges.ConfigMap,
      templateChanges.Secret,
    ],
    controller,
    queue,
    notReady: () => notReadyByReason(externalSecrets.list()),
  };
}
