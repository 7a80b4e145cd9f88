// Where the operator serves /metrics, /healthz and /readyz: a taken port stops it with a message that
// names the flag and the variable to change, and `make run` lets FERRY_METRICS_ADDRESS (and
// FERRY_LOG_FORMAT) choose instead of its own defaults.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminKubeconfigPath } from '../support/cluster.ts';
import { OperatorProcess } from '../support/operator-process.ts';

const repoRoot = join(import.meta.dirname, '..', '..');

/** `make run` with `env` added, until it exits (or is stopped after `timeoutMs`, group and all). */
async function makeRun(
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Nothing of an outer make (jobserver, flags) or of the runner's own settings leaks in.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^(MAKEFLAGS|MFLAGS|MAKELEVEL|RUN_FLAGS|KUBECONFIG)$/.test(name) && !name.startsWith('FERRY_'),
    ),
  );
  // -o: the npm dependencies count as installed; a test never reinstalls them under other tests.
  const child = spawn('make', ['--no-print-directory', '-o', 'node_modules/.ferry-deps-installed', 'run'], {
    cwd: repoRoot,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const code = await Promise.race([exited, sleep(timeoutMs).then(() => 'running' as const)]);
  if (code === 'running') {
    process.kill(-(child.pid ?? 0), 'SIGKILL');
    await exited;
    return { code: null, stdout, stderr: `${stderr}\n(still running after ${String(timeoutMs)} ms)` };
  }
  return { code, stdout, stderr };
}

describe('the health and metrics address', () => {
  let occupier: Server;
  let taken: string;

  beforeAll(async () => {
    occupier = createServer();
    await new Promise<void>((resolve) => occupier.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const { port } = occupier.address() as { port: number };
    taken = `127.0.0.1:${String(port)}`;
  });
  afterAll(() => {
    occupier.close();
  });

  it('when taken, stops the operator with a message naming the flag and the variable to change', async () => {
    const operator = await OperatorProcess.start([
      `--kubeconfig=${adminKubeconfigPath()}`,
      `--metrics-address=${taken}`,
    ]);
    expect(await operator.waitForExit()).toBe(1);
    const stderr = operator.stderr.join('\n');
    expect(stderr).toContain(
      `cannot serve /metrics, /healthz and /readyz on ${taken}: another process is listening on port ${taken.split(':')[1] ?? ''}.`,
    );
    expect(stderr).toContain('--metrics-address=HOST:PORT');
    expect(stderr).toContain('FERRY_METRICS_ADDRESS=HOST:PORT');
    expect(stderr).not.toContain('EADDRINUSE');
  });

  it('is chosen by FERRY_METRICS_ADDRESS under make run, as is the log format by FERRY_LOG_FORMAT', async () => {
    const run = await makeRun(
      { KUBECONFIG: adminKubeconfigPath(), FERRY_METRICS_ADDRESS: taken, FERRY_LOG_FORMAT: 'json' },
      90_000,
    );
    expect(run.stderr).toContain(`cannot serve /metrics, /healthz and /readyz on ${taken}:`);
    expect(run.code).not.toBe(0);
    const started = run.stdout.split('\n').find((line) => line.includes('starting ferry')) ?? '';
    expect(JSON.parse(started)).toMatchObject({ msg: 'starting ferry' });
  });
});
