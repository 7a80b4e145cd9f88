import { azurekvConfigSchema } from '../config-schemas.ts';
import type { AzureKVProviderConfig, Provider } from '../types.ts';
import { createAzureKVClient } from './azurekv-client.ts';
import { azurekvCredentialRefs } from './credential-refs.ts';
import { resolveAzureConnection } from './resolve-connection.ts';

/** ESO's azurekv provider: the secrets, certificates and keys of an Azure Key Vault. */
export const azurekvProvider: Provider<AzureKVProviderConfig> = {
  name: 'azurekv',
  configSchema: azurekvConfigSchema,
  // ESO's also accepts PushSecret writes; Ferry has no push yet.
  capabilities: 'ReadOnly',
  credentialRefs: azurekvCredentialRefs,
  async newClient(config, credentials, transport) {
    // Checked before the SDK loads: a broken spec fails fast with the field it names.
    const connection = resolveAzureConnection(config, credentials);
    const { createAzureSdkPort } = await import('./azure-sdk-port.ts');
    return createAzureKVClient(createAzureSdkPort(connection, transport), connection.vaultUrl);
  },
  endpointOf: (config) => URL.parse(config.vaultUrl)?.host ?? config.vaultUrl,
  // test/bench/client-memory.ts: three Key Vault clients and their credential, built.
  clientBytes: 32 * 1024,
};
