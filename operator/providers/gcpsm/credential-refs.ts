// Which credentials a gcpsm store needs, by the names `resolveAuth` reads.
import { operatorIdentityRef } from '../credential-ref-builders.ts';
import { InvalidConfigError } from '../errors.ts';
import type { CredentialRef, GCPSMProviderConfig } from '../types.ts';
import { resolveServiceEndpoint } from './service-endpoint.ts';

export const serviceAccountKeyCredential = 'serviceAccountKey';
export const subjectTokenCredential = 'subjectToken';
export const impersonatedAccountCredential = 'gcpServiceAccount';

/** GKE Workload Identity's link from a Kubernetes ServiceAccount to the Google one it acts as. */
export const gcpServiceAccountAnnotation = 'iam.gke.io/gcp-service-account';

/** What a store without auth uses: the operator's own Google identity. */
export const applicationDefaultIdentity =
  "the operator's own Google identity (application-default credentials: GOOGLE_APPLICATION_CREDENTIALS, gcloud's configuration or the metadata server)";

/** GKE Workload Identity's pool: the token's audience and half of the STS audience. */
export function workloadIdentityPool(projectID: string): string {
  return `${projectID}.svc.id.goog`;
}

export function gcpsmCredentialRefs(config: GCPSMProviderConfig): CredentialRef[] {
  const { secretRef, workloadIdentity, workloadIdentityFederation } = config.auth;
  if (secretRef) {
    const selector = secretRef.secretAccessKeySecretRef;
    if (selector.key === undefined) {
      throw new InvalidConfigError(
        `gcpsm: auth.secretRef.secretAccessKeySecretRef.key is required: name the key of Secret "${selector.name}" that holds the service account key`,
      );
    }
    return [
      {
        name: serviceAccountKeyCredential,
        kind: 'secretKey',
        secretName: selector.name,
        key: selector.key,
        namespace: selector.namespace,
      },
    ];
  }
  if (workloadIdentity) {
    const account = workloadIdentity.serviceAccountRef;
    // As ESO: the pool first, then the ServiceAccount's own extra audiences.
    const clusterProject = workloadIdentity.clusterProjectID ?? config.projectID;
    if (clusterProject === undefined) {
      throw new InvalidConfigError(
        'gcpsm: auth.workloadIdentity needs clusterProjectID or projectID (Ferry does not ask the metadata server)',
      );
    }
    const token: CredentialRef = {
      name: subjectTokenCredential,
      kind: 'serviceAccountToken',
      serviceAccountName: account.name,
      namespace: account.namespace,
      audiences: [workloadIdentityPool(clusterProject), ...(account.audiences ?? [])],
    };
    if (workloadIdentity.gcpServiceAccountEmail !== undefined) return [token];
    // As ESO: the ServiceAccount's annotation names the Google service account to impersonate; without
    // it the federated identity itself is used.
    return [
      token,
      {
        name: impersonatedAccountCredential,
        kind: 'serviceAccountAnnotation',
        serviceAccountName: account.name,
        namespace: account.namespace,
        annotation: gcpServiceAccountAnnotation,
        optional: true,
      },
    ];
  }
  if (workloadIdentityFederation?.serviceAccountRef) {
    const account = workloadIdentityFederation.serviceAccountRef;
    // As ESO: the token carries the ServiceAccount's audiences only; the pool's provider must accept them.
    return [
      {
        name: subjectTokenCredential,
        kind: 'serviceAccountToken',
        serviceAccountName: account.name,
        namespace: account.namespace,
        audiences: account.audiences,
      },
    ];
  }
  // A federation source not implemented yet (resolveAuth says which) needs nothing fetched; an
  // http:// emulator endpoint carries no credentials at all, the operator's neither.
  if (workloadIdentityFederation || resolveServiceEndpoint(config).plaintext) return [];
  return [
    operatorIdentityRef(
      applicationDefaultIdentity,
      'auth.secretRef, auth.workloadIdentity or auth.workloadIdentityFederation',
    ),
  ];
}
