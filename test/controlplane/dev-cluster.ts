// `make dev-cluster` / `make dev-cluster-down`: the test control plane, in the background, for a
// person. Both commands are idempotent. State lives in .dev/ (git-ignored).
import { existsSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { installCrds } from './crds.ts';
import { provideControlPlaneBinaries } from './binaries.ts';
import {
  serverVersion,
  startControlPlane,
  stopControlPlane,
  type ControlPlaneState,
} from './control-plane.ts';
import { isRunning } from './processes.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
const devDir = join(repoRoot, '.dev');
const stateFile = join(devDir, 'control-plane.json');
const kubeconfigPath = join(devDir, 'kubeconfig');

function readState(): ControlPlaneState | undefined {
  if (!existsSync(stateFile)) return undefined;
  return JSON.parse(readFileSync(stateFile, 'utf8')) as ControlPlaneState;
}

async function reachable(state: ControlPlaneState): Promise<string | undefined> {
  if (!state.processes.every((p) => isRunning(p.pid))) return undefined;
  try {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(kubeconfigPath);
    return await serverVersion(kubeConfig);
  } catch {
    return undefined;
  }
}

async function up(): Promise<void> {
  const existing = readState();
  const runningVersion = existing ? await reachable(existing) : undefined;
  if (existing && !runningVersion) {
    console.log('dev cluster state is stale; cleaning up');
    await down();
  }
  if (!runningVersion) {
    const binDir = await provideControlPlaneBinaries();
    const dir = join(devDir, 'control-plane');
    rmSync(dir, { recursive: true, force: true });
    const state = await startControlPlane({ binDir, dir, detached: true, log: (line) => console.log(line) });
    mkdirSync(devDir, { recursive: true });
    writeFileSync(stateFile, JSON.stringify(state, null, 2));
    copyFileSync(state.kubeconfigPath, kubeconfigPath);
  }
  // Always (re)applied, so a running dev cluster picks up regenerated CRDs.
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  const crds = await installCrds(kubeConfig, join(repoRoot, 'crds'));
  const version = runningVersion ?? (await serverVersion(kubeConfig));
  console.log(
    `dev cluster ${runningVersion ? 'already running' : 'ready'}: kube-apiserver ${version} at ${kubeConfig.getCurrentCluster()?.server ?? '?'}; ${crds.length} CRDs applied`,
  );
  console.log(`export KUBECONFIG=${kubeconfigPath}`);
}

async function down(): Promise<void> {
  const state = readState();
  if (!state) {
    console.log('dev cluster is not running');
    return;
  }
  await stopControlPlane(state);
  rmSync(stateFile, { force: true });
  rmSync(kubeconfigPath, { force: true });
  rmSync(join(devDir, 'control-plane'), { recursive: true, force: true });
  console.log('dev cluster stopped');
}

/** Exit 0 when the dev cluster is up and answering, 1 otherwise (used by `make run`). */
async function status(): Promise<void> {
  const state = readState();
  const version = state ? await reachable(state) : undefined;
  console.log(version ? `running: kube-apiserver ${version}` : 'not running');
  process.exitCode = version ? 0 : 1;
}

/** Exit 0 when $KUBECONFIG's current cluster answers /version within a few seconds (used by `make run`). */
async function reachableFromEnv(): Promise<void> {
  try {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromDefault();
    const version = await Promise.race([
      serverVersion(kubeConfig),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 5_000).unref()),
    ]);
    console.log(`reachable: ${kubeConfig.getCurrentCluster()?.server ?? '?'} (kube-apiserver ${version})`);
  } catch {
    process.exitCode = 1;
  }
}

const commands: Record<string, () => Promise<void>> = { up, down, status, reachable: reachableFromEnv };
const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error('usage: dev-cluster.ts up|down|status|reachable');
  process.exit(2);
}
await command();
