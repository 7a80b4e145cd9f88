import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { TestProject } from 'vitest/node';
import {
  installCrds,
  provideControlPlaneBinaries,
  serverVersion,
  startControlPlane,
  stopControlPlane,
} from '../controlplane/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    kubeconfigPath: string;
  }
}

const repoRoot = join(import.meta.dirname, '..', '..');
// Where component logs are kept when a test failed (git-ignored).
const keptLogsDir = join(repoRoot, 'test-results', 'control-plane-logs');

/** One real control plane for the whole integration run; tests isolate themselves by namespace. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const binDir = await provideControlPlaneBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'ferry-control-plane-'));
  const state = await startControlPlane({ binDir, dir, detached: false });
  // Attached children die with us on a crash too; this covers Ctrl-C of the test run.
  const killOnExit = (): void => {
    for (const p of state.processes) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', killOnExit);

  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(state.kubeconfigPath);
  console.log(
    `[control-plane] kube-apiserver ${await serverVersion(kubeConfig)} ready at ${state.apiServerUrl} (binaries: ${binDir})`,
  );
  const crds = await installCrds(kubeConfig, join(repoRoot, 'crds'));
  console.log(`[control-plane] installed ${crds.length} CRDs from crds/`);
  project.provide('kubeconfigPath', state.kubeconfigPath);

  return async () => {
    await stopControlPlane(state);
    process.off('exit', killOnExit);
    if (project.vitest.state.getCountOfFailedTests() > 0) {
      rmSync(keptLogsDir, { recursive: true, force: true });
      cpSync(join(dir, 'logs'), keptLogsDir, { recursive: true });
      console.log(`[control-plane] tests failed: component logs kept in ${keptLogsDir}`);
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
