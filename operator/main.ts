// Composition root: configuration, logger, metrics, kube client, informers, leader election,
// controllers (from issue #3 on) and graceful shutdown. Nothing else imports this file.
import { CoreV1Api, type KubeConfig, type V1Secret } from '@kubernetes/client-node';
import { managedLabelSelector } from './api/v1alpha1/index.ts';
import {
  ConfigError,
  helpRequested,
  operatorUsage,
  parseOperatorConfig,
  type OperatorConfig,
} from './config/index.ts';
import { SupervisedInformer, clusterServer, loadKubeConfig } from './kube/index.ts';
import { createLogger, scrubString, type Logger } from './logging/index.ts';
import { createMetricsRegistry, startHealthServer } from './metrics/index.ts';
import { LeaderElector, onShutdownSignal, operatorNamespace, processIdentity } from './runtime/index.ts';

const exitConfigError = 2;

/** Managed Secrets, filtered by label so the cache does not grow with the cluster's other Secrets. */
function managedSecretInformer(
  kubeConfig: KubeConfig,
  namespace: string,
  log: Logger,
): SupervisedInformer<V1Secret> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const labelSelector = managedLabelSelector;
  return new SupervisedInformer<V1Secret>(
    kubeConfig,
    {
      name: 'managed-secrets',
      path: namespace ? `/api/v1/namespaces/${namespace}/secrets` : '/api/v1/secrets',
      list: () =>
        namespace
          ? core.listNamespacedSecret({ namespace, labelSelector })
          : core.listSecretForAllNamespaces({ labelSelector }),
      labelSelector,
    },
    log,
  );
}

async function run(config: OperatorConfig, env: NodeJS.ProcessEnv): Promise<number> {
  const log = createLogger({ level: config.logLevel, format: config.logFormat });
  const { kubeConfig, source } = loadKubeConfig({ kubeconfigPath: config.kubeconfig, env });
  log.info('starting ferry', {
    node: process.version,
    cluster: clusterServer(kubeConfig),
    kubeconfigSource: source,
    namespace: config.namespace || '(all namespaces)',
    concurrency: config.concurrency,
    leaderElect: config.leaderElect,
  });

  const registry = createMetricsRegistry();
  const health = await startHealthServer({ ...config.metricsAddress, registry });
  log.info('serving /healthz, /readyz and /metrics', {
    host: health.address.address,
    port: health.address.port,
  });

  const informers = [managedSecretInformer(kubeConfig, config.namespace, log)];
  for (const informer of informers) {
    health.addReadinessCheck({ name: `informer/${informer.name}`, ready: () => informer.hasSynced() });
  }

  let resolveStopped: (code: number) => void = () => undefined;
  const stopped = new Promise<number>((resolve) => (resolveStopped = resolve));
  const lifecycle = { stopping: false };
  let elector: LeaderElector | undefined;

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
    // Stop taking work first; in-flight reconciles finish (controllers join here in issue #3).
    await Promise.all(informers.map((informer) => informer.stop()));
    await elector?.release();
    await health.close();
    clearTimeout(forced);
    log.info('stopped', { why });
    resolveStopped(exitCode);
  };
  onShutdownSignal((signal) => void shutdown(`received ${signal}`, 0));

  await Promise.all(informers.map((informer) => informer.start()));

  if (config.leaderElect) {
    elector = new LeaderElector(
      kubeConfig,
      {
        namespace: operatorNamespace(config.leaderElectionNamespace, env),
        name: config.leaderElectionId,
        identity: processIdentity(env),
      },
      log.child({ component: 'leader-election' }),
    );
    try {
      await elector.acquire(() => void shutdown('lost leadership', 1));
    } catch (error) {
      if (!lifecycle.stopping) throw error;
    }
  }
  if (!lifecycle.stopping)
    log.info('controllers running', { leader: elector?.isLeader() ?? 'leader election off' });

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
