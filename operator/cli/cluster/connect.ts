import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { clusterServer, loadKubeConfig } from '../../kube/index.ts';
import { UsageError } from '../args/usage-error.ts';
import { CliFailure } from '../cli-failure.ts';
import { exitCode } from '../command.ts';

/** A cluster to talk to, chosen the way kubectl chooses it. */
export interface ClusterConnection {
  readonly kubeConfig: KubeConfig;
  /** -n, else the namespace of the kubeconfig context, else `default`. */
  readonly namespace: string;
  /** The server URL, for messages (never credentials). */
  readonly server: string;
  /** The kubeconfig context in use, for messages. */
  readonly context: string;
}

export interface ConnectOptions {
  kubeconfig?: string | undefined;
  context?: string | undefined;
  namespace?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Loads the kubeconfig as kubectl does (--kubeconfig, else $KUBECONFIG, else in-cluster, else
 * ~/.kube/config) and switches to --context. Unlike client-node, it does not fall back to an
 * unauthenticated http://localhost:8080 when no kubeconfig exists at all: that would turn "you have
 * no kubeconfig" into a confusing "connection refused".
 */
export function connectToCluster(options: ConnectOptions): ClusterConnection {
  const { env } = options;
  const inCluster = Boolean(env['KUBERNETES_SERVICE_HOST'] && env['KUBERNETES_SERVICE_PORT']);
  const defaultFile = join(env['HOME'] ?? homedir(), '.kube', 'config');
  if (!options.kubeconfig && !env['KUBECONFIG'] && !inCluster && !existsSync(defaultFile)) {
    throw new CliFailure(
      `no kubeconfig found: pass --kubeconfig FILE, set KUBECONFIG, or create ${defaultFile}`,
      exitCode.unavailable,
    );
  }
  let kubeConfig: KubeConfig;
  try {
    kubeConfig = loadKubeConfig({ kubeconfigPath: options.kubeconfig, env: { ...env } }).kubeConfig;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliFailure(`cannot read the kubeconfig: ${reason}`, exitCode.unavailable, { cause: error });
  }
  if (options.context !== undefined) {
    if (!kubeConfig.getContextObject(options.context)) {
      const known = kubeConfig.getContexts().map((context) => context.name);
      throw new UsageError(
        `--context ${options.context}: no such context in the kubeconfig (it has: ${known.join(', ') || 'none'})`,
      );
    }
    kubeConfig.setCurrentContext(options.context);
  }
  const context = kubeConfig.getCurrentContext();
  if (!kubeConfig.getCurrentCluster()) {
    throw new CliFailure(
      `the kubeconfig context "${context}" names no cluster: choose another with --context`,
      exitCode.unavailable,
    );
  }
  const namespace = options.namespace ?? kubeConfig.getContextObject(context)?.namespace ?? 'default';
  return { kubeConfig, namespace, server: clusterServer(kubeConfig), context };
}
