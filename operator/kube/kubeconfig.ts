import { existsSync } from 'node:fs';
import type { KubeConfig } from '@kubernetes/client-node';
import { PooledKubeConfig } from './pooled-kubeconfig.ts';

/** Where the operator found its cluster, for the start-up log line. */
export type KubeConfigSource = 'flag' | 'KUBECONFIG' | 'in-cluster' | 'default';

/**
 * Loads the cluster connection: an explicit --kubeconfig wins, then $KUBECONFIG, then the pod's
 * service account when running in a cluster, then ~/.kube/config. client-node's own default order
 * prefers ~/.kube/config over in-cluster, which is wrong for a pod whose image happens to ship one.
 */
export function loadKubeConfig(options: {
  kubeconfigPath?: string | undefined;
  env: Record<string, string | undefined>;
}): { kubeConfig: KubeConfig; source: KubeConfigSource } {
  const kubeConfig = new PooledKubeConfig();
  if (options.kubeconfigPath) {
    if (!existsSync(options.kubeconfigPath)) {
      throw new Error(`--kubeconfig ${options.kubeconfigPath}: no such file`);
    }
    kubeConfig.loadFromFile(options.kubeconfigPath);
    return { kubeConfig, source: 'flag' };
  }
  if (options.env['KUBECONFIG']) {
    kubeConfig.loadFromDefault();
    return { kubeConfig, source: 'KUBECONFIG' };
  }
  if (options.env['KUBERNETES_SERVICE_HOST'] && options.env['KUBERNETES_SERVICE_PORT']) {
    kubeConfig.loadFromCluster();
    return { kubeConfig, source: 'in-cluster' };
  }
  kubeConfig.loadFromDefault();
  if (!kubeConfig.getCurrentCluster()) {
    throw new Error('no Kubernetes cluster configured: pass --kubeconfig, set KUBECONFIG, or run in a pod');
  }
  return { kubeConfig, source: 'default' };
}

/** The server URL of the current context, for logs (never credentials). */
export function clusterServer(kubeConfig: KubeConfig): string {
  return kubeConfig.getCurrentCluster()?.server ?? 'unknown';
}
