// From a store's auth block and its resolved credentials to one way of getting Google access
// tokens. Pure: the SDK's auth classes are built from this plan in google-auth.ts.
import { checkOperatorIdentityGranted } from '../credential-checks.ts';
import { InvalidConfigError } from '../errors.ts';
import type { GCPSMProviderConfig, ResolvedCredentials } from '../types.ts';
import {
  applicationDefaultIdentity,
  gcpServiceAccountAnnotation,
  impersonatedAccountCredential,
  serviceAccountKeyCredential,
  subjectTokenCredential,
  workloadIdentityPool,
} from './credential-refs.ts';
import type { ServiceEndpoint } from './service-endpoint.ts';

export type AuthPlan =
  /** A plaintext (emulator) endpoint: no credentials at all, never the metadata server. */
  | { kind: 'none' }
  | { kind: 'serviceAccountKey'; clientEmail: string; privateKey: string; privateKeyId: string | undefined }
  /** A Kubernetes token exchanged at Google's STS, then optionally traded for a service account's. */
  | { kind: 'externalAccount'; audience: string; subjectToken: string; impersonate: string | undefined }
  /** ESO's documented default: Application Default Credentials. */
  | { kind: 'applicationDefault' };

export const stsTokenUrl = 'https://sts.googleapis.com/v1/token';
export const jwtTokenType = 'urn:ietf:params:oauth:token-type:jwt';

export function impersonationUrl(email: string): string {
  return `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${email}:generateAccessToken`;
}

/** GKE Workload Identity's STS audience: the pool and the cluster as its identity provider. */
export function workloadIdentityAudience(clusterProject: string, location: string, cluster: string): string {
  const provider = `https://container.googleapis.com/v1/projects/${clusterProject}/locations/${location}/clusters/${cluster}`;
  return `identitynamespace:${workloadIdentityPool(clusterProject)}:${provider}`;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function resolveAuth(
  config: GCPSMProviderConfig,
  credentials: ResolvedCredentials,
  endpoint: ServiceEndpoint,
): AuthPlan {
  const { secretRef, workloadIdentity, workloadIdentityFederation } = config.auth;
  if (endpoint.plaintext) {
    // The CRD rejects this too; zod does not run CEL, so it is checked here again.
    if (secretRef ?? workloadIdentity ?? workloadIdentityFederation) {
      throw new InvalidConfigError(
        'gcpsm: an http:// endpoint is plaintext and never carries credentials: remove auth, or use an https:// endpoint',
      );
    }
    return { kind: 'none' };
  }
  if (secretRef) return serviceAccountKey(credential(credentials, serviceAccountKeyCredential));
  if (workloadIdentity) {
    const clusterProject = workloadIdentity.clusterProjectID ?? config.projectID;
    const { clusterLocation, clusterName } = workloadIdentity;
    if (clusterProject === undefined || clusterLocation === undefined || clusterName === undefined) {
      throw new InvalidConfigError(
        'gcpsm: auth.workloadIdentity needs clusterLocation, clusterName and clusterProjectID (or projectID); Ferry does not ask the GKE metadata server for them',
      );
    }
    return {
      kind: 'externalAccount',
      audience: workloadIdentityAudience(clusterProject, clusterLocation, clusterName),
      subjectToken: strictUtf8.decode(credential(credentials, subjectTokenCredential)),
      impersonate: workloadIdentity.gcpServiceAccountEmail ?? annotatedAccount(credentials),
    };
  }
  if (workloadIdentityFederation) {
    const { serviceAccountRef, audience, gcpServiceAccountEmail } = workloadIdentityFederation;
    if (!serviceAccountRef) {
      throw new InvalidConfigError(
        'gcpsm: auth.workloadIdentityFederation supports serviceAccountRef only; credConfig and awsSecurityCredentials are not implemented yet',
      );
    }
    if (audience === undefined) {
      throw new InvalidConfigError(
        'gcpsm: auth.workloadIdentityFederation.serviceAccountRef needs audience: the workload identity pool provider',
      );
    }
    return {
      kind: 'externalAccount',
      audience,
      subjectToken: strictUtf8.decode(credential(credentials, subjectTokenCredential)),
      impersonate: gcpServiceAccountEmail,
    };
  }
  checkOperatorIdentityGranted('gcpsm', credentials, applicationDefaultIdentity);
  return { kind: 'applicationDefault' };
}

/** The Google service account the Kubernetes one's iam.gke.io/gcp-service-account annotation names, if any. */
function annotatedAccount(credentials: ResolvedCredentials): string | undefined {
  const value = credentials[impersonatedAccountCredential];
  if (value === undefined) return undefined;
  const email = strictUtf8.decode(value).trim();
  if (!/^[^\s/@]+@[^\s/@]+\.iam\.gserviceaccount\.com$/.test(email)) {
    throw new InvalidConfigError(
      `gcpsm: the ServiceAccount's ${gcpServiceAccountAnnotation} annotation is not a service account email (…@….iam.gserviceaccount.com)`,
    );
  }
  return email;
}

function credential(credentials: ResolvedCredentials, name: string): Uint8Array {
  const value = credentials[name];
  if (value === undefined) throw new InvalidConfigError(`gcpsm: credential "${name}" was not resolved`);
  return value;
}

function serviceAccountKey(bytes: Uint8Array): AuthPlan {
  const field = 'auth.secretRef.secretAccessKeySecretRef';
  let key: unknown;
  try {
    key = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    // The SyntaxError is dropped on purpose, not kept as cause: V8 quotes the input in it.
    throw new InvalidConfigError(`gcpsm: ${field} is not JSON; expected a service account key file`);
  }
  if (typeof key !== 'object' || key === null) {
    throw new InvalidConfigError(`gcpsm: ${field} is not a service account key (a JSON object)`);
  }
  const fields = key as Record<string, unknown>;
  if (fields['type'] !== 'service_account') {
    throw new InvalidConfigError(
      `gcpsm: ${field} is not a service account key: its "type" must be "service_account"`,
    );
  }
  const clientEmail = fields['client_email'];
  const privateKey = fields['private_key'];
  const privateKeyId = fields['private_key_id'];
  if (typeof clientEmail !== 'string' || typeof privateKey !== 'string') {
    throw new InvalidConfigError(`gcpsm: ${field} lacks client_email or private_key`);
  }
  return {
    kind: 'serviceAccountKey',
    clientEmail,
    privateKey,
    privateKeyId: typeof privateKeyId === 'string' ? privateKeyId : undefined,
  };
}
