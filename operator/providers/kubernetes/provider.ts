import { kubernetesConfigSchema } from '../config-schemas.ts';
import type { KubernetesProviderConfig, Provider } from '../types.ts';
import { kubernetesCredentialRefs } from './credential-refs.ts';
import { createKubernetesClient } from './kubernetes-client.ts';
import { resolveConnection } from './resolve-connection.ts';
import { normalizeServerUrl } from './server-url.ts';

/** ESO's kubernetes provider: Secrets of a namespace of this or another cluster. */
export const kubernetesProvider: Provider<KubernetesProviderConfig> = {
  name: 'kubernetes',
  configSchema: kubernetesConfigSchema,
  // ESO's also accepts PushSecret writes; Ferry has no push yet.
  capabilities: 'ReadOnly',
  credentialRefs: kubernetesCredentialRefs,
  async newClient(config, credentials, transport) {
    // Checked before the SDK loads: a broken spec fails fast with the field it names.
    const connection = resolveConnection(config, credentials);
    const { createClientNodePort } = await import('./client-node-port.ts');
    return createKubernetesClient(
      createClientNodePort(connection, config.remoteNamespace, transport),
      config.remoteNamespace,
    );
  },
  endpointOf(config) {
    try {
      return new URL(normalizeServerUrl(config.server.url, 'server.url')).host;
    } catch {
      return 'an invalid server.url';
    }
  },
  // test/bench/client-memory.ts: a KubeConfig and two API clients.
  clientBytes: 4 * 1024,
};
