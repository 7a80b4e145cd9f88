import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../errors.ts';
import { azurekvConfigSchema } from '../config-schemas.ts';
import type { AzureKVProviderConfig, ResolvedCredentials } from '../types.ts';
import { azurekvCredentialRefs } from './credential-refs.ts';
import { resolveAzureConnection } from './resolve-connection.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const config = (spec: Record<string, unknown>): AzureKVProviderConfig =>
  azurekvConfigSchema.parse({ vaultUrl: 'https://my-vault.vault.azure.net', ...spec });
const servicePrincipal = {
  tenantId: 'contoso.onmicrosoft.com',
  authSecretRef: { clientId: { name: 'sp', key: 'id' }, clientSecret: { name: 'sp', key: 'secret' } },
};
/** The controller's grant of the operator's own identity (a ClusterSecretStore, or the flag). */
const granted: ResolvedCredentials = { operatorIdentity: new Uint8Array(0) };
const spCredentials: ResolvedCredentials = { clientId: bytes(' app-id\n'), clientSecret: bytes('s3cret\n') };

describe('azurekvCredentialRefs', () => {
  it('asks for the service principal’s Secret keys by the names resolveAzureConnection reads', () => {
    expect(azurekvCredentialRefs(config(servicePrincipal))).toEqual([
      { name: 'clientId', kind: 'secretKey', secretName: 'sp', key: 'id', namespace: undefined },
      { name: 'clientSecret', kind: 'secretKey', secretName: 'sp', key: 'secret', namespace: undefined },
    ]);
  });

  it('asks for a ServiceAccount token for api://AzureADTokenExchange, then the extra audiences', () => {
    const refs = azurekvCredentialRefs(
      config({
        authType: 'WorkloadIdentity',
        serviceAccountRef: { name: 'wi', namespace: 'ops', audiences: ['extra'] },
        authSecretRef: { clientId: { name: 'wi', key: 'client-id' } },
      }),
    );
    expect(refs).toContainEqual({
      name: 'serviceAccountToken',
      kind: 'serviceAccountToken',
      serviceAccountName: 'wi',
      namespace: 'ops',
      audiences: ['api://AzureADTokenExchange', 'extra'],
    });
  });

  it('without ids in a Secret, reads them from the ServiceAccount’s workload identity annotations, as ESO', () => {
    const annotation = (name: string, key: string, optional: boolean): unknown => ({
      name,
      kind: 'serviceAccountAnnotation',
      serviceAccountName: 'wi',
      namespace: 'ops',
      annotation: key,
      optional,
    });
    const serviceAccountRef = { name: 'wi', namespace: 'ops' };
    expect(azurekvCredentialRefs(config({ authType: 'WorkloadIdentity', serviceAccountRef }))).toEqual([
      annotation('clientId', 'azure.workload.identity/client-id', false),
      annotation('tenantId', 'azure.workload.identity/tenant-id', true),
      expect.objectContaining({ name: 'serviceAccountToken' }),
    ]);
    // A tenant in the spec or a Secret wins: no annotation is read for it.
    const withTenant = azurekvCredentialRefs(
      config({ authType: 'WorkloadIdentity', serviceAccountRef, tenantId: 'contoso.onmicrosoft.com' }),
    );
    expect(withTenant.map((ref) => ref.name)).toEqual(['clientId', 'serviceAccountToken']);
  });

  it('asks for the operator’s own identity for a managed identity or a mounted workload identity, and a key for every selector', () => {
    for (const spec of [{ authType: 'ManagedIdentity' }, { authType: 'WorkloadIdentity' }]) {
      expect(azurekvCredentialRefs(config(spec)).map((ref) => ref.kind)).toEqual(['operatorIdentity']);
    }
    const withAccount = azurekvCredentialRefs(
      config({ authType: 'WorkloadIdentity', serviceAccountRef: { name: 'wi' } }),
    );
    expect(withAccount.map((ref) => ref.kind)).not.toContain('operatorIdentity');
    expect(() =>
      azurekvCredentialRefs(
        config({
          ...servicePrincipal,
          authSecretRef: { ...servicePrincipal.authSecretRef, clientId: { name: 'sp' } },
        }),
      ),
    ).toThrow('azurekv: authSecretRef.clientId.key is required: name the key of Secret "sp" to read');
  });
});

describe('resolveAzureConnection', () => {
  it('trims the service principal’s credentials and keeps SDK verification of the challenge for a cloud vault', () => {
    expect(resolveAzureConnection(config(servicePrincipal), spCredentials, {})).toEqual({
      vaultUrl: 'https://my-vault.vault.azure.net',
      authorityHost: 'https://login.microsoftonline.com',
      disableInstanceDiscovery: false,
      disableChallengeResourceVerification: false,
      identity: {
        kind: 'clientSecret',
        tenantId: 'contoso.onmicrosoft.com',
        clientId: 'app-id',
        clientSecret: 's3cret',
      },
    });
  });

  it('skips the challenge check only for a vault on loopback', () => {
    for (const [vaultUrl, skipped] of [
      ['https://127.0.0.1:8443', true],
      ['https://localhost:8443/', true],
      ['https://[::1]:8443', true],
      ['https://evil.example', false],
    ] as const) {
      const connection = resolveAzureConnection(
        config({ authType: 'ManagedIdentity', vaultUrl }),
        granted,
        {},
      );
      expect(connection.disableChallengeResourceVerification).toBe(skipped);
    }
  });

  it('picks the authority of the cloud, or of customCloudConfig', () => {
    const authority = (spec: Record<string, unknown>) =>
      resolveAzureConnection(config({ authType: 'ManagedIdentity', ...spec }), granted, {}).authorityHost;
    expect(authority({ environmentType: 'ChinaCloud' })).toBe('https://login.chinacloudapi.cn');
    expect(authority({ environmentType: 'USGovernmentCloud' })).toBe('https://login.microsoftonline.us');
    const stack = resolveAzureConnection(
      config({
        authType: 'ManagedIdentity',
        environmentType: 'AzureStackCloud',
        customCloudConfig: { activeDirectoryEndpoint: 'https://adfs.local.azurestack.external/adfs/' },
      }),
      granted,
      {},
    );
    expect(stack).toMatchObject({
      authorityHost: 'https://adfs.local.azurestack.external/adfs',
      disableInstanceDiscovery: true,
    });
    expect(() => authority({ environmentType: 'AzureStackCloud' })).toThrow(/needs customCloudConfig/);
    expect(() => authority({ environmentType: 'GermanCloud' })).toThrow(/closed in 2021/);
  });

  it('takes the tenant from the spec, else from authSecretRef.tenantId', () => {
    const fromSecret = config({
      authSecretRef: { ...servicePrincipal.authSecretRef, tenantId: { name: 'sp', key: 'tenant' } },
    });
    const identity = resolveAzureConnection(
      fromSecret,
      { ...spCredentials, tenantId: bytes('tenant-b') },
      {},
    ).identity;
    expect(identity).toMatchObject({ tenantId: 'tenant-b' });
    expect(() =>
      resolveAzureConnection(config({ authSecretRef: servicePrincipal.authSecretRef }), spCredentials, {}),
    ).toThrow('azurekv: authType ServicePrincipal needs tenantId (or authSecretRef.tenantId)');
  });

  it('uses the workload identity webhook’s variables without serviceAccountRef, and says which are missing', () => {
    const mounted = config({ authType: 'WorkloadIdentity' });
    const webhook = {
      AZURE_CLIENT_ID: 'c',
      AZURE_TENANT_ID: 't',
      AZURE_FEDERATED_TOKEN_FILE: '/var/run/token',
    };
    expect(resolveAzureConnection(mounted, granted, webhook).identity).toEqual({
      kind: 'mountedWorkloadIdentity',
    });
    expect(() => resolveAzureConnection(mounted, {}, webhook)).toThrow(
      "azurekv: this store has no credentials of its own and was not granted the operator's own Azure workload identity",
    );
    expect(() => resolveAzureConnection(mounted, granted, { AZURE_CLIENT_ID: 'c' })).toThrow(
      /AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE is not set/,
    );
  });

  it('exchanges the ServiceAccount token, with the webhook’s tenant as ESO’s last resort', () => {
    const federated = config({
      authType: 'WorkloadIdentity',
      serviceAccountRef: { name: 'wi' },
      authSecretRef: { clientId: { name: 'wi', key: 'client-id' } },
    });
    const credentials = { clientId: bytes('client'), serviceAccountToken: bytes('header.payload.signature') };
    expect(resolveAzureConnection(federated, credentials, { AZURE_TENANT_ID: 'tenant' }).identity).toEqual({
      kind: 'workloadIdentityToken',
      tenantId: 'tenant',
      clientId: 'client',
      serviceAccountToken: 'header.payload.signature',
    });
    expect(() => resolveAzureConnection(federated, credentials, {})).toThrow(/needs tenantId/);
  });

  it('takes the ids the ServiceAccount’s annotations gave, before the webhook’s tenant', () => {
    const annotated = config({ authType: 'WorkloadIdentity', serviceAccountRef: { name: 'wi' } });
    const token = { serviceAccountToken: bytes('header.payload.signature') };
    const credentials = { ...token, clientId: bytes('client-from-sa'), tenantId: bytes('tenant-from-sa') };
    expect(resolveAzureConnection(annotated, credentials, { AZURE_TENANT_ID: 'webhook' }).identity).toEqual({
      kind: 'workloadIdentityToken',
      tenantId: 'tenant-from-sa',
      clientId: 'client-from-sa',
      serviceAccountToken: 'header.payload.signature',
    });
    // No tenant annotation (the optional credential is absent): the webhook's variable, else an error.
    const noTenant = { ...token, clientId: bytes('client-from-sa') };
    expect(
      resolveAzureConnection(annotated, noTenant, { AZURE_TENANT_ID: 'webhook' }).identity,
    ).toMatchObject({
      tenantId: 'webhook',
    });
    expect(() => resolveAzureConnection(annotated, noTenant, {})).toThrow(
      "azurekv: authType WorkloadIdentity needs tenantId (or authSecretRef.tenantId, the ServiceAccount's azure.workload.identity/tenant-id annotation or the webhook's AZURE_TENANT_ID)",
    );
    expect(() => resolveAzureConnection(annotated, { ...credentials, clientId: bytes('a b') }, {})).toThrow(
      "azurekv: the ServiceAccount's azure.workload.identity/client-id annotation is not a tenant or client ID (a GUID or a domain name)",
    );
  });

  it('rejects what would leak or cannot work, without quoting it', () => {
    const check =
      (spec: Record<string, unknown>, credentials: ResolvedCredentials = spCredentials) =>
      () =>
        resolveAzureConnection(config({ ...servicePrincipal, ...spec }), credentials, {});
    // The schema rejects these already; the adapter checks again for configs built without it.
    expect(() => config({ vaultUrl: 'http://my-vault.vault.azure.net' })).toThrow(/expected an https URL/);
    for (const [vaultUrl, message] of [
      ['http://my-vault.vault.azure.net', /must use https/],
      ['https://my-vault.vault.azure.net/secrets', /without a path/],
    ] as const) {
      const unchecked = { ...config(servicePrincipal), vaultUrl };
      expect(() => resolveAzureConnection(unchecked, spCredentials, {})).toThrow(InvalidConfigError);
      expect(() => resolveAzureConnection(unchecked, spCredentials, {})).toThrow(message);
    }
    expect(check({}, { clientId: bytes('app id with spaces'), clientSecret: bytes('x') })).toThrow(
      'azurekv: authSecretRef.clientId is not a tenant or client ID (a GUID or a domain name)',
    );
    expect(check({}, { clientId: bytes('app') })).toThrow(
      'azurekv: the credential of authSecretRef.clientSecret was not resolved',
    );
    const certificate = {
      authSecretRef: { clientId: { name: 'sp', key: 'id' }, clientCertificate: { name: 'sp', key: 'pem' } },
    };
    expect(
      check(certificate, { clientId: bytes('app'), clientCertificate: bytes('-----BEGIN PRIVATE KEY-----') }),
    ).toThrow(
      'azurekv: authSecretRef.clientCertificate holds no PEM certificate ("-----BEGIN CERTIFICATE-----")',
    );
  });
});
