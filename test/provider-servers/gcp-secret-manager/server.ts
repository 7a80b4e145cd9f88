// Google Secret Manager for tests: drongo's standalone server (see provide.sh for why drongo) on a
// loopback port (the caller's, else a free one). It keeps everything in memory and speaks the Secret Manager v1 REST API in
// plaintext, so a store reaches it with `endpoint: http://<host:port>` and `transport: REST`.
import { join } from 'node:path';
import {
  freeLoopbackPort,
  httpGet,
  isRunning,
  runProvideScript,
  startComponent,
  stopProcess,
  waitForHealthy,
} from '../../controlplane/index.ts';
import type { ProviderServer, ProviderServerOptions } from '../types.ts';

const host = '127.0.0.1';
/** The project tests seed and read; the server accepts any. */
export const gcpProject = 'ferry-test';

/** Runs provide.sh (env dir, else cache, else a pinned install from PyPI). */
export function provideGcpSecretManagerServer(): Promise<string> {
  return runProvideScript(new URL('./provide.sh', import.meta.url), 'gcp-secret-manager');
}

export async function startGcpSecretManagerServer(options: ProviderServerOptions): Promise<ProviderServer> {
  const binDir = await provideGcpSecretManagerServer();
  const port = options.port ?? (await freeLoopbackPort());
  const logFile = join(options.dir, 'gcp-secret-manager.log');
  const base = `http://${host}:${String(port)}`;
  const server = startComponent(
    'gcp-secret-manager',
    join(binDir, 'drongo'),
    ['server', '--host', host, '--port', String(port)],
    logFile,
    { detached: options.detached },
  );
  try {
    await waitForHealthy('gcp-secret-manager', () => httpGet(`${base}/drongo/health`), {
      timeoutMs: 30_000,
      alive: () => isRunning(server.pid),
      logFile,
    });
  } catch (error) {
    await stopProcess(server.pid);
    throw error;
  }
  return {
    name: 'gcp-secret-manager',
    pids: [server.pid],
    logFile,
    env: {
      GCP_SECRETMANAGER_ENDPOINT: `${host}:${String(port)}`,
      GCP_SECRETMANAGER_TRANSPORT: 'REST',
      GCP_PROJECT: gcpProject,
    },
    // drongo's management API empties every in-memory backend without a restart.
    async reset() {
      const response = await fetch(`${base}/drongo/reset`, {
        method: 'POST',
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`gcp-secret-manager: reset answered HTTP ${String(response.status)}`);
    },
    stop: () => stopProcess(server.pid),
  };
}
