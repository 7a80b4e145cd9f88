import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./provide-binaries.sh', import.meta.url));

/**
 * Runs provide-binaries.sh (env dir, else cache, else a build from the Go module proxy) and returns
 * the directory with etcd, kube-apiserver and kube-controller-manager. Its progress goes to stderr.
 */
export async function provideControlPlaneBinaries(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const dir = out.trim().split('\n').pop() ?? '';
      if (code === 0 && dir) resolve(dir);
      else reject(new Error(`provide-binaries.sh exited with ${String(code)}`));
    });
  });
}
