import { awsConfigSchema } from '../config-schemas.ts';
import type { AWSProviderConfig, Provider } from '../types.ts';
import { awsCredentialRefs } from './credential-refs.ts';
import { resolveConnection } from './resolve-connection.ts';
import { createSecretsManagerClient } from './secrets-manager-client.ts';

/** ESO's aws provider: AWS Secrets Manager (ParameterStore is not supported yet). */
export const awsProvider: Provider<AWSProviderConfig> = {
  name: 'aws',
  configSchema: awsConfigSchema,
  // ESO's also accepts PushSecret writes; Ferry has no push yet.
  capabilities: 'ReadOnly',
  credentialRefs: awsCredentialRefs,
  async newClient(config, credentials) {
    // Checked before the SDK loads: a broken spec fails fast with the field it names.
    const connection = resolveConnection(config, credentials);
    const { createSdkPort } = await import('./sdk-port.ts');
    return createSecretsManagerClient(createSdkPort(connection), { prefix: config.prefix });
  },
};
