// The aws provider through the end-to-end cases, against a real moto server with its IAM checks on:
// the store reads with an IAM user's key that may only read, the test writes with another's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import type { KubernetesObject } from '@kubernetes/client-node';
import { afterAll } from 'vitest';
import { createIamUser, setIamChecks, startMotoServer } from '../../provider-servers/moto/index.ts';
import type { ProviderServer } from '../../provider-servers/types.ts';
import { describeSyncConformance, type SyncTarget } from '../../support/sync-conformance.ts';

let server: ProviderServer | undefined;
let serverDir: string | undefined;
let writer: SecretsManagerClient | undefined;
afterAll(async () => {
  writer?.destroy();
  await server?.stop();
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

describeSyncConformance('aws', { binary: true, tags: true, path: true, credentials: true }, async () => {
  serverDir = mkdtempSync(join(tmpdir(), 'ferry-moto-sync-'));
  server = await startMotoServer({ dir: serverDir, detached: false });
  const endpoint = server.env['AWS_ENDPOINT_URL'] ?? '';
  const region = server.env['AWS_REGION'] ?? '';
  const reader = await createIamUser(endpoint, 'sync-reader', [
    {
      Effect: 'Allow',
      Action: [
        'secretsmanager:GetSecretValue',
        'secretsmanager:BatchGetSecretValue',
        'secretsmanager:ListSecrets',
      ],
      Resource: '*',
    },
  ]);
  const admin = await createIamUser(endpoint, 'sync-admin', [
    { Effect: 'Allow', Action: 'secretsmanager:*', Resource: '*' },
  ]);
  await setIamChecks(endpoint, true);
  const client = new SecretsManagerClient({ region, endpoint, credentials: admin });
  writer = client;

  const target: SyncTarget = {
    store: (namespace, { broken }) => {
      const secretName = broken ? 'aws-keys-broken' : 'aws-keys';
      return Promise.resolve({
        provider: {
          aws: {
            service: 'SecretsManager',
            region,
            endpoint,
            stsEndpoint: endpoint,
            auth: {
              secretRef: {
                accessKeyIDSecretRef: { name: secretName, key: 'access-key-id' },
                secretAccessKeySecretRef: { name: secretName, key: 'secret-access-key' },
              },
            },
          },
        },
        objects: [
          {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: secretName, namespace },
            stringData: {
              'access-key-id': reader.accessKeyId,
              'secret-access-key': broken ? 'not-the-secret-key-Bk4' : reader.secretAccessKey,
            },
          } as KubernetesObject,
        ],
      });
    },
    async put(name, value, options) {
      const secretValue = typeof value === 'string' ? { SecretString: value } : { SecretBinary: value };
      const tags = Object.entries(options?.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
      try {
        await client.send(new CreateSecretCommand({ Name: name, ...secretValue, Tags: tags }));
      } catch (error) {
        if ((error as Error).name !== 'ResourceExistsException') throw error;
        // A new version, as a rotation writes it: AWSCURRENT moves to it.
        await client.send(new PutSecretValueCommand({ SecretId: name, ...secretValue }));
        if (tags.length > 0) await client.send(new TagResourceCommand({ SecretId: name, Tags: tags }));
      }
    },
    async remove(name) {
      await client.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
    },
  };
  return target;
});
