// Memory bounded by what is in use: hundreds of AWS SecretStores (moto), one ExternalSecret each,
// served by an operator process with the deploy manifests' heap settings and a client cache far
// smaller than the number of stores. Every store's client is built, evicted and rebuilt as the
// stores take turns; every ExternalSecret must become Ready and the process must never restart.
// What it proves is eviction and re-creation under a bound ten times smaller than the stores in use.
// At this scale an unbounded cache survives too: the crash took 2,500 stores (issue #23), beyond
// this suite's time limit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMotoServer } from '../provider-servers/moto/index.ts';
import type { ProviderServer } from '../provider-servers/types.ts';
import { externalSecretObject, type FerryObject } from '../support/ferry-objects.ts';
import { OperatorProcess } from '../support/operator-process.ts';
import { startPrivateControlPlane, type PrivateControlPlane } from '../support/private-control-plane.ts';
import { decoded, readSecret, readyCondition, type ExternalSecretObject } from '../support/waiting.ts';

const namespace = 'many-stores';
const stores = 400;
const cacheSize = 40;
// config/manager/manager.yaml's NODE_OPTIONS.
const manifestHeap = '--max-semi-space-size=4 --max-old-space-size=112';

describe('hundreds of AWS stores with a small client cache, under the manifests’ heap settings', () => {
  let controlPlane: PrivateControlPlane;
  let kubeConfig: KubeConfig;
  let moto: ProviderServer;
  let motoDir: string;
  let operator: OperatorProcess | undefined;

  const custom = (): CustomObjectsApi => kubeConfig.makeApiClient(CustomObjectsApi);
  const create = (plural: string, body: FerryObject): Promise<unknown> =>
    custom().createNamespacedCustomObject({
      group: 'ferry.dev',
      version: 'v1alpha1',
      namespace,
      plural,
      body,
    });

  beforeAll(async () => {
    motoDir = mkdtempSync(join(tmpdir(), 'ferry-many-stores-'));
    moto = await startMotoServer({ dir: motoDir, detached: false });
    const endpoint = moto.env['AWS_ENDPOINT_URL'] ?? '';
    const region = moto.env['AWS_REGION'] ?? '';
    const accessKeyId = moto.env['AWS_ACCESS_KEY_ID'] ?? '';
    const secretAccessKey = moto.env['AWS_SECRET_ACCESS_KEY'] ?? '';
    const seed = new SecretsManagerClient({
      region,
      endpoint,
      credentials: { accessKeyId, secretAccessKey },
    });
    await seed.send(new CreateSecretCommand({ Name: 'db', SecretString: 'from-moto' }));
    seed.destroy();

    controlPlane = await startPrivateControlPlane('many-stores');
    kubeConfig = controlPlane.kubeConfig;
    const core = kubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'aws' }, stringData: { id: accessKeyId, secret: secretAccessKey } },
    });
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let index = next++; index < stores; index = next++) {
          await create('secretstores', {
            apiVersion: 'ferry.dev/v1alpha1',
            kind: 'SecretStore',
            metadata: { name: `aws-${String(index)}`, namespace },
            spec: {
              provider: {
                aws: {
                  service: 'SecretsManager',
                  region,
                  endpoint,
                  auth: {
                    secretRef: {
                      accessKeyIDSecretRef: { name: 'aws', key: 'id' },
                      secretAccessKeySecretRef: { name: 'aws', key: 'secret' },
                    },
                  },
                },
              },
            },
          });
          await create(
            'externalsecrets',
            externalSecretObject(namespace, `app-${String(index)}`, {
              secretStoreRef: { name: `aws-${String(index)}` },
              refreshInterval: '1h',
              data: [{ secretKey: 'password', remoteRef: { key: 'db' } }],
            }),
          );
        }
      }),
    );
  });

  afterAll(async () => {
    await operator?.stop('SIGTERM').catch(() => undefined);
    await controlPlane.stop();
    await moto.stop();
    rmSync(motoDir, { recursive: true, force: true });
  });

  it('makes every ExternalSecret Ready without the process restarting', async () => {
    const ferry = await OperatorProcess.start(
      [
        `--kubeconfig=${controlPlane.kubeconfigPath}`,
        `--namespace=${namespace}`,
        `--provider-client-cache-size=${String(cacheSize)}`,
      ],
      { NODE_OPTIONS: manifestHeap },
    );
    operator = ferry;
    let exited: number | null | undefined;
    void ferry.waitForExit().then((code) => (exited = code));
    const notReady = async (): Promise<number> => {
      const list = (await custom().listNamespacedCustomObject({
        group: 'ferry.dev',
        version: 'v1alpha1',
        namespace,
        plural: 'externalsecrets',
      })) as { items: ExternalSecretObject[] };
      return list.items.filter((es) => readyCondition(es)?.status !== 'True').length;
    };
    await vi.waitFor(
      async () => {
        expect(exited).toBeUndefined();
        expect(await notReady()).toBe(0);
      },
      { timeout: 100_000, interval: 1_000 },
    );
    expect(decoded(await readSecret(kubeConfig, namespace, `app-${String(stores - 1)}`))).toEqual({
      password: 'from-moto',
    });
    expect(exited).toBeUndefined();
    expect((await ferry.get('/healthz')).status).toBe(200);
  }, 115_000);
});
