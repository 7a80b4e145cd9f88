// A store without credentials of its own acts as the operator itself (the AWS SDK's default chain
// here): a ClusterSecretStore may, a namespaced SecretStore may not unless the cluster operator
// allows it with --namespaced-stores-ambient-credentials. Against moto and the real control plane;
// the operator runs with AWS keys in its environment, which its default chain finds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CustomObjectsApi, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClusterSecretStore, SecretStore } from '../../operator/api/v1alpha1/index.ts';
import {
  OperatorIdentityRefusedError,
  StoreClients,
} from '../../operator/controllers/store-clients/index.ts';
import { ClusterClient } from '../../operator/kube/index.ts';
import { startMotoServer } from '../provider-servers/moto/index.ts';
import type { ProviderServer } from '../provider-servers/types.ts';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';
import { applyObjects } from '../support/manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from '../support/namespaced-operator.ts';
import type { OperatorProcess } from '../support/operator-process.ts';
import { decoded, eventually, readSecret, readyCondition, waitForReason } from '../support/waiting.ts';

const api = 'ferry.dev/v1alpha1';
const planted = 'ambient-db-pass-Hq7';
const remoteKey = 'ambient/db-password';

describe("the operator's own identity (real control plane, moto, real operator process)", () => {
  const admin = adminKubeConfig();
  const custom = admin.makeApiClient(CustomObjectsApi);
  let server: ProviderServer;
  let serverDir: string;
  const cleanups: (() => Promise<void>)[] = [];

  /** The operator's environment: the keys the AWS SDK's default chain picks up. */
  const operatorKeys = (): Record<string, string> => ({
    AWS_ACCESS_KEY_ID: server.env['AWS_ACCESS_KEY_ID'] ?? '',
    AWS_SECRET_ACCESS_KEY: server.env['AWS_SECRET_ACCESS_KEY'] ?? '',
  });
  /** An aws provider block without auth, pointed at moto. */
  const awsWithoutAuth = (): Record<string, unknown> => ({
    aws: {
      service: 'SecretsManager',
      region: server.env['AWS_REGION'],
      endpoint: server.env['AWS_ENDPOINT_URL'],
      stsEndpoint: server.env['AWS_ENDPOINT_URL'],
    },
  });
  const storeWithoutAuth = (namespace: string): KubernetesObject =>
    ({
      apiVersion: api,
      kind: 'SecretStore',
      metadata: { name: 'no-auth', namespace },
      spec: { provider: awsWithoutAuth() },
    }) as KubernetesObject;
  const externalSecret = (namespace: string): KubernetesObject =>
    ({
      apiVersion: api,
      kind: 'ExternalSecret',
      metadata: { name: 'db', namespace },
      spec: {
        secretStoreRef: { name: 'no-auth' },
        data: [{ secretKey: 'password', remoteRef: { key: remoteKey } }],
      },
    }) as KubernetesObject;

  async function operatorIn(prefix: string, env: Record<string, string>): Promise<[string, OperatorProcess]> {
    const namespace = await createTestNamespace(admin, prefix);
    const operator = await startNamespacedOperator(namespace, env);
    cleanups.push(async () => {
      await stopAndCheckOutput(operator, [planted]);
      await deleteNamespace(admin, namespace);
    });
    return [namespace, operator];
  }

  beforeAll(async () => {
    serverDir = mkdtempSync(join(tmpdir(), 'ferry-ambient-'));
    server = await startMotoServer({ dir: serverDir, detached: false });
    const seeder = new SecretsManagerClient({
      region: server.env['AWS_REGION'] ?? '',
      endpoint: server.env['AWS_ENDPOINT_URL'] ?? '',
      credentials: {
        accessKeyId: server.env['AWS_ACCESS_KEY_ID'] ?? '',
        secretAccessKey: server.env['AWS_SECRET_ACCESS_KEY'] ?? '',
      },
    });
    await seeder.send(new CreateSecretCommand({ Name: remoteKey, SecretString: planted }));
    seeder.destroy();
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await server.stop();
    rmSync(serverDir, { recursive: true, force: true });
  });

  it('refuses a namespaced SecretStore without auth, calls no AWS API, and its ExternalSecret says why', async () => {
    const [namespace, operator] = await operatorIn('ambient-refused', operatorKeys());
    await applyObjects(admin, [storeWithoutAuth(namespace), externalSecret(namespace)]);
    const store = await vi.waitFor(async () => {
      const read = (await custom.getNamespacedCustomObject({
        group: 'ferry.dev',
        version: 'v1alpha1',
        plural: 'secretstores',
        namespace,
        name: 'no-auth',
      })) as {
        status?: { conditions?: { type: string; status: string; reason: string; message: string }[] };
      };
      const ready = read.status?.conditions?.find((condition) => condition.type === 'Ready');
      expect(ready?.reason).toBe('AmbientCredentialsNotAllowed');
      return ready;
    }, eventually);
    expect(store).toMatchObject({
      status: 'False',
      message:
        'SecretStore "no-auth": spec.provider.aws brings no credentials of its own, so it would use the operator\'s own AWS identity (the AWS SDK\'s default credential chain: environment variables, shared config, web identity token file, container or instance role), which a namespaced SecretStore may not: add auth.secretRef or auth.jwt, use a ClusterSecretStore, or ask the cluster operator to start Ferry with --namespaced-stores-ambient-credentials',
    });
    const es = await waitForReason(admin, namespace, 'db', 'StoreNotReady');
    expect(readyCondition(es)?.message).toContain('--namespaced-stores-ambient-credentials');
    expect(await readSecret(admin, namespace, 'db')).toBeUndefined();
    // Not one call reached AWS: the refusal comes before any client is built.
    const metrics = (await operator.get('/metrics')).body;
    expect(metrics).not.toMatch(/ferry_provider_calls_total\{[^}]*provider="aws"/);
  });

  it('lets the same SecretStore read as the operator when the cluster operator allows it', async () => {
    const [namespace] = await operatorIn('ambient-allowed', {
      ...operatorKeys(),
      FERRY_NAMESPACED_STORES_AMBIENT_CREDENTIALS: 'true',
    });
    await applyObjects(admin, [storeWithoutAuth(namespace), externalSecret(namespace)]);
    await waitForReason(admin, namespace, 'db', 'SecretSynced');
    expect(decoded(await readSecret(admin, namespace, 'db'))).toEqual({ password: planted });
  });

  // At the store-client layer, where the decision is made: a ClusterSecretStore applied to the shared
  // control plane would also be validated by the operators of the other test files, without keys.
  it('lets a ClusterSecretStore without auth read as the operator, and refuses the same spec as a SecretStore', async () => {
    const keys = operatorKeys();
    const saved = Object.fromEntries(Object.keys(keys).map((name) => [name, process.env[name]]));
    Object.assign(process.env, keys);
    const storeClients = new StoreClients(new ClusterClient(admin, 'ambient-credentials-test'));
    try {
      const spec = { provider: awsWithoutAuth() };
      const clusterStore = ClusterSecretStore.parse({
        apiVersion: api,
        kind: 'ClusterSecretStore',
        metadata: { name: 'ambient-cluster', uid: 'u1', generation: 1 },
        spec,
      });
      const client = await storeClients.forStore(clusterStore);
      const value = await client.getSecret({ key: remoteKey }, new AbortController().signal);
      expect(new TextDecoder().decode(value)).toBe(planted);

      const namespaced = SecretStore.parse({
        apiVersion: api,
        kind: 'SecretStore',
        metadata: { name: 'ambient-namespaced', namespace: 'team-a', uid: 'u2', generation: 1 },
        spec,
      });
      await expect(storeClients.forStore(namespaced)).rejects.toThrow(OperatorIdentityRefusedError);
    } finally {
      await storeClients.close();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) Reflect.deleteProperty(process.env, name);
        else process.env[name] = value;
      }
    }
  });
});
