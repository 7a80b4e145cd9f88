// moto's standalone server: the AWS APIs the aws provider is tested against (Secrets Manager, STS,
// and IAM to create users, roles and policies). One process on a loopback port per caller.
import { join } from 'node:path';
// Neither is exported by the control plane's door; the dependency rules allow test code to reach them.
import {
  freeLoopbackPort,
  httpGet,
  isRunning,
  startComponent,
  stopProcess,
  waitForHealthy,
} from '../../controlplane/index.ts';
import type { ProviderServer, ProviderServerOptions } from '../types.ts';
import { provideMotoServer } from './binaries.ts';

/** moto accepts any key while IAM checks are off (its default); these only have to be well formed. */
const testCredentials = { accessKeyId: 'AKIAFERRYMOTOTEST000', secretAccessKey: 'ferry-moto-test-secret' };
const region = 'us-east-1';

export async function startMotoServer(options: ProviderServerOptions): Promise<ProviderServer> {
  const binDir = await provideMotoServer();
  const port = options.port ?? (await freeLoopbackPort());
  const url = `http://127.0.0.1:${String(port)}`;
  const logFile = join(options.dir, 'moto.log');
  const moto = startComponent(
    'moto',
    join(binDir, 'moto_server'),
    ['-H', '127.0.0.1', '-p', String(port)],
    logFile,
    { detached: options.detached },
  );
  try {
    await waitForHealthy('moto', () => httpGet(`${url}/moto-api/`), {
      timeoutMs: 60_000,
      alive: () => isRunning(moto.pid),
      logFile,
    });
  } catch (error) {
    await stopProcess(moto.pid);
    throw error;
  }
  const post = async (path: string, body: string): Promise<void> => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`moto: POST ${path} answered HTTP ${String(response.status)}`);
  };
  return {
    name: 'moto',
    pids: [moto.pid],
    logFile,
    env: {
      AWS_ENDPOINT_URL: url,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
    },
    async reset() {
      // Every backend (secrets, IAM users and roles, STS sessions), then IAM checks back off.
      await post('/moto-api/reset', '');
      await post('/moto-api/reset-auth', 'inf');
    },
    stop: () => stopProcess(moto.pid),
  };
}
