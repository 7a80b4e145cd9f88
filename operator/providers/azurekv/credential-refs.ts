import type { AzureKVProviderConfig, CredentialRef } from '../types.ts';
import { operatorIdentityRef, secretKeyCredential } from '../credential-ref-builders.ts';

/** Azure Workload Identity's ServiceAccount annotations, which ESO reads when the store names no ids. */
export const clientIdAnnotation = 'azure.workload.identity/client-id';
export const tenantIdAnnotation = 'azure.workload.identity/tenant-id';

/** What authType ManagedIdentity uses: the identity of the node or of the operator's pod. */
export const managedIdentity =
  "the operator's own Azure managed identity (of its node or pod, through the instance metadata service)";
/** What authType WorkloadIdentity without serviceAccountRef uses. */
export const mountedWorkloadIdentity =
  "the operator's own Azure workload identity (AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE of its pod)";

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
      // Without a ServiceAccount the operator's own mounted workload identity is used.
      if (!serviceAccount) refs.push(operatorIdentityRef(mountedWorkloadIdentity, 'serviceAccountRef'));
      else {
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
      refs.push(
        operatorIdentityRef(
          managedIdentity,
          'authType ServicePrincipal with authSecretRef, or authType WorkloadIdentity with serviceAccountRef',
        ),
      );
      break;
  }
  return refs;
}
