import { runProvideScript } from './provide-script.ts';

/**
 * Runs provide-binaries.sh (env dir, else cache, else a build from the Go module proxy) and returns
 * the directory with etcd, kube-apiserver and kube-controller-manager.
 */
export function provideControlPlaneBinaries(): Promise<string> {
  return runProvideScript(new URL('./provide-binaries.sh', import.meta.url), 'control plane');
}
