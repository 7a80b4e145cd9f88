import type { AzureKVProviderConfig, CredentialRef } from '../types.ts';
import { secretKeyCredential } from '../credential-ref-builders.ts';

/** The audience Azure AD expects of a federated ServiceAccount token, as ESO requests it. */
export const workloadIdentityAudience = 'api://AzureADTokenExchange';

/**
 * The credentials an azurekv store needs, by the names `resolveAzureAuth` reads: `clientId`,
 * `tenantId`, `clientSecret`, `clientCertificate` and `serviceAccountToken`.
 */
export function azurekvCredentialRefs(config: AzureKVProviderConfig): CredentialRef[] {
  const auth = config.authSecretRef;
  const refs: CredentialRef[] = [];
  const fromSecret = (name: keyof NonNullable<typeof auth>): void => {
    const selector = auth?.[name];
    if (selector) refs.push(secretKeyCredential('azurekv', name, selector, `authSecretRef.${name}`));
  };
  switch (config.authType) {
    case 'ServicePrincipal':
      fromSecret('clientId');
      fromSecret('tenantId');
      fromSecret('clientSecret');
      fromSecret('clientCertificate');
      break;
    case 'WorkloadIdentity': {
      const serviceAccount = config.serviceAccountRef;
      // Without a ServiceAccount the operator's own mounted workload identity is used: nothing to fetch.
      if (serviceAccount) {
        fromSecret('clientId');
        fromSecret('tenantId');
        refs.push({
          name: 'serviceAccountToken',
          kind: 'serviceAccountToken',
          serviceAccountName: serviceAccount.name,
          namespace: serviceAccount.namespace,
          audiences: [workloadIdentityAudience, ...(serviceAccount.audiences ?? [])],
        });
      }
      break;
    }
    case 'ManagedIdentity':
      break;
  }
  return refs;
}
