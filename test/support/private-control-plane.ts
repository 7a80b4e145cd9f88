import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import {
  installCrds,
  provideControlPlaneBinaries,
  startControlPlane,
  stopControlPlane,
  type ControlPlaneState,
} from '../controlplane/index.ts';

const crdsDir = join(import.meta.dirname, '..', '..', 'crds');

/** A control plane that belongs to one test file alone, with Ferry's CRDs installed. */
export interface PrivateControlPlane {
  kubeConfig: KubeConfig;
  kubeconfigPath: string;
  apiServerUrl: string;
  stop(): Promise<void>;
}

/**
 * For a test that runs the operator over every namespace (cluster scope, ClusterSecretStores): on
 * the run's shared control plane it would reconcile the objects of every other test file too.
 */
export async function startPrivateControlPlane(label: string): Promise<PrivateControlPlane> {
  const dir = mkdtempSync(join(tmpdir(), `ferry-${label}-`));
  let state: ControlPlaneState | undefined;
  try {
    state = await startControlPlane({ binDir: await provideControlPlaneBinaries(), dir, detached: false });
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(state.kubeconfigPath);
    await installCrds(kubeConfig, crdsDir);
    const started = state;
    return {
      kubeConfig,
      kubeconfigPath: started.kubeconfigPath,
      apiServerUrl: started.apiServerUrl,
      async stop() {
        await stopControlPlane(started);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (state) await stopControlPlane(state);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
