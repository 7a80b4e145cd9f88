// An OpenBao dev server: the Vault API the vault provider is tested against. In memory and
// unsealed, with a random root token (unless the caller fixes one), a plain HTTP listener (on the
// caller's port, else a free one) and a TLS listener on a free port (which asks for client
// certificates, so the cert auth method works). Both listen on loopback only.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ComponentProcess,
  freeLoopbackPort,
  generatePki,
  httpGet,
  isRunning,
  startComponent,
  stopProcess,
  waitForHealthy,
} from '../../controlplane/index.ts';
import type { ProviderServer, ProviderServerOptions } from '../types.ts';
import { provideOpenBao } from './binaries.ts';

export interface OpenBaoServerOptions extends ProviderServerOptions {
  /** The dev server's root token; a random one when not given. */
  rootToken?: string | undefined;
}

export async function startOpenBaoServer(options: OpenBaoServerOptions): Promise<ProviderServer> {
  const bin = await provideOpenBao();
  const pkiDir = join(options.dir, 'openbao-pki');
  mkdirSync(pkiDir, { recursive: true });
  // A CA, a serving certificate for 127.0.0.1 and a client certificate ("admin") signed by it.
  const pki = await generatePki(pkiDir);
  const [httpPort, tlsPort] = [options.port ?? (await freeLoopbackPort()), await freeLoopbackPort()];
  const address = `http://127.0.0.1:${String(httpPort)}`;
  const tlsAddress = `https://127.0.0.1:${String(tlsPort)}`;
  const rootToken = options.rootToken ?? `root-${randomBytes(16).toString('hex')}`;
  const configFile = join(options.dir, 'openbao.hcl');
  // Clustering off: otherwise each listener also binds its port + 1 for cluster traffic.
  writeFileSync(
    configFile,
    [
      'disable_clustering = true',
      'listener "tcp" {',
      `  address = "127.0.0.1:${String(tlsPort)}"`,
      `  tls_cert_file = "${pki.servingCert}"`,
      `  tls_key_file = "${pki.servingKey}"`,
      '}',
      '',
    ].join('\n'),
  );
  const logFile = join(options.dir, 'openbao.log');
  const args = [
    'server',
    '-dev',
    `-dev-root-token-id=${rootToken}`,
    `-dev-listen-address=127.0.0.1:${String(httpPort)}`,
    '-dev-no-store-token',
    `-config=${configFile}`,
  ];

  const start = async (): Promise<ComponentProcess> => {
    const bao = startComponent('openbao', bin, args, logFile, { detached: options.detached });
    try {
      await waitForHealthy('openbao', () => httpGet(`${address}/v1/sys/health`), {
        timeoutMs: 60_000,
        alive: () => isRunning(bao.pid),
        logFile,
      });
    } catch (error) {
      await stopProcess(bao.pid);
      throw error;
    }
    return bao;
  };

  let bao = await start();
  const pids = [bao.pid];
  return {
    name: 'openbao',
    pids,
    logFile,
    env: {
      VAULT_ADDR: address,
      VAULT_TOKEN: rootToken,
      // The same for the `bao` CLI.
      BAO_ADDR: address,
      BAO_TOKEN: rootToken,
      // The TLS listener, the CA that signed its certificate, and a client certificate of that CA.
      VAULT_TLS_ADDR: tlsAddress,
      VAULT_TLS_CA_CERT: pki.caCert,
      VAULT_TLS_CLIENT_CERT: pki.adminCert,
      VAULT_TLS_CLIENT_KEY: pki.adminKey,
    },
    // The dev server keeps everything in memory: a restart is a fresh server, same ports and token.
    async reset() {
      await stopProcess(bao.pid);
      bao = await start();
      pids.splice(0, pids.length, bao.pid);
    },
    stop: () => stopProcess(bao.pid),
  };
}
