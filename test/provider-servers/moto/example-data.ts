// The remote secrets examples/aws/external-secret.yaml reads (see its comments), created through
// moto's Secrets Manager API as `aws secretsmanager` would: by `make dev-providers`, and by the test
// that applies the example.
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { requiredEnv } from '../required-env.ts';
import type { SeedExampleData } from '../types.ts';

/** The port of moto's address in examples/aws/secret-store-moto.yaml (http://127.0.0.1:5000). */
export const exampleMotoPort = 5000;

const dbCredentials = (password: string): string => JSON.stringify({ username: 'app', password });

/** Versions oldest first: the last becomes AWSCURRENT, the one before it AWSPREVIOUS (a rotation). */
const exampleSecrets: { name: string; versions: [string, ...string[]]; tags: Record<string, string> }[] = [
  {
    name: 'prod/app/db',
    versions: [dbCredentials('aws-old-pass-Q1'), dbCredentials('aws-new-pass-Q2')],
    tags: { owner: 'team-a' },
  },
  { name: 'prod/app/config/api-key', versions: ['aws-api-key-Q3'], tags: { team: 'payments' } },
  // Under the path, but another team's: find's tags leave it out.
  { name: 'prod/app/config/other-team', versions: ['not-ours-Q4'], tags: { team: 'search' } },
];

export const seedMotoExampleData: SeedExampleData = async (env) => {
  const client = new SecretsManagerClient({
    region: requiredEnv(env, 'AWS_REGION'),
    endpoint: requiredEnv(env, 'AWS_ENDPOINT_URL'),
    credentials: {
      accessKeyId: requiredEnv(env, 'AWS_ACCESS_KEY_ID'),
      secretAccessKey: requiredEnv(env, 'AWS_SECRET_ACCESS_KEY'),
    },
  });
  const timeout = () => ({ abortSignal: AbortSignal.timeout(10_000) });
  const created: string[] = [];
  try {
    for (const { name, versions, tags } of exampleSecrets) {
      const [first, ...later] = versions;
      try {
        const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
        await client.send(new CreateSecretCommand({ Name: name, SecretString: first, Tags }), timeout());
      } catch (error) {
        if ((error as Error).name === 'ResourceExistsException') continue;
        throw error;
      }
      for (const value of later) {
        await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: value }), timeout());
      }
      created.push(name);
    }
  } finally {
    client.destroy();
  }
  return created;
};
