// The vault provider through the end-to-end cases, against a real OpenBao dev server: the store
// reads KV v2 at secret/ with a token whose policy may only read and list; the test writes as root.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { afterAll } from 'vitest';
import { openBaoAdmin, startOpenBaoServer } from '../../provider-servers/openbao/index.ts';
import type { ProviderServer } from '../../provider-servers/types.ts';
import { describeSyncConformance, type SyncTarget } from '../../support/sync-conformance.ts';

let server: ProviderServer | undefined;
let serverDir: string | undefined;
afterAll(async () => {
  await server?.stop();
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

describeSyncConformance('vault', { binary: false, tags: true, path: true, credentials: true }, async () => {
  serverDir = mkdtempSync(join(tmpdir(), 'ferry-openbao-sync-'));
  server = await startOpenBaoServer({ dir: serverDir, detached: false });
  const admin = openBaoAdmin(server.env);
  const address = server.env['VAULT_ADDR'] ?? '';
  await admin.writePolicy('sync-reader', 'path "secret/*" { capabilities = ["read", "list"] }');
  const readerToken = await admin.createToken(['sync-reader']);

  const target: SyncTarget = {
    store: (namespace, { broken }) => {
      const secretName = broken ? 'vault-token-broken' : 'vault-token';
      return Promise.resolve({
        provider: {
          vault: {
            server: address,
            path: 'secret',
            version: 'v2',
            auth: { tokenSecretRef: { name: secretName, key: 'token' } },
          },
        },
        objects: [
          {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: secretName, namespace },
            stringData: { token: broken ? 's.not-a-real-token-Qx9' : readerToken },
          } as KubernetesObject,
        ],
      });
    },
    // Vault keeps maps: a plain value is stored under the field `value`, a document as its fields.
    async put(name, value, options) {
      const text = typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
      await admin.writeKv2('secret', name, { value: text });
      if (options?.tags) {
        await admin.request('POST', `secret/metadata/${name}`, { custom_metadata: options.tags });
      }
    },
    async putDocument(name, document) {
      await admin.writeKv2('secret', name, document);
    },
    async remove(name) {
      // Every version and the metadata: the secret is gone, not soft-deleted.
      await admin.request('DELETE', `secret/metadata/${name}`);
    },
    plainRef: (name) => ({ key: name, property: 'value' }),
    foundValue: (value) => JSON.stringify({ value }),
  };
  return target;
});
