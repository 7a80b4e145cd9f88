import type { AzureKVProviderConfig, CredentialRef } from '../types.ts';
import { secretKeyCredential } from '../credential-ref-builders.ts';

/** Azure Workload Identity's ServiceAccount annotations, which ESO reads when the store names no ids. */
export const clientIdAnnotation = 'azure.workload.identity/client-id';
export const tenantIdAnnotation = 'azure.workload.identity/tenant-id';

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
        const annotation = (name: string, key: string, optional: boolean): CredentialRef => ({
          name,
          kind: 'serviceAccountAnnotation',
          serviceAccountName: serviceAccount.name,
          namespace: serviceAccount.namespace,
          annotation: key,
          optional,
        });
        // As ESO: ids in a Secret win; else the ServiceAccount's annotations (the tenant's is optional:
        // the webhook's AZURE_TENANT_ID is the last resort).
        if (auth?.clientId) fromSecret('clientId');
        else refs.push(annotation('clientId', clientIdAnnotation, false));
        if (auth?.tenantId) fromSecret('tenantId');
        else if (config.tenantId === undefined) refs.push(annotation('tenantId', tenantIdAnnotation, true));
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
