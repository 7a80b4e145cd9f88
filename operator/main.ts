// Composition root: configuration, logger, metrics, kube client, informers, leader election,
// controllers (from issue #3 on) and graceful shutdown. Nothing else imports this file.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Auditor } from './audit/index.ts';
import {
  ConfigError,
  helpRequested,
  operatorUsage,
  parseOperatorConfig,
  storeMaxCallsInFlight,
  type OperatorConfig,
} from './config/index.ts';
import {
  RenderSandbox,
  createExternalSecretController,
  syncBudgetLimitsOf,
} from './controllers/externalsecret/index.ts';
import { createSecretStoreController } from './controllers/secretstore/index.ts';
import { StoreClients } from './controllers/store-clients/index.ts';
import { ClusterClient, clusterServer, kubeErrorLogFields, loadKubeConfig } from './kube/index.ts';
import { createLogger, scrubString, type Logger } from './logging/index.ts';
import { FerryMetrics, createMetricsRegistry, startHealthServer } from './metrics/index.ts';
import {
  LeaderElector,
  LeaseUnavailableError,
  leaseNamespace,
  onShutdownSignal,
  operatorNamespace,
  processIdentity,
  systemClock,
  type ControllerObservers,
} from './runtime/index.ts';

/** Where the key of the data hashes lives: one per installation, shared by all replicas. */
const hashKeySecret = { name: 'ferry-data-hash-key', key: 'key' };

/** The key of the data hashes, retried until it can be read or created (RBAC may be granted late). */
async function loadHashKey(
  kube: ClusterClient,
  namespace: string,
  log: Logger,
  signal: AbortSignal,
): Promise<Uint8Array | undefined> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      return await kube.ensureSecretKey(namespace, hashKeySecret.name, hashKeySecret.key, () =>
        randomBytes(32),
      );
    } catch (error) {
      log.warn('cannot read or create the data-hash key Secret; retrying', {
        secretName: `${namespace}/${hashKeySecret.name}`,
        error: kubeErrorLogFields(error),
      });
      await sleep(Math.min(30_000, 500 * 2 ** attempt), undefined, { signal }).catch(() => undefined);
    }
  }
  return undefined;
}

async function waitForSync(
  informers: readonly { hasSynced(): boolean }[],
  signal: AbortSignal,
): Promise<void> {
  while (!informers.every((informer) => informer.hasSynced()) && !signal.aborted) {
    await sleep(50, undefined, { signal }).catch(() => undefined);
  }
}

const exitConfigError = 2;
async function run(config: OperatorConfig, env: NodeJS.ProcessEnv): Promise<number> {
  const log = createLogger({ level: config.logLevel, format: config.logFormat });
  const { kubeConfig, source } = loadKubeConfig({ kubeconfigPath: config.kubeconfig, env });
  log.info('starting ferry', {
    node: process.version,
    cluster: clusterServer(kubeConfig),
    kubeconfigSource: source,
    namespace: config.namespace || '(all namespaces)',
    clusterStores: config.clusterStores,
    concurrency: config.concurrency,
    leaderElect: config.leaderElect,
    renderWorkers: config.renderWorkers,
    storeMaxCallsInFlight: storeMaxCallsInFlight(config),
  });

  const registry = createMetricsRegistry();
  const health = await startHealthServer({ ...config.metricsAddress, registry });
  log.info('serving /healthz, /readyz and /metrics', {
    host: health.address.address,
    port: health.address.port,
  });

  // auto: in a pod a must; out of cluster too (a second `make run` stands by), but a kubeconfig that
  // may not use the Lease runs without it, with a warning, rather than never starting.
  const inCluster = source === 'in-cluster';
  let leaderElect = config.leaderElect !== false;
  const leaseOptional = config.leaderElect === 'auto' && !inCluster;
  const identity = processIdentity(env);
  const ownNamespace = operatorNamespace(config.leaderElectionNamespace, env);
  const kube = new ClusterClient(kubeConfig, identity);
  const metrics = new FerryMetrics(registry);
  let elector: LeaderElector | undefined;
  metrics.watchLeadership(() => (leaderElect ? (elector?.isLeader() ?? false) : true));
  const controllerObservers = (controller: string): ControllerObservers => ({
    informerRestarted: (informer) => metrics.informerRestarts.inc({ informer }),
    queueWait: (priority, waitMs) => metrics.queueWait.observe({ controller, priority }, waitMs / 1000),
    reconciled: (outcome, durationMs) =>
      metrics.reconcileDuration.observe({ controller, outcome }, durationMs / 1000),
  });
  const storeClients = new StoreClients(kube, {
    onProviderCall: (provider, operation, result) =>
      metrics.providerCalls.inc({ provider, operation, result }),
    clientCache: {
      created: (provider) => metrics.providerClientsCreated.inc({ provider }),
      evicted: (bound) => metrics.providerClientCacheEvictions.inc({ bound }),
    },
    namespacedStoresAmbientCredentials: config.namespacedStoresAmbientCredentials,
    timeouts: {
      connectMs: config.providerConnectTimeout,
      responseMs: config.providerResponseTimeout,
      syncMs: config.providerSyncTimeout,
    },
    cacheBounds: {
      entries: config.providerClientCacheSize,
      bytes: config.providerClientCacheMib * 1024 * 1024,
    },
    guards: {
      maxCallsInFlight: storeMaxCallsInFlight(config),
      failureThreshold: config.storeBreakerFailures,
      probeIntervalMs: config.storeBreakerProbeInterval,
    },
  });
  metrics.watchStoreGuards(() => storeClients.guardStates());
  storeClients.onCircuitChange((store, open) => {
    const fields = { kind: store.kind, namespace: store.namespace || undefined, name: store.name };
    if (open) log.warn('store not answering: its calls are paused while it is probed', fields);
    else log.info('store answers again: its calls resume', fields);
  });
  metrics.watchClientCache(() => storeClients.cacheSize);
  const auditor = new Auditor(kube, log, 'ferry.dev/externalsecret-controller');
  const templateDelimiters = { left: config.templateLeftDelimiter, right: config.templateRightDelimiter };
  const budgetLimits = syncBudgetLimitsOf(config);
  // Started lazily, on the first sync that runs a template or rewrite.
  const renderSandbox = new RenderSandbox({
    workers: config.renderWorkers,
    limits: budgetLimits,
    delimiters: templateDelimiters,
  });
  // Loaded once the caches synced (it may need RBAC granted late); read by every reconcile.
  const loaded: { hashKey?: Uint8Array | undefined } = {};
  const secretStores = createSecretStoreController({
    kubeConfig,
    kube,
    storeClients,
    namespace: config.namespace,
    clusterStores: config.clusterStores,
    concurrency: config.concurrency,
    minRefreshIntervalMs: config.minRefreshInterval,
    clock: systemClock,
    log,
    observers: {
      ...controllerObservers('secretstore'),
    },
  });
  metrics.watchQueue('secretstore', secretStores.queue);
  const externalSecrets = createExternalSecretController({
    kubeConfig,
    storeInformers: secretStores.storeInformers,
    kube,
    storeClients,
    auditor,
    hashKey: () => {
      if (!loaded.hashKey) throw new Error('data-hash key not loaded yet');
      return loaded.hashKey;
    },
    namespace: config.namespace,
    clusterStores: config.clusterStores,
    concurrency: config.concurrency,
    templateDelimiters,
    renderSandbox,
    budgetLimits,
    minRefreshIntervalMs: config.minRefreshInterval,
    clock: systemClock,
    log,
    observers: {
      ...controllerObservers('externalsecret'),
      synced: (action) => metrics.syncs.inc({ kind: 'ExternalSecret', result: action.toLowerCase() }),
    },
  });
  metrics.watchQueue('externalsecret', externalSecrets.queue);
  metrics.watchNotReady(externalSecrets.notReady);
  const informers = [...new Set([...externalSecrets.informers, ...secretStores.informers])];
  for (const informer of informers) {
    health.addReadinessCheck({ name: `informer/${informer.name}`, ready: () => informer.hasSynced() });
  }

  let resolveStopped: (code: number) => void = () => undefined;
  const stopped = new Promise<number>((resolve) => (resolveStopped = resolve));
  const lifecycle = { stopping: false };
  const stopWaiting = new AbortController();

  const shutdown = async (why: string, exitCode: number): Promise<void> => {
    if (lifecycle.stopping) return;
    lifecycle.stopping = true;
    log.info('shutting down', { why, gracePeriodSeconds: config.gracefulShutdownSeconds });
    health.markShuttingDown();
    const forced = setTimeout(() => {
      log.error('graceful shutdown timed out; exiting', {
        gracePeriodSeconds: config.gracefulShutdownSeconds,
      });
      resolveStopped(1);
    }, config.gracefulShutdownSeconds * 1000);
    forced.unref();
    stopWaiting.abort();
    // Stop taking work first, let in-flight reconciles finish, then stop watching.
    await Promise.all([
      externalSecrets.controller.stop(config.gracefulShutdownSeconds * 1000),
      secretStores.controller.stop(config.gracefulShutdownSeconds * 1000),
    ]);
    await Promise.all(informers.map((informer) => informer.stop()));
    await renderSandbox.close();
    await storeClients.close();
    await elector?.release();
    await health.close();
    clearTimeout(forced);
    log.info('stopped', { why });
    resolveStopped(exitCode);
  };
  onShutdownSignal((signal) => void shutdown(`received ${signal}`, 0));

  await Promise.all(informers.map((informer) => informer.start()));

  if (leaderElect) {
    const namespace = await leaseNamespace({
      explicit: config.leaderElectionNamespace,
      inCluster,
      env,
      namespaceExists: (name) => kube.namespaceExists(name),
    });
    elector = new LeaderElector(
      kubeConfig,
      { namespace, name: config.leaderElectionId, identity, bestEffort: leaseOptional },
      log.child({ component: 'leader-election' }),
    );
    try {
      await elector.acquire(() => void shutdown('lost leadership', 1));
    } catch (error) {
      if (error instanceof LeaseUnavailableError) {
        leaderElect = false;
        elector = undefined;
        log.warn(
          'running WITHOUT leader election: the Lease cannot be used with this kubeconfig, so a second Ferry against this cluster would write the same Secrets; grant get/create/update on leases, or pass --leader-elect=false to silence this',
          { lease: `${namespace}/${config.leaderElectionId}`, error: kubeErrorLogFields(error.cause) },
        );
      } else if (!lifecycle.stopping) throw error;
    }
  }
  await waitForSync(informers, stopWaiting.signal);
  loaded.hashKey = await loadHashKey(kube, ownNamespace, log, stopWaiting.signal);
  if (!lifecycle.stopping) {
    externalSecrets.controller.start();
    secretStores.controller.start();
    log.info('controllers running', { leader: elector?.isLeader() ?? 'leader election off' });
  }

  return stopped;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (helpRequested(argv)) {
    process.stdout.write(operatorUsage());
    return;
  }
  let config: OperatorConfig;
  try {
    config = parseOperatorConfig(argv, process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`ferry: ${error.message}\nRun with --help to list every flag.\n`);
      process.exitCode = exitConfigError;
      return;
    }
    throw error;
  }
  process.exitCode = await run(config, process.env);
}

main().catch((error: unknown) => {
  // Written without the logger (it may be what failed), but scrubbed all the same.
  process.stderr.write(
    `ferry: fatal: ${scrubString(error instanceof Error ? error.message : String(error))}\n`,
  );
  process.exit(1);
});
