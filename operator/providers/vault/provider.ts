import { vaultConfigSchema } from '../config-schemas.ts';
import type { Provider, VaultProviderConfig } from '../types.ts';
import { vaultCredentialRefs } from './credential-refs.ts';
import { resolveVaultSetup, type Authentication } from './resolve-setup.ts';
import { fixedToken, loginSession, type TokenSource } from './token-source.ts';
import { createVaultClient } from './vault-client.ts';
import { toProviderError } from './vault-errors.ts';
import type { VaultPort } from './vault-port.ts';

/** ESO's vault provider: the KV secrets engine (v1 or v2) of HashiCorp Vault or OpenBao. */
export const vaultProvider: Provider<VaultProviderConfig> = {
  name: 'vault',
  configSchema: vaultConfigSchema,
  // ESO's also accepts PushSecret writes; Ferry has no push yet.
  capabilities: 'ReadOnly',
  credentialRefs: vaultCredentialRefs,
  async newClient(config, credentials, transport) {
    // Checked before the SDK loads: a broken spec fails fast with the field it names.
    const setup = resolveVaultSetup(config, credentials);
    const { createNodeVaultPort } = await import('./node-vault-port.ts');
    const port = createNodeVaultPort(setup.connection, transport);
    return createVaultClient(port, tokenSourceFor(port, setup.authentication, setup.connection.host), {
      engine: setup.engine,
      namespace: setup.namespace,
      server: setup.connection.host,
    });
  },
  endpointOf: (config) => URL.parse(config.server)?.host ?? config.server,
  // test/bench/client-memory.ts: a node-vault client and its token session after one read.
  clientBytes: 12 * 1024,
};

/** No login happens here: the first request logs in, and later ones reuse the token. */
function tokenSourceFor(port: VaultPort, authentication: Authentication, server: string): TokenSource {
  if (authentication.kind === 'none') return fixedToken(undefined);
  if (authentication.kind === 'token') return fixedToken(authentication.token);
  const { describe, namespace, request } = authentication;
  const mapped = async <T>(action: string, login: boolean, operation: () => Promise<T>): Promise<T> => {
    try {
      return await operation();
    } catch (error) {
      throw toProviderError(error, { action, login, server });
    }
  };
  return loginSession({
    login: (signal) =>
      mapped(`log in with ${describe}`, true, () => port.login(request(), { namespace, signal })),
    renew: (token, signal) =>
      mapped('renew its token', false, () => port.renewSelf({ token, namespace, signal })),
    revoke: (token, signal) => port.revokeSelf({ token, namespace, signal }),
  });
}
