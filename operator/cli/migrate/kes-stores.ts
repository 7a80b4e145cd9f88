// kubernetes-external-secrets had no store objects: each ExternalSecret named its backend
// (backendType plus a few fields), and credentials came from the KES controller's environment.
// Ferry needs a store, so one SecretStore is generated per distinct backend configuration and
// namespace, and the report says which credentials the user must supply.
import { createHash } from 'node:crypto';
import { ferryApiVersion, type FieldPath } from '../lint/index.ts';
import { error, warning, type Note } from './notes.ts';
import type { JsonObject } from './object-paths.ts';

/** What KES read from its Deployment's environment, given with --kes-env NAME=VALUE. */
export type KesEnvironment = Readonly<Record<string, string>>;

/** The backendTypes Ferry can take over, with the provider they become. */
export const kesBackends = {
  secretsManager: 'aws',
  vault: 'vault',
  azureKeyVault: 'azurekv',
  gcpSecretsManager: 'gcpsm',
} as const;
export type KesBackend = keyof typeof kesBackends;

/** Backend fields of a KES spec that go into the store rather than the ExternalSecret. */
export const storeFields: Record<KesBackend, readonly string[]> = {
  secretsManager: ['roleArn', 'region'],
  vault: ['vaultMountPoint', 'vaultRole', 'kvVersion'],
  azureKeyVault: ['keyVaultName'],
  gcpSecretsManager: ['projectId'],
};

export interface GeneratedStore {
  /** Same configuration and namespace, same store. */
  identity: string;
  object: JsonObject;
  /** What the user must supply, said once per store. */
  notes: Note[];
}

export interface StoreOutcome {
  /** The store the ExternalSecret is to use, or undefined when it cannot be generated. */
  store: GeneratedStore | undefined;
  notes: Note[];
}

export const azureCredentialsSecret = 'kes-azure-credentials';
export const gcpCredentialsSecret = 'kes-gcp-credentials';

function slug(parts: readonly string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A readable, valid, stable name: `kes-aws-eu-west-1-reader`, with a hash when it would be too long. */
function storeName(provider: string, parts: readonly string[], identity: string): string {
  const name = slug(['kes', provider, ...parts]);
  if (name.length <= 63) return name;
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 8);
  return `${name.slice(0, 54).replace(/-$/, '')}-${hash}`;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function store(
  namespace: string | undefined,
  provider: string,
  config: JsonObject,
  nameParts: readonly string[],
  notes: (name: string) => Note[],
): GeneratedStore {
  const identity = JSON.stringify([namespace ?? '', provider, config]);
  const name = storeName(provider, nameParts, identity);
  return {
    identity,
    object: {
      apiVersion: ferryApiVersion,
      kind: 'SecretStore',
      metadata: { name, ...(namespace !== undefined && { namespace }) },
      spec: { provider: { [provider]: config } },
    },
    notes: notes(name),
  };
}

function missing(backendPath: FieldPath, what: string, action: string): StoreOutcome {
  return {
    store: undefined,
    notes: [error(backendPath, `no SecretStore was generated: ${what}`, action)],
  };
}

/** The SecretStore a KES ExternalSecret's backend becomes, or why none can be made. */
export function kesStore(
  backend: KesBackend,
  spec: JsonObject,
  namespace: string | undefined,
  env: KesEnvironment,
  specField = 'spec',
): StoreOutcome {
  const backendPath = [specField, 'backendType'];
  switch (backend) {
    case 'secretsManager': {
      const region = str(spec['region']) ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'];
      if (!region)
        return missing(
          backendPath,
          'the AWS region is unknown (KES took it from AWS_REGION or AWS_DEFAULT_REGION of its Deployment)',
          'add spec.region, or pass --kes-env AWS_REGION=<region>',
        );
      const role = str(spec['roleArn']);
      const roleName = role?.split('/').at(-1);
      const config = { service: 'SecretsManager', region, ...(role !== undefined && { role }) };
      return {
        store: store(namespace, 'aws', config, [region, ...(roleName ? [roleName] : [])], (name) => [
          warning(
            backendPath,
            `KES read AWS with its controller's credentials; the generated SecretStore "${name}" uses Ferry's own (the AWS SDK's default chain: the operator pod's IRSA role or environment)${role ? ' and assumes roleArn' : ''}`,
            `let Ferry's identity read these secrets${role ? ' and assume the role' : ''}, or give "${name}" auth.jwt or auth.secretRef (docs/providers/aws.md)`,
          ),
        ]),
        notes: [],
      };
    }
    case 'vault': {
      const server = env['VAULT_ADDR'];
      if (!server)
        return missing(
          backendPath,
          'the Vault address is unknown (KES took it from VAULT_ADDR of its Deployment)',
          'pass --kes-env VAULT_ADDR=https://vault.example.com:8200',
        );
      const mountPath = str(spec['vaultMountPoint']) ?? env['DEFAULT_VAULT_MOUNT_POINT'];
      const role = str(spec['vaultRole']) ?? env['DEFAULT_VAULT_ROLE'];
      if (!mountPath || !role)
        return missing(
          backendPath,
          'the Vault kubernetes auth mount or role is unknown (KES took defaults from DEFAULT_VAULT_MOUNT_POINT and DEFAULT_VAULT_ROLE)',
          'add spec.vaultMountPoint and spec.vaultRole, or pass --kes-env DEFAULT_VAULT_MOUNT_POINT=... --kes-env DEFAULT_VAULT_ROLE=...',
        );
      const version = kvVersion(spec, env) === 1 ? 'v1' : 'v2';
      const config = { server, version, auth: { kubernetes: { mountPath, role } } };
      return {
        store: store(namespace, 'vault', config, [mountPath, role], (name) => [
          warning(
            backendPath,
            `KES logged in to Vault with its own ServiceAccount token; the generated SecretStore "${name}" logs in with Ferry's (kubernetes auth at "${mountPath}", role "${role}")`,
            `bind the Vault role "${role}" to Ferry's ServiceAccount and namespace (bound_service_account_names, bound_service_account_namespaces)`,
          ),
        ]),
        notes: [],
      };
    }
    case 'azureKeyVault': {
      const vault = str(spec['keyVaultName']);
      if (!vault) return missing(backendPath, 'spec.keyVaultName is not set', 'add spec.keyVaultName');
      const tenantId = env['AZURE_TENANT_ID'];
      const secretKey = (key: string) => ({ name: azureCredentialsSecret, key });
      const config = {
        vaultUrl: `https://${vault}.vault.azure.net`,
        authType: 'ServicePrincipal',
        ...(tenantId !== undefined && { tenantId }),
        authSecretRef: {
          clientId: secretKey('client-id'),
          clientSecret: secretKey('client-secret'),
          ...(tenantId === undefined && { tenantId: secretKey('tenant-id') }),
        },
      };
      const keys =
        tenantId === undefined ? 'client-id, client-secret and tenant-id' : 'client-id and client-secret';
      return {
        store: store(namespace, 'azurekv', config, [vault], (name) => [
          warning(
            backendPath,
            `KES logged in to Azure with AZURE_CLIENT_ID, AZURE_CLIENT_SECRET and AZURE_TENANT_ID of its Deployment; the generated SecretStore "${name}" reads them from the Secret "${azureCredentialsSecret}"`,
            `create the Secret "${azureCredentialsSecret}"${namespace ? ` in namespace "${namespace}"` : ''} with the keys ${keys}, or change "${name}" to ManagedIdentity or WorkloadIdentity (docs/providers/azurekv.md)`,
          ),
        ]),
        notes: [],
      };
    }
    case 'gcpSecretsManager': {
      const projectID = str(spec['projectId']) ?? env['GOOGLE_CLOUD_PROJECT'];
      if (!projectID)
        return missing(
          backendPath,
          'the Google Cloud project is unknown (KES took it from its service account key)',
          'add spec.projectId, or pass --kes-env GOOGLE_CLOUD_PROJECT=<project>',
        );
      const config = {
        projectID,
        auth: {
          secretRef: { secretAccessKeySecretRef: { name: gcpCredentialsSecret, key: 'credentials.json' } },
        },
      };
      return {
        store: store(namespace, 'gcpsm', config, [projectID], (name) => [
          warning(
            backendPath,
            `KES logged in to Google Cloud with the service account key file that GOOGLE_APPLICATION_CREDENTIALS named in its Deployment; the generated SecretStore "${name}" reads it from the Secret "${gcpCredentialsSecret}"`,
            `create the Secret "${gcpCredentialsSecret}"${namespace ? ` in namespace "${namespace}"` : ''} with that service account key as credentials.json, or use workload identity (docs/providers/gcpsm.md)`,
          ),
        ]),
        notes: [],
      };
    }
  }
}

/** KES's kvVersion: the spec's, else DEFAULT_VAULT_KV_VERSION of its Deployment, else 2. */
export function kvVersion(spec: JsonObject, env: KesEnvironment): 1 | 2 {
  const version = str(spec['kvVersion']) ?? env['DEFAULT_VAULT_KV_VERSION'];
  return version === '1' ? 1 : 2;
}
