import { awsConfigSchema } from '../config-schemas.ts';
import type { AWSProviderConfig, Provider } from '../types.ts';
import { awsCredentialRefs } from './credential-refs.ts';
import { resolveConnection } from './resolve-connection.ts';
import { endpointLabel } from './sdk-options.ts';
import { createSecretsManagerClient } from './secrets-manager-client.ts';

/** ESO's aws provider: AWS Secrets Manager (ParameterStore is not supported yet). */
export const awsProvider: Provider<AWSProviderConfig> = {
  name: 'aws',
  configSchema: awsConfigSchema,
  // ESO's also accepts PushSecret writes; Ferry has no push yet.
  capabilities: 'ReadOnly',
  credentialRefs: awsCredentialRefs,
  async newClient(config, credentials, transport) {
    // Checked before the SDK loads: a broken spec fails fast with the field it names.
    const connection = resolveConnection(config, credentials);
    const { createSdkPort } = await import('./sdk-port.ts');
    return createSecretsManagerClient(createSdkPort(connection, transport), { prefix: config.prefix });
  },
  endpointOf: (config) => endpointLabel(config.region, config.endpoint),
  // test/bench/client-memory.ts: a SecretsManagerClient after one read, agents shared.
  clientBytes: 24 * 1024,
};
