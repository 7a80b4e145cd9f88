// examples/aws, examples/vault, examples/gcpsm and examples/azurekv applied as a person would, with
// the store pointed at the run's real test server: the remote secrets each example's comments
// describe are created through the server's own API by the same seeding `make dev-providers` uses,
// and the Secret the example promises appears.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import {
  seedGcpSecretManagerExampleData,
  startGcpSecretManagerServer,
} from '../provider-servers/gcp-secret-manager/index.ts';
import {
  isLowkeyVaultAvailable,
  seedLowkeyVaultExampleData,
  startLowkeyVault,
} from '../provider-servers/lowkey-vault/index.ts';
import { seedMotoExampleData, startMotoServer } from '../provider-servers/moto/index.ts';
import {
  exampleOpenBaoRootToken,
  seedOpenBaoExampleData,
  startOpenBaoServer,
} from '../provider-servers/openbao/index.ts';
import type { ProviderServer, ProviderServerOptions, SeedExampleData } from '../provider-servers/types.ts';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';
import { applyObjects, loadExample } from '../support/manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from '../support/namespaced-operator.ts';
import { decoded, readSecret, waitForReason } from '../support/waiting.ts';

const admin = adminKubeConfig();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Starts a server on a free port (a person's `make dev-providers` may hold the examples' ports) and seeds it. */
async function startSeededServer(
  start: (options: ProviderServerOptions) => Promise<ProviderServer>,
  seed: SeedExampleData,
): Promise<ProviderServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-examples-'));
  const server = await start({ dir, detached: false });
  cleanups.push(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  await seed(server.env);
  // Seeding is idempotent: `make dev-providers` seeds a running server again.
  expect(await seed(server.env)).toEqual([]);
  return server;
}

type ExampleObject = KubernetesObject & { spec?: { provider?: Record<string, Record<string, unknown>> } };

/** Applies the example's store (its provider block edited by `point`) and ExternalSecret, runs the operator. */
async function applyExample(
  provider: string,
  storeFile: string,
  point: (object: ExampleObject) => void,
  planted: string[],
  operatorEnv: Record<string, string> = {},
): Promise<string> {
  const namespace = await createTestNamespace(admin, `example-${provider}`);
  const objects = [
    ...loadExample(`${provider}/${storeFile}`, namespace),
    ...loadExample(`${provider}/external-secret.yaml`, namespace),
  ];
  for (const object of objects) point(object);
  await applyObjects(admin, objects);
  const operator = await startNamespacedOperator(namespace, operatorEnv);
  cleanups.push(async () => {
    await stopAndCheckOutput(operator, planted);
    await deleteNamespace(admin, namespace);
  });
  return namespace;
}

// `make test-tools` stops CI without Lowkey Vault's jar; a direct run without one skips, saying so.
const lowkeyVaultAvailable = await isLowkeyVaultAvailable('examples/azurekv');

describe('the provider examples, against real servers (real control plane, real operator)', () => {
  it('examples/aws with secret-store-moto.yaml', async () => {
    const server = await startSeededServer(startMotoServer, seedMotoExampleData);
    const endpoint = server.env['AWS_ENDPOINT_URL'] ?? '';
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
    // The example's root token, so its token Secret is applied as it is.
    const server = await startSeededServer(
      (options) => startOpenBaoServer({ ...options, rootToken: exampleOpenBaoRootToken }),
      seedOpenBaoExampleData,
    );
    const namespace = await applyExample(
      'vault',
      'secret-store-openbao-dev.yaml',
      (object) => {
        const block = object.spec?.provider?.['vault'];
        if (block) block['server'] = server.env['VAULT_ADDR'];
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
    const server = await startSeededServer(startGcpSecretManagerServer, seedGcpSecretManagerExampleData);
    const endpoint = server.env['GCP_SECRETMANAGER_ENDPOINT'] ?? '';
    // The example's projectID is kept: the data is seeded there.
    const namespace = await applyExample(
      'gcpsm',
      'secret-store-emulator.yaml',
      (object) => {
        const block = object.spec?.provider?.['gcpsm'];
        if (block) block['endpoint'] = `http://${endpoint}`;
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

  it.runIf(lowkeyVaultAvailable)('examples/azurekv with secret-store-lowkey-vault.yaml', async () => {
    const server = await startSeededServer(startLowkeyVault, seedLowkeyVaultExampleData);
    // The example's authType (ManagedIdentity, from Lowkey Vault's token endpoint) is kept.
    const namespace = await applyExample(
      'azurekv',
      'secret-store-lowkey-vault.yaml',
      (object) => {
        const block = object.spec?.provider?.['azurekv'];
        if (block) block['vaultUrl'] = server.env['AZURE_KEYVAULT_URL'];
      },
      ['azure-db-pass-K1', 'azure-pay-token-K2'],
      {
        NODE_EXTRA_CA_CERTS: server.env['AZURE_KEYVAULT_CA_FILE'] ?? '',
        AZURE_POD_IDENTITY_AUTHORITY_HOST: server.env['AZURE_POD_IDENTITY_AUTHORITY_HOST'] ?? '',
        // A managed identity is the operator's own: a namespaced SecretStore may use it only so.
        FERRY_NAMESPACED_STORES_AMBIENT_CREDENTIALS: 'true',
      },
    );
    await waitForReason(admin, namespace, 'database-credentials', 'SecretSynced');
    const secret = await readSecret(admin, namespace, 'database-credentials');
    const { 'client.cer': certificate, 'signing-key.jwk': jwk, ...plain } = decoded(secret);
    expect(plain).toEqual({
      username: 'app',
      password: 'azure-db-pass-K1',
      environment: 'production',
      'pay-api-token': 'azure-pay-token-K2',
    });
    expect(certificate).toBeDefined();
    const der = Buffer.from(secret?.data?.['client.cer'] ?? '', 'base64');
    expect(new X509Certificate(der).subject).toBe('CN=db-client-cert');
    expect(JSON.parse(jwk ?? '{}')).toMatchObject({ kty: 'RSA', e: 'AQAB' });
  });
});
