import { z } from 'zod';
import { cel, SecretKeySelector, serviceAccountSelector } from './common.ts';

// An https URL without user info, query or fragment: a vault, or an Azure AD authority host.
const httpsUrlPattern =
  /^https:\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/;
const HttpsUrl = (example: string) =>
  z.string().max(2048).regex(httpsUrlPattern, `expected an https URL such as "${example}"`);

const AzureKVAuth = cel(
  z.object({
    clientId: SecretKeySelector.optional().describe(
      'A Secret key holding the client (application) ID of the service principal or workload identity.',
    ),
    tenantId: SecretKeySelector.optional().describe(
      'A Secret key holding the tenant ID, when spec.provider.azurekv.tenantId is not set.',
    ),
    clientSecret: SecretKeySelector.optional().describe(
      'A Secret key holding the client secret of the service principal.',
    ),
    clientCertificate: SecretKeySelector.optional().describe(
      'A Secret key holding the PEM client certificate and its private key, for a service principal that logs in with a certificate.',
    ),
  }),
  [
    {
      rule: '!(has(self.clientSecret) && has(self.clientCertificate))',
      message: 'authSecretRef takes one of clientSecret or clientCertificate, not both',
    },
  ],
);

const ServiceAccountSelector = serviceAccountSelector({
  description: 'Extra audiences of the token, after "api://AzureADTokenExchange".',
  maxLength: 512,
});

const AzureCustomCloudConfig = z.object({
  activeDirectoryEndpoint: HttpsUrl('https://login.microsoftonline.com/').describe(
    'The Azure AD (Entra ID) authority host that issues tokens.',
  ),
  keyVaultEndpoint: z
    .string()
    .max(2048)
    .optional()
    .describe('Accepted for ESO compatibility; the vault is reached at vaultUrl.'),
  keyVaultDNSSuffix: z
    .string()
    .max(253)
    .optional()
    .describe('Accepted for ESO compatibility; the vault is reached at vaultUrl.'),
  resourceManagerEndpoint: z
    .string()
    .max(2048)
    .optional()
    .describe('Accepted for ESO compatibility; Ferry does not call Azure Resource Manager.'),
});

/** ESO's `azurekv` provider: Azure Key Vault secrets, certificates and keys. */
export const AzureKVProvider = cel(
  z.object({
    authType: z
      .enum(['ServicePrincipal', 'ManagedIdentity', 'WorkloadIdentity'])
      .default('ServicePrincipal')
      .describe(
        'How to authenticate: ServicePrincipal (authSecretRef), ManagedIdentity (the identity of the node or pod) or WorkloadIdentity (a federated ServiceAccount token).',
      ),
    vaultUrl: HttpsUrl('https://my-vault.vault.azure.net').describe(
      'URL of the Key Vault, e.g. "https://my-vault.vault.azure.net".',
    ),
    tenantId: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .describe('The Azure AD tenant. Required for ServicePrincipal unless authSecretRef.tenantId is set.'),
    environmentType: z
      .enum(['PublicCloud', 'USGovernmentCloud', 'ChinaCloud', 'GermanCloud', 'AzureStackCloud'])
      .default('PublicCloud')
      .describe('The Azure cloud whose Azure AD issues tokens. AzureStackCloud needs customCloudConfig.'),
    authSecretRef: AzureKVAuth.optional().describe(
      'Credentials of the service principal, or the client ID of a workload identity.',
    ),
    serviceAccountRef: ServiceAccountSelector.optional().describe(
      'WorkloadIdentity: the ServiceAccount whose token (TokenRequest API, audience api://AzureADTokenExchange) is exchanged for an Azure AD token. Unset: the operator’s own mounted workload identity.',
    ),
    identityId: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .describe('ManagedIdentity: the client ID of the identity to use, when several are assigned.'),
    useAzureSDK: z
      .boolean()
      .optional()
      .describe('Accepted for ESO compatibility; Ferry always uses the current Azure SDK.'),
    customCloudConfig: AzureCustomCloudConfig.optional().describe(
      'Endpoints of a cloud Ferry does not know by name (Azure Stack) or an override of the Azure AD authority host.',
    ),
  }),
  [
    {
      rule: "self.authType != 'ServicePrincipal' || (has(self.authSecretRef) && has(self.authSecretRef.clientId) && (has(self.authSecretRef.clientSecret) || has(self.authSecretRef.clientCertificate)))",
      message:
        'authType ServicePrincipal needs authSecretRef with clientId and one of clientSecret or clientCertificate',
    },
    {
      rule: "self.authType != 'ServicePrincipal' || has(self.tenantId) || (has(self.authSecretRef) && has(self.authSecretRef.tenantId))",
      message: 'authType ServicePrincipal needs tenantId (or authSecretRef.tenantId)',
    },
    {
      rule: "self.authType != 'WorkloadIdentity' || !has(self.serviceAccountRef) || (has(self.authSecretRef) && has(self.authSecretRef.clientId))",
      message:
        'authType WorkloadIdentity with serviceAccountRef needs authSecretRef.clientId: Ferry does not read the ServiceAccount’s azure.workload.identity/client-id annotation',
    },
    {
      rule: "self.environmentType != 'AzureStackCloud' || has(self.customCloudConfig)",
      message: 'environmentType AzureStackCloud needs customCloudConfig.activeDirectoryEndpoint',
    },
    {
      rule: "self.environmentType != 'GermanCloud'",
      message:
        'environmentType GermanCloud: Microsoft Cloud Deutschland closed in 2021; use PublicCloud, or AzureStackCloud with customCloudConfig',
    },
  ],
);
export type AzureKVProvider = z.infer<typeof AzureKVProvider>;
