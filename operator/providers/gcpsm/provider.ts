import { gcpsmConfigSchema } from '../config-schemas.ts';
import { InvalidConfigError } from '../errors.ts';
import type { GCPSMProviderConfig, Provider } from '../types.ts';
import { gcpsmCredentialRefs } from './credential-refs.ts';
import { createGcpsmClient } from './gcpsm-client.ts';
import { resolveAuth } from './resolve-auth.ts';
import { resolveServiceEndpoint } from './service-endpoint.ts';

/** ESO's gcpsm provider: Google Secret Manager, global or regional secrets of one project. */
export const gcpsmProvider: Provider<GCPSMProviderConfig> = {
  name: 'gcpsm',
  configSchema: gcpsmConfigSchema,
  // ESO's also accepts PushSecret writes; Ferry has no push yet.
  capabilities: 'ReadOnly',
  credentialRefs: gcpsmCredentialRefs,
  async newClient(config, credentials, transport) {
    // Checked before the SDK loads: a broken spec fails fast with the field it names.
    const projectID = config.projectID ?? config.auth.workloadIdentity?.clusterProjectID;
    if (projectID === undefined) {
      throw new InvalidConfigError(
        'gcpsm: projectID is required (Ferry does not ask the metadata server for the project)',
      );
    }
    const endpoint = resolveServiceEndpoint(config);
    const auth = resolveAuth(config, credentials, endpoint);
    const scope = { projectID, location: config.location };
    const { createSdkPort } = await import('./sdk-port.ts');
    const port = createSdkPort({
      endpoint,
      transport: config.transport,
      auth,
      projectID,
      scope:
        config.location === undefined
          ? `project "${projectID}"`
          : `project "${projectID}" location "${config.location}"`,
      // gRPC and gax's REST fallback open their own connections (google-gax keeps one keep-alive
      // agent for all clients): a call's deadline bounds its connect too.
      callTimeoutMs: transport.responseTimeoutMs,
    });
    return createGcpsmClient(port, {
      scope,
      secretVersionSelectionPolicy: config.secretVersionSelectionPolicy,
    });
  },
  endpointOf(config) {
    try {
      const { host, port } = resolveServiceEndpoint(config);
      return `${host}:${String(port)}`;
    } catch {
      return 'an invalid endpoint';
    }
  },
  // test/bench/client-memory.ts: a SecretManagerServiceClient and its auth client, built.
  clientBytes: 20 * 1024,
};
