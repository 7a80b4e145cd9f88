// The azurekv provider through the end-to-end cases, against a real Lowkey Vault 7.x (Azure Key
// Vault's data plane, from its jar): the store logs in as the managed identity Lowkey Vault's token
// endpoint serves, over HTTPS verified against the server's CA. Key Vault secrets are text, and
// names hold no `/`. Lowkey Vault accepts any bearer token, so wrong credentials are those of a
// service principal whose login is refused: its authority is a real HTTPS server (the vault's) that
// is not Azure AD, which no local server can play.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { afterAll, describe } from 'vitest';
import {
  isLowkeyVaultAvailable,
  lowkeyVaultSeeder,
  startLowkeyVault,
  trustLowkeyVaultCa,
} from '../../provider-servers/lowkey-vault/index.ts';
import { requiredEnv } from '../../provider-servers/required-env.ts';
import type { ProviderServer } from '../../provider-servers/types.ts';
import { describeSyncConformance, type StoreSetup, type SyncTarget } from '../../support/sync-conformance.ts';

const refusedClientSecret = 'sp-client-secret-Never-Shown-8Wq';

/** A service principal store whose login is refused, with the Secret holding its client secret. */
function refusedServicePrincipal(namespace: string, vaultUrl: string): StoreSetup {
  return {
    provider: {
      azurekv: {
        vaultUrl,
        tenantId: 'contoso.onmicrosoft.com',
        environmentType: 'AzureStackCloud',
        customCloudConfig: { activeDirectoryEndpoint: `${vaultUrl}/` },
        authSecretRef: {
          clientId: { name: 'azure-sp', key: 'client-id' },
          clientSecret: { name: 'azure-sp', key: 'client-secret' },
        },
      },
    },
    objects: [
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'azure-sp', namespace },
        stringData: {
          'client-id': '00000000-0000-0000-0000-000000000003',
          'client-secret': refusedClientSecret,
        },
      } as KubernetesObject,
    ],
    secretValues: [refusedClientSecret],
  };
}

let server: ProviderServer | undefined;
let serverDir: string | undefined;
afterAll(async () => {
  await server?.stop();
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

// `make test-tools` stops CI without Lowkey Vault's jar; a direct run without one skips, saying so.
const lowkeyVaultAvailable = await isLowkeyVaultAvailable('azurekv sync');

describe.runIf(lowkeyVaultAvailable)('azurekv (Lowkey Vault)', () => {
  describeSyncConformance(
    'azurekv',
    { binary: false, tags: true, path: false, credentials: true },
    async () => {
      serverDir = mkdtempSync(join(tmpdir(), 'ferry-lowkey-vault-sync-'));
      server = await startLowkeyVault({ dir: serverDir, detached: false });
      trustLowkeyVaultCa(server.env);
      const seeder = lowkeyVaultSeeder(server.env);
      const vaultUrl = requiredEnv(server.env, 'AZURE_KEYVAULT_URL');

      const target: SyncTarget = {
        store: (namespace, { broken }) =>
          Promise.resolve(
            broken
              ? refusedServicePrincipal(namespace, vaultUrl)
              : { provider: { azurekv: { authType: 'ManagedIdentity', vaultUrl } } },
          ),
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
          // A managed identity is the operator's own: a namespaced SecretStore may use it only so.
          FERRY_NAMESPACED_STORES_AMBIENT_CREDENTIALS: 'true',
        },
      };
      return target;
    },
  );
});
