// The azurekv provider through the end-to-end cases, against a real Lowkey Vault (Azure Key Vault's
// data plane, from its jar): the store logs in as the managed identity Lowkey Vault's token endpoint
// serves, over HTTPS verified against the server's CA. Lowkey Vault accepts any bearer token, so a
// store with wrong credentials cannot be shown; Key Vault secrets are text, and names hold no `/`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import {
  isLowkeyVaultAvailable,
  lowkeyVaultSeeder,
  startLowkeyVault,
  trustLowkeyVaultCa,
} from '../../provider-servers/lowkey-vault/index.ts';
import { requiredEnv } from '../../provider-servers/required-env.ts';
import type { ProviderServer } from '../../provider-servers/types.ts';
import { describeSyncConformance, type SyncTarget } from '../../support/sync-conformance.ts';

let server: ProviderServer | undefined;
let serverDir: string | undefined;
afterAll(async () => {
  await server?.stop();
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

// Lowkey Vault's jar is not served by the Maven registry this machine reaches, so it cannot be
// installed here from the project's own files: these cases run where FERRY_LOWKEY_VAULT_JAR (or the
// cache) provides one, and are reported as skipped, with this reason, everywhere else.
const lowkeyVaultAvailable = await isLowkeyVaultAvailable('azurekv sync');

describe.runIf(lowkeyVaultAvailable)('azurekv (Lowkey Vault)', () => {
  describeSyncConformance(
    'azurekv',
    { binary: false, tags: true, path: false, credentials: false },
    async () => {
      serverDir = mkdtempSync(join(tmpdir(), 'ferry-lowkey-vault-sync-'));
      server = await startLowkeyVault({ dir: serverDir, detached: false });
      trustLowkeyVaultCa(server.env);
      const seeder = lowkeyVaultSeeder(server.env);
      const vaultUrl = requiredEnv(server.env, 'AZURE_KEYVAULT_URL');

      const target: SyncTarget = {
        store: () => Promise.resolve({ provider: { azurekv: { authType: 'ManagedIdentity', vaultUrl } } }),
        async put(name, value, options) {
          if (typeof value !== 'string') throw new Error('Key Vault secrets are text; put a string');
          // Each set is a new version, as a rotation adds it; its tags are the secret's from then on.
          await seeder.setSecret(name, value, options?.tags ? { tags: options.tags } : {});
        },
        remove: (name) => seeder.deleteSecret(name),
        // The operator trusts the server's CA and asks its token endpoint for managed-identity tokens.
        operatorEnv: {
          NODE_EXTRA_CA_CERTS: requiredEnv(server.env, 'AZURE_KEYVAULT_CA_FILE'),
          AZURE_POD_IDENTITY_AUTHORITY_HOST: requiredEnv(server.env, 'AZURE_POD_IDENTITY_AUTHORITY_HOST'),
        },
      };
      return target;
    },
  );
});
