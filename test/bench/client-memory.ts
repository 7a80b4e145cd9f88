// Where a store's memory goes: heap and RSS per 100 provider clients, built the way the store-client
// layer builds them and each used for one read. Prints figures; asserts nothing.
//
//   node --expose-gc test/bench/client-memory.ts [--n=500] [--provider=aws,vault,fake,kubernetes,gcpsm,azurekv]
//
// aws reads from a moto server started for the run, vault from an OpenBao dev server; kubernetes,
// gcpsm and azurekv are built only (no server is started for them), so their figures are the
// client's own cost before it opens a connection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { getProvider, type SecretsClient } from '../../operator/providers/index.ts';
import { startMotoServer } from '../provider-servers/moto/index.ts';
import { startOpenBaoServer } from '../provider-servers/openbao/index.ts';
import type { ProviderServer } from '../provider-servers/types.ts';
import { testTransport } from '../support/provider-transport.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '500' },
    provider: { type: 'string', default: 'fake,kubernetes,aws,vault,gcpsm,azurekv' },
  },
});
const n = Number(values.n);
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

interface Setup {
  config: unknown;
  credentials: Record<string, Uint8Array>;
  /** One read each client makes after it is built; none: built only. */
  read?: (client: SecretsClient) => Promise<unknown>;
}

const servers: { server: ProviderServer; dir: string }[] = [];
async function started(start: typeof startMotoServer): Promise<ProviderServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-client-memory-'));
  const server = await start({ dir, detached: false });
  servers.push({ server, dir });
  return server;
}

const signal = new AbortController().signal;
const setups: Record<string, () => Promise<Setup>> = {
  fake: () =>
    Promise.resolve({
      config: { data: [{ key: 'k', value: 'v' }] },
      credentials: {},
      read: (client) => client.getSecret({ key: 'k' }, signal),
    }),
  kubernetes: () =>
    Promise.resolve({
      config: {
        server: { url: 'https://127.0.0.1:1' },
        remoteNamespace: 'default',
        auth: { token: { bearerToken: { name: 't', key: 'token' } } },
      },
      credentials: { token: bytes('not-a-token') },
    }),
  gcpsm: () =>
    Promise.resolve({
      config: {
        projectID: 'p',
        auth: { secretRef: { secretAccessKeySecretRef: { name: 's', key: 'k' } } },
      },
      credentials: {
        serviceAccountKey: bytes(
          JSON.stringify({
            type: 'service_account',
            client_email: 'bench@p.iam.gserviceaccount.com',
            private_key: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n',
          }),
        ),
      },
    }),
  azurekv: () =>
    Promise.resolve({
      config: {
        vaultUrl: 'https://bench.vault.azure.net',
        tenantId: '00000000-0000-0000-0000-000000000000',
        authSecretRef: { clientId: { name: 's', key: 'id' }, clientSecret: { name: 's', key: 'secret' } },
      },
      credentials: { clientId: bytes('00000000-0000-0000-0000-000000000001'), clientSecret: bytes('x') },
    }),
  aws: async () => {
    const server = await started(startMotoServer);
    const endpoint = server.env['AWS_ENDPOINT_URL'] ?? '';
    const region = server.env['AWS_REGION'] ?? '';
    const accessKeyId = server.env['AWS_ACCESS_KEY_ID'] ?? '';
    const secretAccessKey = server.env['AWS_SECRET_ACCESS_KEY'] ?? '';
    const seed = new SecretsManagerClient({
      region,
      endpoint,
      credentials: { accessKeyId, secretAccessKey },
    });
    await seed.send(new CreateSecretCommand({ Name: 'bench', SecretString: 'value' }));
    seed.destroy();
    return {
      config: {
        service: 'SecretsManager',
        region,
        endpoint,
        auth: {
          secretRef: {
            accessKeyIDSecretRef: { name: 'aws', key: 'id' },
            secretAccessKeySecretRef: { name: 'aws', key: 'secret' },
          },
        },
      },
      credentials: { accessKeyID: bytes(accessKeyId), secretAccessKey: bytes(secretAccessKey) },
      read: (client) => client.getSecret({ key: 'bench' }, signal),
    };
  },
  vault: async () => {
    const server = await started(startOpenBaoServer);
    const address = server.env['VAULT_ADDR'] ?? '';
    const token = server.env['VAULT_TOKEN'] ?? '';
    await fetch(`${address}/v1/secret/data/bench`, {
      method: 'POST',
      headers: { 'X-Vault-Token': token },
      body: JSON.stringify({ data: { value: 'v' } }),
    });
    return {
      config: { server: address, path: 'secret', auth: { tokenSecretRef: { name: 'v', key: 'token' } } },
      credentials: { token: bytes(token) },
      read: (client) => client.getSecret({ key: 'bench' }, signal),
    };
  },
};

function measure(): { heapMiB: number; rssMiB: number; externalMiB: number } {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  const mib = (value: number): number => Math.round((value / 1048576) * 10) / 10;
  return { heapMiB: mib(usage.heapUsed), rssMiB: mib(usage.rss), externalMiB: mib(usage.external) };
}

async function run(): Promise<void> {
  for (const name of values.provider.split(',')) {
    const provider = getProvider(name);
    const setup = setups[name];
    if (!provider || !setup) throw new Error(`unknown provider ${name}`);
    const { config, credentials, read } = await setup();
    const parsed = provider.configSchema.parse(config);
    // The SDK's modules load with the first client: measured apart from what each client costs.
    const first = await provider.newClient(parsed, credentials, testTransport);
    if (read) await read(first);
    const before = measure();
    const clients: SecretsClient[] = [first];
    for (let index = 1; index <= n; index++) {
      const client = await provider.newClient(parsed, credentials, testTransport);
      if (read) await read(client);
      clients.push(client);
    }
    const after = measure();
    const per100 = (delta: number): number => Math.round((delta / n) * 100 * 10) / 10;
    process.stdout.write(
      `${name.padEnd(10)} ${read ? 'built+read' : 'built only'}  per 100 clients: heap +${per100(after.heapMiB - before.heapMiB)} MiB, ` +
        `external +${per100(after.externalMiB - before.externalMiB)} MiB, rss +${per100(after.rssMiB - before.rssMiB)} MiB ` +
        `(heap ${before.heapMiB} → ${after.heapMiB} MiB for ${n})\n`,
    );
    await Promise.all(clients.map((client) => client.close()));
  }
}

try {
  await run();
} finally {
  for (const { server, dir } of servers) {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
