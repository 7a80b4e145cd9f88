// examples/aws, examples/vault and examples/gcpsm applied as a person would, with the store's
// address swapped for the run's real test server: the remote secrets each example's comments
// describe are created through the server's own API, and the Secret the example promises appears.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import type { KubernetesObject } from '@kubernetes/client-node';
import { PassThroughClient } from 'google-auth-library';
import { afterAll, describe, expect, it } from 'vitest';
import { startGcpSecretManagerServer } from '../provider-servers/gcp-secret-manager/index.ts';
import { startMotoServer } from '../provider-servers/moto/index.ts';
import { openBaoAdmin, startOpenBaoServer } from '../provider-servers/openbao/index.ts';
import type { ProviderServer, ProviderServerOptions } from '../provider-servers/types.ts';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';
import { applyObjects, loadExample } from '../support/manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from '../support/namespaced-operator.ts';
import { decoded, readSecret, waitForReason } from '../support/waiting.ts';

const admin = adminKubeConfig();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function startServer(
  start: (options: ProviderServerOptions) => Promise<ProviderServer>,
): Promise<ProviderServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-examples-'));
  const server = await start({ dir, detached: false });
  cleanups.push(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return server;
}

/** Applies the example's store (its provider block edited by `point`) and ExternalSecret, runs the operator. */
async function applyExample(
  provider: string,
  storeFile: string,
  point: (
    object: KubernetesObject & { spec?: { provider?: Record<string, Record<string, unknown>> } },
  ) => void,
  planted: string[],
): Promise<string> {
  const namespace = await createTestNamespace(admin, `example-${provider}`);
  const objects = [
    ...loadExample(`${provider}/${storeFile}`, namespace),
    ...loadExample(`${provider}/external-secret.yaml`, namespace),
  ];
  for (const object of objects) point(object);
  await applyObjects(admin, objects);
  const operator = await startNamespacedOperator(namespace);
  cleanups.push(async () => {
    await stopAndCheckOutput(operator, planted);
    await deleteNamespace(admin, namespace);
  });
  return namespace;
}

describe('the provider examples, against real servers (real control plane, real operator)', () => {
  it('examples/aws with secret-store-moto.yaml', async () => {
    const server = await startServer(startMotoServer);
    const endpoint = server.env['AWS_ENDPOINT_URL'] ?? '';
    const aws = new SecretsManagerClient({
      region: server.env['AWS_REGION'] ?? '',
      endpoint,
      credentials: {
        accessKeyId: server.env['AWS_ACCESS_KEY_ID'] ?? '',
        secretAccessKey: server.env['AWS_SECRET_ACCESS_KEY'] ?? '',
      },
    });
    cleanups.push(() => {
      aws.destroy();
      return Promise.resolve();
    });
    const db = (password: string): string => JSON.stringify({ username: 'app', password });
    await aws.send(
      new CreateSecretCommand({
        Name: 'prod/app/db',
        SecretString: db('aws-old-pass-Q1'),
        Tags: [{ Key: 'owner', Value: 'team-a' }],
      }),
    );
    // A rotation: the old password stays readable as AWSPREVIOUS.
    await aws.send(
      new PutSecretValueCommand({ SecretId: 'prod/app/db', SecretString: db('aws-new-pass-Q2') }),
    );
    await aws.send(
      new CreateSecretCommand({
        Name: 'prod/app/config/api-key',
        SecretString: 'aws-api-key-Q3',
        Tags: [{ Key: 'team', Value: 'payments' }],
      }),
    );
    await aws.send(
      new CreateSecretCommand({
        Name: 'prod/app/config/other-team',
        SecretString: 'not-ours-Q4',
        Tags: [{ Key: 'team', Value: 'search' }],
      }),
    );
    const namespace = await applyExample(
      'aws',
      'secret-store-moto.yaml',
      (object) => {
        const block = object.spec?.provider?.['aws'];
        if (block) Object.assign(block, { endpoint, stsEndpoint: endpoint });
      },
      ['aws-old-pass-Q1', 'aws-new-pass-Q2', 'aws-api-key-Q3'],
    );
    await waitForReason(admin, namespace, 'app-db', 'SecretSynced');
    expect(decoded(await readSecret(admin, namespace, 'app-db'))).toEqual({
      username: 'app',
      password: 'aws-new-pass-Q2',
      'previous-password': 'aws-old-pass-Q1',
      owner: 'team-a',
      'api-key': 'aws-api-key-Q3',
    });
  });

  it('examples/vault with secret-store-openbao-dev.yaml', async () => {
    const server = await startServer(startOpenBaoServer);
    const vault = openBaoAdmin(server.env);
    const db = (password: string, host: string) => ({ username: 'app', password, config: { host } });
    await vault.writeKv2('secret', 'app/db', db('vault-old-pass-W1', 'old.internal'));
    await vault.writeKv2('secret', 'app/db', db('vault-new-pass-W2', 'db.internal'));
    await vault.request('POST', 'secret/metadata/app/db', { custom_metadata: { owner: 'team-a' } });
    await vault.writeKv2('secret', 'app/config/api-key', { key: 'vault-api-key-W3' });
    await vault.request('POST', 'secret/metadata/app/config/api-key', {
      custom_metadata: { team: 'payments' },
    });
    await vault.writeKv2('secret', 'app/config/other-team', { key: 'not-ours-W4' });
    await vault.request('POST', 'secret/metadata/app/config/other-team', {
      custom_metadata: { team: 'search' },
    });
    const namespace = await applyExample(
      'vault',
      'secret-store-openbao-dev.yaml',
      (object) => {
        const block = object.spec?.provider?.['vault'];
        if (block) block['server'] = server.env['VAULT_ADDR'];
        // The example's token Secret: the run's server has a random root token of its own.
        if (object.kind === 'Secret')
          Object.assign(object, { stringData: { token: server.env['VAULT_TOKEN'] } });
      },
      ['vault-old-pass-W1', 'vault-new-pass-W2', 'vault-api-key-W3'],
    );
    await waitForReason(admin, namespace, 'app-db', 'SecretSynced');
    expect(decoded(await readSecret(admin, namespace, 'app-db'))).toEqual({
      username: 'app',
      password: 'vault-new-pass-W2',
      'previous-password': 'vault-old-pass-W1',
      host: 'db.internal',
      owner: 'team-a',
      // find returns each secret's fields as one JSON document.
      'api-key': JSON.stringify({ key: 'vault-api-key-W3' }),
    });
  });

  it('examples/gcpsm with secret-store-emulator.yaml', async () => {
    const server = await startServer(startGcpSecretManagerServer);
    const endpoint = server.env['GCP_SECRETMANAGER_ENDPOINT'] ?? '';
    const [host = '', port = ''] = endpoint.split(':');
    const project = server.env['GCP_PROJECT'] ?? '';
    const gcp = new SecretManagerServiceClient({
      apiEndpoint: host,
      port: Number(port),
      fallback: true,
      protocol: 'http',
      projectId: project,
      authClient: new PassThroughClient(),
    });
    cleanups.push(() => gcp.close());
    const create = async (id: string, values: string[], labels: Record<string, string> = {}) => {
      await gcp.createSecret({
        parent: `projects/${project}`,
        secretId: id,
        secret: { replication: { automatic: {} }, labels },
      });
      for (const value of values) {
        await gcp.addSecretVersion({
          parent: `projects/${project}/secrets/${id}`,
          payload: { data: Buffer.from(value, 'utf8') },
        });
      }
    };
    await create('db-credentials', [JSON.stringify({ username: 'app', password: 'gcp-pass-E1' })]);
    await create('db-ca', ['ca-v1-E2', 'ca-v2-E3', 'ca-v3-E4', 'ca-v4-E5']);
    await create('payments-token', ['gcp-payments-E6'], { team: 'payments' });
    await create('search-token', ['not-ours-E7'], { team: 'search' });
    const namespace = await applyExample(
      'gcpsm',
      'secret-store-emulator.yaml',
      (object) => {
        const block = object.spec?.provider?.['gcpsm'];
        if (block) Object.assign(block, { projectID: project, endpoint: `http://${endpoint}` });
      },
      ['gcp-pass-E1', 'ca-v3-E4', 'gcp-payments-E6'],
    );
    await waitForReason(admin, namespace, 'app-db', 'SecretSynced');
    expect(decoded(await readSecret(admin, namespace, 'app-db'))).toEqual({
      password: 'gcp-pass-E1',
      'tls-ca': 'ca-v3-E4',
      'payments-token': 'gcp-payments-E6',
    });
  });
});
