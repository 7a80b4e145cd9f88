// The remote secrets examples/gcpsm/external-secret.yaml reads (see its comments), created through
// drongo's Secret Manager REST API as `gcloud secrets` would: by `make dev-providers`, and by the
// test that applies the example.
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { PassThroughClient } from 'google-auth-library';
import { requiredEnv } from '../required-env.ts';
import type { SeedExampleData } from '../types.ts';

/** The port of drongo's address in examples/gcpsm/secret-store-emulator.yaml (http://127.0.0.1:9090). */
export const exampleGcpSecretManagerPort = 9090;
/** The project examples/gcpsm/secret-store-emulator.yaml reads; drongo serves any project. */
export const exampleGcpProject = 'acme-prod';

/** gRPC's ALREADY_EXISTS, which the REST fallback maps a 409 to. */
const alreadyExists = 6;

/** Versions oldest first: version n is the n-th. */
const exampleSecrets: { id: string; versions: string[]; labels: Record<string, string> }[] = [
  {
    id: 'db-credentials',
    versions: [JSON.stringify({ username: 'app', password: 'gcp-pass-E1' })],
    labels: {},
  },
  // The example pins version 3.
  { id: 'db-ca', versions: ['ca-v1-E2', 'ca-v2-E3', 'ca-v3-E4', 'ca-v4-E5'], labels: {} },
  { id: 'payments-token', versions: ['gcp-payments-E6'], labels: { team: 'payments' } },
  // Another team's: find's tags leave it out.
  { id: 'search-token', versions: ['not-ours-E7'], labels: { team: 'search' } },
];

export const seedGcpSecretManagerExampleData: SeedExampleData = async (env) => {
  const [host = '', port = ''] = requiredEnv(env, 'GCP_SECRETMANAGER_ENDPOINT').split(':');
  const client = new SecretManagerServiceClient({
    apiEndpoint: host,
    port: Number(port),
    // drongo speaks REST in plaintext and checks no credentials.
    fallback: true,
    protocol: 'http',
    projectId: exampleGcpProject,
    authClient: new PassThroughClient(),
  });
  const timeout = { timeout: 10_000 };
  const created: string[] = [];
  try {
    for (const { id, versions, labels } of exampleSecrets) {
      try {
        await client.createSecret(
          {
            parent: `projects/${exampleGcpProject}`,
            secretId: id,
            secret: { replication: { automatic: {} }, labels },
          },
          timeout,
        );
      } catch (error) {
        if ((error as { code?: number }).code === alreadyExists) continue;
        throw error;
      }
      for (const value of versions) {
        await client.addSecretVersion(
          {
            parent: `projects/${exampleGcpProject}/secrets/${id}`,
            payload: { data: Buffer.from(value, 'utf8') },
          },
          timeout,
        );
      }
      created.push(id);
    }
  } finally {
    await client.close();
  }
  return created;
};
