// The gcpsm provider through the end-to-end cases, against a real Secret Manager server (drongo, on
// loopback, plaintext REST). It checks no credentials, so a store with wrong ones cannot be shown.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { PassThroughClient } from 'google-auth-library';
import { afterAll } from 'vitest';
import { startGcpSecretManagerServer } from '../../provider-servers/gcp-secret-manager/index.ts';
import type { ProviderServer } from '../../provider-servers/types.ts';
import { describeSyncConformance, type SyncTarget } from '../../support/sync-conformance.ts';

let server: ProviderServer | undefined;
let serverDir: string | undefined;
let writer: SecretManagerServiceClient | undefined;
afterAll(async () => {
  await writer?.close();
  await server?.stop();
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

describeSyncConformance('gcpsm', { binary: true, tags: true, path: false, credentials: false }, async () => {
  serverDir = mkdtempSync(join(tmpdir(), 'ferry-gcpsm-sync-'));
  server = await startGcpSecretManagerServer({ dir: serverDir, detached: false });
  const endpoint = server.env['GCP_SECRETMANAGER_ENDPOINT'] ?? '';
  const project = server.env['GCP_PROJECT'] ?? '';
  const [host = '', port = ''] = endpoint.split(':');
  const client = new SecretManagerServiceClient({
    apiEndpoint: host,
    port: Number(port),
    fallback: true,
    protocol: 'http',
    projectId: project,
    authClient: new PassThroughClient(),
  });
  writer = client;
  const secretPath = (name: string): string => `projects/${project}/secrets/${name}`;

  const target: SyncTarget = {
    store: () =>
      Promise.resolve({
        provider: {
          gcpsm: {
            projectID: project,
            endpoint: `http://${endpoint}`,
            transport: server?.env['GCP_SECRETMANAGER_TRANSPORT'] ?? 'REST',
          },
        },
      }),
    async put(name, value, options) {
      try {
        await client.createSecret({
          parent: `projects/${project}`,
          secretId: name,
          secret: { replication: { automatic: {} }, labels: options?.tags ?? {} },
        });
      } catch (error) {
        // ALREADY_EXISTS: a new version of the same secret, as a rotation adds it.
        if ((error as { code?: number }).code !== 6) throw error;
      }
      await client.addSecretVersion({
        parent: secretPath(name),
        payload: { data: typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value) },
      });
    },
    async remove(name) {
      await client.deleteSecret({ name: secretPath(name) });
    },
  };
  return target;
});
