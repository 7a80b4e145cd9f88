import { X509Certificate, createPrivateKey } from 'node:crypto';
import { checkOperatorIdentityGranted, credentialText } from '../credential-checks.ts';
import { InvalidConfigError } from '../errors.ts';
import type { AzureKVProviderConfig, ResolvedCredentials } from '../types.ts';
import type { AzureConnection, AzureIdentity } from './azure-connection.ts';
import { authorityHostFor } from './cloud-endpoints.ts';
import {
  clientIdAnnotation,
  managedIdentity,
  mountedWorkloadIdentity,
  tenantIdAnnotation,
} from './credential-refs.ts';
import { isLoopbackVault, normalizeVaultUrl } from './vault-url.ts';

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The checked connection of a store: a broken spec or credential is an InvalidConfigError naming
 * its field here, before any request. `environment` is read only where ESO documents it: the
 * variables of the Azure workload identity webhook.
 */
export function resolveAzureConnection(
  config: AzureKVProviderConfig,
  credentials: ResolvedCredentials,
  environment: Environment = process.env,
): AzureConnection {
  const vaultUrl = normalizeVaultUrl(config.vaultUrl);
  const authority = authorityHostFor(config);
  return {
    vaultUrl,
    authorityHost: authority.host,
    disableInstanceDiscovery: authority.custom,
    disableChallengeResourceVerification: isLoopbackVault(vaultUrl),
    identity: identityOf(config, credentials, environment),
  };
}

function identityOf(
  config: AzureKVProviderConfig,
  credentials: ResolvedCredentials,
  environment: Environment,
): AzureIdentity {
  switch (config.authType) {
    case 'ManagedIdentity':
      checkOperatorIdentityGranted('azurekv', credentials, managedIdentity);
      return { kind: 'managedIdentity', clientId: config.identityId };
    case 'ServicePrincipal':
      return servicePrincipal(config, credentials);
    case 'WorkloadIdentity':
      return workloadIdentity(config, credentials, environment);
  }
}

function servicePrincipal(config: AzureKVProviderConfig, credentials: ResolvedCredentials): AzureIdentity {
  const auth = config.authSecretRef;
  if (!auth?.clientId || (!auth.clientSecret && !auth.clientCertificate)) {
    throw new InvalidConfigError(
      'azurekv: authType ServicePrincipal needs authSecretRef with clientId and one of clientSecret or clientCertificate',
    );
  }
  if (auth.clientSecret && auth.clientCertificate) {
    throw new InvalidConfigError(
      'azurekv: authSecretRef takes one of clientSecret or clientCertificate, not both',
    );
  }
  const tenantId = tenantOf(config, credentials, undefined, 'ServicePrincipal');
  const clientId = identifier(credentials, 'clientId', 'authSecretRef.clientId');
  if (auth.clientSecret) {
    const clientSecret = credentialText(
      'azurekv',
      credentials,
      'clientSecret',
      'authSecretRef.clientSecret',
    ).trim();
    if (clientSecret === '')
      throw new InvalidConfigError('azurekv: the client secret of authSecretRef.clientSecret is empty');
    return { kind: 'clientSecret', tenantId, clientId, clientSecret };
  }
  const certificatePem = checkedCertificateWithKey(
    credentialText('azurekv', credentials, 'clientCertificate', 'authSecretRef.clientCertificate'),
  );
  return { kind: 'clientCertificate', tenantId, clientId, certificatePem };
}

function workloadIdentity(
  config: AzureKVProviderConfig,
  credentials: ResolvedCredentials,
  environment: Environment,
): AzureIdentity {
  if (!config.serviceAccountRef) {
    checkOperatorIdentityGranted('azurekv', credentials, mountedWorkloadIdentity);
    const missing = ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_FEDERATED_TOKEN_FILE'].filter(
      (name) => !environment[name],
    );
    if (missing.length > 0) {
      throw new InvalidConfigError(
        `azurekv: authType WorkloadIdentity without serviceAccountRef uses the operator's own workload identity, but ${missing.join(', ')} is not set; label the operator's pod azure.workload.identity/use: "true" or set serviceAccountRef`,
      );
    }
    return { kind: 'mountedWorkloadIdentity' };
  }
  const serviceAccountToken = credentialText(
    'azurekv',
    credentials,
    'serviceAccountToken',
    'serviceAccountRef',
  ).trim();
  if (serviceAccountToken === '')
    throw new InvalidConfigError('azurekv: the ServiceAccount token of serviceAccountRef is empty');
  return {
    kind: 'workloadIdentityToken',
    // ESO's last resort for the tenant is the webhook's variable.
    tenantId: tenantOf(config, credentials, environment['AZURE_TENANT_ID'], 'WorkloadIdentity'),
    clientId: identifier(
      credentials,
      'clientId',
      config.authSecretRef?.clientId
        ? 'authSecretRef.clientId'
        : `the ServiceAccount's ${clientIdAnnotation} annotation`,
    ),
    serviceAccountToken,
  };
}

function tenantOf(
  config: AzureKVProviderConfig,
  credentials: ResolvedCredentials,
  fallback: string | undefined,
  authType: string,
): string {
  if (config.tenantId !== undefined) return checkedIdentifier(config.tenantId, 'tenantId');
  if (config.authSecretRef?.tenantId) return identifier(credentials, 'tenantId', 'authSecretRef.tenantId');
  // WorkloadIdentity's ServiceAccount annotation, when the ServiceAccount carries one.
  if (credentials['tenantId'] !== undefined) {
    return identifier(credentials, 'tenantId', `the ServiceAccount's ${tenantIdAnnotation} annotation`);
  }
  if (fallback) return checkedIdentifier(fallback, 'AZURE_TENANT_ID');
  const alternatives =
    authType === 'WorkloadIdentity'
      ? `, the ServiceAccount's ${tenantIdAnnotation} annotation or the webhook's AZURE_TENANT_ID`
      : '';
  throw new InvalidConfigError(
    `azurekv: authType ${authType} needs tenantId (or authSecretRef.tenantId${alternatives})`,
  );
}

function identifier(credentials: ResolvedCredentials, name: string, field: string): string {
  return checkedIdentifier(credentialText('azurekv', credentials, name, field), field);
}

// Tenant and client ids are GUIDs or domain names; checking them keeps stray bytes out of URLs.
function checkedIdentifier(raw: string, field: string): string {
  const value = raw.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/.test(value)) {
    throw new InvalidConfigError(`azurekv: ${field} is not a tenant or client ID (a GUID or a domain name)`);
  }
  return value;
}

function checkedCertificateWithKey(pem: string): string {
  const field = 'authSecretRef.clientCertificate';
  try {
    new X509Certificate(pem);
  } catch {
    throw new InvalidConfigError(
      `azurekv: ${field} holds no PEM certificate ("-----BEGIN CERTIFICATE-----")`,
    );
  }
  try {
    createPrivateKey(pem);
  } catch {
    // No cause kept: the parse error of a key is not worth the risk of carrying key material.
    throw new InvalidConfigError(`azurekv: ${field} holds no PEM private key beside its certificate`);
  }
  return pem;
}
