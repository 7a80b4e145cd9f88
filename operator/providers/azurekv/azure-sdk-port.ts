// The VaultPort over the Azure SDK. Imported lazily by the provider, so @azure/identity and the
// Key Vault clients load only when an azurekv store is used.
import {
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import { CertificateClient } from '@azure/keyvault-certificates';
import { KeyClient, type JsonWebKey } from '@azure/keyvault-keys';
import { SecretClient } from '@azure/keyvault-secrets';
import type { Agent } from 'node:http';
import { AuthError, SecretNotFoundError } from '../errors.ts';
import type { ProviderTransport } from '../types.ts';
import { toProviderError, type FailedVaultRequest } from './azure-error.ts';
import type { AzureConnection } from './azure-connection.ts';
import type { VaultObjectMetadata, VaultPort } from './vault-port.ts';

/** The newest Key Vault API version every Azure cloud and Lowkey Vault 7.x (the tests' server) serve. */
export const keyVaultServiceVersion = '7.6';
// A few quick retries inside the SDK; the controller's backoff handles longer outages.
const retryOptions = { maxRetries: 2, retryDelayInMs: 500, maxRetryDelayInMs: 4_000 };
// A name no one gives a secret: validate() asks for it to learn whether reads are allowed.
const validationProbeName = 'ferry-validate-access-probe';

export function createAzureSdkPort(connection: AzureConnection, transport: ProviderTransport): VaultPort {
  // Key Vault and Azure AD are https only; their connections go through the shared agent.
  const agent = transport.agent('https:');
  // One credential for the three clients: it caches its token and refreshes it before expiry
  // (single-flight in each client's challenge policy), so a reconcile never logs in. A managed
  // identity's endpoint is the node's, over plain http (IMDS), so it gets the http agent.
  const credential = credentialFor(connection, agent, transport.agent('http:'));
  const clientOptions = {
    serviceVersion: keyVaultServiceVersion,
    disableChallengeResourceVerification: connection.disableChallengeResourceVerification,
    retryOptions,
    agent,
  } as const;
  const secrets = new SecretClient(connection.vaultUrl, credential, clientOptions);
  const certificates = new CertificateClient(connection.vaultUrl, credential, clientOptions);
  const keys = new KeyClient(connection.vaultUrl, credential, clientOptions);
  const { vaultUrl } = connection;

  const call = async <T>(
    signal: AbortSignal,
    request: Omit<FailedVaultRequest, 'vaultUrl'>,
    send: (abortSignal: AbortSignal) => Promise<T>,
  ): Promise<T> => {
    // The signal ends at the store-client layer's deadline (connect and response timeouts).
    signal.throwIfAborted();
    try {
      return await send(signal);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw toProviderError(error, { ...request, vaultUrl });
    }
  };
  const about = (noun: string, name: string, version: string | undefined) => {
    const what = `${noun} "${name}"${version === undefined ? '' : ` version "${version}"`}`;
    return { action: `get ${what}`, notFound: `${what} not found in ${vaultUrl}` };
  };

  return {
    async getSecret(name, version, signal) {
      const secret = await call(signal, about('secret', name, version), (abortSignal) =>
        secrets.getSecret(name, { abortSignal, ...(version === undefined ? {} : { version }) }),
      );
      return { ...metadataOf(secret.properties), value: secret.value ?? '' };
    },
    async getCertificate(name, version, signal) {
      const certificate = await call(signal, about('certificate', name, version), (abortSignal) =>
        version === undefined
          ? certificates.getCertificate(name, { abortSignal })
          : certificates.getCertificateVersion(name, version, { abortSignal }),
      );
      return { ...metadataOf(certificate.properties), cer: certificate.cer ?? new Uint8Array() };
    },
    async getKey(name, version, signal) {
      const key = await call(signal, about('key', name, version), (abortSignal) =>
        keys.getKey(name, { abortSignal, ...(version === undefined ? {} : { version }) }),
      );
      return { ...metadataOf(key.properties), jwk: wireJsonWebKey(key.key ?? {}) };
    },
    async listSecrets(signal) {
      return call(
        signal,
        { action: 'list secrets', notFound: `no vault at ${vaultUrl}` },
        async (abortSignal) => {
          const listed: { name: string; enabled: boolean; tags: Record<string, string> }[] = [];
          for await (const properties of secrets.listPropertiesOfSecrets({ abortSignal })) {
            listed.push({
              name: properties.name,
              enabled: properties.enabled !== false,
              tags: { ...properties.tags },
            });
          }
          return listed;
        },
      );
    },
    async maySecretsBeRead(signal) {
      try {
        await call(signal, about('secret', validationProbeName, undefined), (abortSignal) =>
          secrets.getSecret(validationProbeName, { abortSignal }),
        );
        return true;
      } catch (error) {
        // Authenticated and allowed to get: the vault says what it has, not that we may not ask.
        if (error instanceof SecretNotFoundError) return true;
        if (error instanceof AuthError) return false;
        throw error;
      }
    },
    close: () => Promise.resolve(),
  };
}

function credentialFor(
  connection: AzureConnection,
  agent: Agent,
  identityEndpointAgent: Agent,
): TokenCredential {
  const { identity } = connection;
  const options = {
    authorityHost: connection.authorityHost,
    disableInstanceDiscovery: connection.disableInstanceDiscovery,
    additionallyAllowedTenants: [],
    retryOptions,
    agent,
  };
  switch (identity.kind) {
    case 'clientSecret':
      return new ClientSecretCredential(identity.tenantId, identity.clientId, identity.clientSecret, options);
    case 'clientCertificate':
      return new ClientCertificateCredential(
        identity.tenantId,
        identity.clientId,
        { certificate: identity.certificatePem },
        options,
      );
    case 'workloadIdentityToken': {
      const token = identity.serviceAccountToken;
      return new ClientAssertionCredential(
        identity.tenantId,
        identity.clientId,
        () => Promise.resolve(token),
        options,
      );
    }
    case 'mountedWorkloadIdentity':
      // The webhook's AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE, as ESO reads them.
      return new WorkloadIdentityCredential(options);
    case 'managedIdentity':
      // The node's identity endpoint (IMDS, or what AZURE_POD_IDENTITY_AUTHORITY_HOST names).
      return new ManagedIdentityCredential({
        retryOptions,
        agent: identityEndpointAgent,
        ...(identity.clientId === undefined ? {} : { clientId: identity.clientId }),
      });
  }
}

/** What the SDK's SecretProperties, KeyProperties and CertificateProperties have in common. */
interface SdkProperties {
  tags?: Record<string, string> | undefined;
  createdOn?: Date | undefined;
  updatedOn?: Date | undefined;
  expiresOn?: Date | undefined;
  notBefore?: Date | undefined;
}

function metadataOf(properties: SdkProperties): VaultObjectMetadata {
  return {
    tags: { ...properties.tags },
    createdOn: properties.createdOn,
    updatedOn: properties.updatedOn,
    expiresOn: properties.expiresOn,
    notBefore: properties.notBefore,
  };
}

// The SDK turns the wire JWK into camelCase fields and bytes; ESO returns the wire form (base64url
// members, `key_ops`), in Key Vault's field order.
function wireJsonWebKey(key: JsonWebKey): Record<string, unknown> {
  const base64url = (bytes: Uint8Array | undefined) =>
    bytes === undefined ? undefined : Buffer.from(bytes).toString('base64url');
  const wire: Record<string, unknown> = {
    kid: key.kid,
    kty: key.kty,
    key_ops: key.keyOps,
    n: base64url(key.n),
    e: base64url(key.e),
    crv: key.crv,
    x: base64url(key.x),
    y: base64url(key.y),
  };
  return Object.fromEntries(Object.entries(wire).filter(([, value]) => value !== undefined));
}
