// Starts a Lowkey Vault 7.x (a test double of Azure Key Vault's data plane, from its jar) on
// loopback: vaults over HTTPS with a certificate of a throwaway CA, and its managed-identity token
// endpoint (IMDS-style, plain HTTP, any resource) on a second port.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// startComponent is not exported through the control plane's door; the processes file is shared on purpose.
import {
  freeLoopbackPort,
  isRunning,
  startComponent,
  stopProcess,
  waitForHealthy,
} from '../../controlplane/index.ts';
import type { ProviderServer, ProviderServerOptions } from '../types.ts';
import { provideLowkeyVault } from './binaries.ts';
import { generateLowkeyVaultTls } from './certificates.ts';
import { createVault, isServing, removeVault, type ManagementTarget } from './management.ts';

const tokenLoopbackBeans = fileURLToPath(new URL('./token-loopback.xml', import.meta.url));
const startupTimeoutMs = 120_000;

export async function startLowkeyVault(options: ProviderServerOptions): Promise<ProviderServer> {
  const { jar, java } = await provideLowkeyVault();
  const tls = await generateLowkeyVaultTls(options.dir);
  const [vaultPort, tokenPort] = [options.port ?? (await freeLoopbackPort()), await freeLoopbackPort()];
  const logFile = join(options.dir, 'lowkey-vault.log');
  const target: ManagementTarget = {
    baseUrl: `https://127.0.0.1:${String(vaultPort)}`,
    caPem: readFileSync(tls.caCert, 'utf8'),
  };
  const process = startComponent(
    'lowkey-vault',
    java,
    [
      // A small heap and the C1 compiler: it starts in seconds on two shared cores.
      '-Xmx384m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-jar',
      jar,
      `--spring.main.sources=file:${tokenLoopbackBeans}`,
      '--server.address=127.0.0.1',
      `--server.port=${String(vaultPort)}`,
      `--app.token.port=${String(tokenPort)}`,
      `--server.ssl.key-store=file:${tls.keyStore}`,
      `--server.ssl.key-store-password=${tls.keyStorePassword}`,
      '--server.ssl.key-store-type=PKCS12',
      // No vaults of its own: the harness creates the one it hands out, and resets it.
      '--LOWKEY_VAULT_NAMES=-',
    ],
    logFile,
    { detached: options.detached },
  );
  try {
    await waitForHealthy(
      'lowkey-vault',
      async () =>
        (await isServing(target)) ? { status: 200, body: '' } : { status: 503, body: 'not serving yet' },
      { timeoutMs: startupTimeoutMs, alive: () => isRunning(process.pid), logFile },
    );
    await createVault(target);
  } catch (error) {
    await stopProcess(process.pid);
    throw error;
  }

  return {
    name: 'lowkey-vault',
    pids: [process.pid],
    logFile,
    env: {
      AZURE_KEYVAULT_URL: target.baseUrl,
      AZURE_KEYVAULT_CA_FILE: tls.caCert,
      // Where MSAL's IMDS source asks for managed-identity tokens (it reads this variable itself).
      AZURE_POD_IDENTITY_AUTHORITY_HOST: `http://127.0.0.1:${String(tokenPort)}`,
    },
    async reset() {
      await removeVault(target);
      await createVault(target);
    },
    stop: () => stopProcess(process.pid),
  };
}
