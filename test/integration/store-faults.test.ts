// A store whose server never answers, or goes away and comes back, beside ordinary tenants: the real
// operator against a real OpenBao behind the fault-injecting proxy (test/support/fault-proxy.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, CustomObjectsApi, EventsV1Api, type KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openBaoAdmin, startOpenBaoServer, type OpenBaoAdmin } from '../provider-servers/openbao/index.ts';
import type { ProviderServer } from '../provider-servers/types.ts';
import { FaultProxy } from '../support/fault-proxy.ts';
import { externalSecretObject, fakeStoreObject, type FerryObject } from '../support/ferry-objects.ts';
import { OperatorProcess } from '../support/operator-process.ts';
import { startPrivateControlPlane, type PrivateControlPlane } from '../support/private-control-plane.ts';
import { decoded, readSecret, readyCondition, type ExternalSecretObject } from '../support/waiting.ts';

const tarpitNamespace = 'tarpit';
const ordinaryNamespaces = ['ordinary-a', 'ordinary-b'];
const outageNamespace = 'outage';
const tarpitCount = 300;
const ordinaryCount = 20;
const outageCount = 20;
// --concurrency 32 (the default) gives each store 4 calls in flight; the store's own validation and
// the probe of its open circuit come on top.
const bulkhead = 4;

function vaultStore(namespace: string, server: string): FerryObject {
  return {
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'SecretStore',
    metadata: { name: 'vault', namespace },
    spec: {
      provider: {
        vault: {
          server,
          path: 'secret',
          version: 'v2',
          auth: { tokenSecretRef: { name: 'vault-token', key: 'token' } },
        },
      },
    },
  };
}

const vaultRead = (key: string, refreshInterval: string): Record<string, unknown> => ({
  refreshInterval,
  secretStoreRef: { name: 'vault', kind: 'SecretStore' },
  data: [{ secretKey: 'password', remoteRef: { key, property: 'value' } }],
});

// Two namespaces' tenants and a shared operator over every namespace: this file runs its own control plane.
describe('a store that never answers, or goes away, costs other tenants nothing and no Secret', () => {
  let controlPlane: PrivateControlPlane;
  let kubeConfig: KubeConfig;
  let openBao: ProviderServer;
  let openBaoDir: string;
  let admin: OpenBaoAdmin;
  let tarpit: FaultProxy;
  let flaky: FaultProxy;
  let operator: OperatorProcess | undefined;

  const custom = (): CustomObjectsApi => kubeConfig.makeApiClient(CustomObjectsApi);
  const create = (plural: string, body: FerryObject): Promise<unknown> =>
    custom().createNamespacedCustomObject({
      group: 'ferry.dev',
      version: 'v1alpha1',
      namespace: body.metadata?.namespace ?? '',
      plural,
      body,
    });
  const list = async (namespace: string, plural: string): Promise<ExternalSecretObject[]> =>
    (
      (await custom().listNamespacedCustomObject({
        group: 'ferry.dev',
        version: 'v1alpha1',
        namespace,
        plural,
      })) as {
        items: ExternalSecretObject[];
      }
    ).items;
  const storeReady = async (namespace: string): Promise<{ status: string; reason: string } | undefined> =>
    readyCondition(
      (await custom().getNamespacedCustomObject({
        group: 'ferry.dev',
        version: 'v1alpha1',
        namespace,
        plural: 'secretstores',
        name: 'vault',
      })) as ExternalSecretObject,
    );
  const storeEvents = async (
    namespace: string,
  ): Promise<{ type?: string; reason?: string; note?: string }[]> =>
    (
      await kubeConfig
        .makeApiClient(EventsV1Api)
        .listNamespacedEvent({ namespace, fieldSelector: 'regarding.kind=SecretStore,regarding.name=vault' })
    ).items;
  const secretsIn = async (namespace: string) =>
    (
      await kubeConfig
        .makeApiClient(CoreV1Api)
        .listNamespacedSecret({ namespace, labelSelector: 'ferry.dev/managed=true' })
    ).items;

  beforeAll(async () => {
    controlPlane = await startPrivateControlPlane('store-faults');
    kubeConfig = controlPlane.kubeConfig;
    openBaoDir = mkdtempSync(join(tmpdir(), 'ferry-openbao-faults-'));
    openBao = await startOpenBaoServer({ dir: openBaoDir, detached: false });
    admin = openBaoAdmin(openBao.env);
    await admin.writePolicy('reader', 'path "secret/*" { capabilities = ["read", "list"] }');
    const token = await admin.createToken(['reader']);
    await admin.writeKv2('secret', 'db', { value: 'before' });
    const { port } = new URL(openBao.env['VAULT_ADDR'] ?? '');
    const target = { host: '127.0.0.1', port: Number(port) };
    tarpit = await FaultProxy.start({ target, mode: 'hang' });
    flaky = await FaultProxy.start({ target, mode: 'pass' });

    const core = kubeConfig.makeApiClient(CoreV1Api);
    for (const name of [tarpitNamespace, outageNamespace, ...ordinaryNamespaces]) {
      await core.createNamespace({ body: { metadata: { name } } });
    }
    for (const namespace of [tarpitNamespace, outageNamespace]) {
      await core.createNamespacedSecret({
        namespace,
        body: { metadata: { name: 'vault-token' }, stringData: { token } },
      });
    }
    await create('secretstores', vaultStore(tarpitNamespace, tarpit.url));
    await create('secretstores', vaultStore(outageNamespace, flaky.url));
    for (const namespace of ordinaryNamespaces) {
      await create(
        'secretstores',
        fakeStoreObject(namespace, 'fake', [{ key: 'db', value: `${namespace}-password` }]),
      );
    }
    // Every tarpit ExternalSecret reads a key of its own: no two share a call.
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let index = next++; index < tarpitCount; index = next++) {
          await create('externalsecrets', {
            ...externalSecretObject(tarpitNamespace, `app-${index}`, {}),
            spec: vaultRead(`key-${index}`, '1h'),
          });
        }
      }),
    );
    for (let index = 0; index < outageCount; index++) {
      await create('externalsecrets', {
        ...externalSecretObject(outageNamespace, `app-${index}`, {}),
        spec: vaultRead('db', '2s'),
      });
    }
  });

  afterAll(async () => {
    await operator?.stop('SIGTERM').catch(() => undefined);
    await tarpit.stop();
    await flaky.stop();
    await openBao.stop();
    rmSync(openBaoDir, { recursive: true, force: true });
    await controlPlane.stop();
  });

  it('serves other namespaces while 300 ExternalSecrets wait on a tarpit, holding at most its bulkhead of connections to it', async () => {
    let mostConnections = 0;
    const sampler = setInterval(() => {
      mostConnections = Math.max(mostConnections, tarpit.openConnections);
    }, 20);
    try {
      const ferry = await OperatorProcess.start([
        `--kubeconfig=${controlPlane.kubeconfigPath}`,
        `--leader-election-namespace=${tarpitNamespace}`,
      ]);
      operator = ferry;
      await vi.waitFor(async () => expect((await ferry.get('/readyz')).status).toBe(200), {
        timeout: 60_000,
        interval: 100,
      });
      // The tarpit's calls are under way (or waiting for a slot) before the ordinary tenants arrive.
      await vi.waitFor(() => expect(tarpit.openConnections).toBeGreaterThan(0), {
        timeout: 20_000,
        interval: 50,
      });

      for (const namespace of ordinaryNamespaces) {
        for (let index = 0; index < ordinaryCount; index++) {
          await create(
            'externalsecrets',
            externalSecretObject(namespace, `app-${index}`, {
              refreshInterval: '1h',
              data: [{ secretKey: 'password', remoteRef: { key: 'db' } }],
            }),
          );
        }
      }
      await vi.waitFor(
        async () => {
          for (const namespace of ordinaryNamespaces)
            expect(await secretsIn(namespace)).toHaveLength(ordinaryCount);
        },
        { timeout: 25_000, interval: 200 },
      );
      // Order and progress: every ordinary Secret exists while no tarpit ExternalSecret has an answer yet.
      const tarpitReported = (await list(tarpitNamespace, 'externalsecrets')).filter((es) =>
        readyCondition(es),
      );
      expect(tarpitReported).toHaveLength(0);
      expect(decoded(await readSecret(kubeConfig, 'ordinary-a', 'app-0'))).toEqual({
        password: 'ordinary-a-password',
      });

      // The tarpit's calls time out (the adapter's 30 s), the circuit opens, every one of them says so.
      await vi.waitFor(
        async () => {
          const all = await list(tarpitNamespace, 'externalsecrets');
          const unavailable = all.filter((es) => readyCondition(es)?.reason === 'ProviderUnavailable');
          expect(unavailable).toHaveLength(tarpitCount);
        },
        { timeout: 75_000, interval: 1_000 },
      );
      const [es] = await list(tarpitNamespace, 'externalsecrets');
      expect(readyCondition(es as ExternalSecretObject)).toMatchObject({
        status: 'False',
        reason: 'ProviderUnavailable',
      });
      expect(readyCondition(es as ExternalSecretObject)?.message).toContain(
        `http://127.0.0.1:${String(tarpit.port)}`,
      );
      expect(await storeReady(tarpitNamespace)).toMatchObject({
        status: 'False',
        reason: 'ProviderUnavailable',
      });
      expect(await secretsIn(tarpitNamespace)).toHaveLength(0);
      expect(mostConnections).toBeGreaterThan(0);
      expect(mostConnections).toBeLessThanOrEqual(bulkhead + 2);
    } finally {
      clearInterval(sampler);
    }
  });

  it('an outage turns the store and its ExternalSecrets ProviderUnavailable, changes no Secret, and heals them all when the server is back', async () => {
    expect(operator).toBeDefined();
    await vi.waitFor(
      async () => {
        const secrets = await secretsIn(outageNamespace);
        expect(secrets).toHaveLength(outageCount);
        for (const secret of secrets) expect(decoded(secret)).toEqual({ password: 'before' });
      },
      { timeout: 30_000, interval: 200 },
    );
    const versionsBefore = new Map(
      (await secretsIn(outageNamespace)).map((secret) => [
        secret.metadata?.name,
        secret.metadata?.resourceVersion,
      ]),
    );

    await flaky.setMode('refuse');
    await vi.waitFor(
      async () => {
        const all = await list(outageNamespace, 'externalsecrets');
        expect(all.filter((es) => readyCondition(es)?.reason === 'ProviderUnavailable')).toHaveLength(
          outageCount,
        );
        expect(await storeReady(outageNamespace)).toMatchObject({
          status: 'False',
          reason: 'ProviderUnavailable',
        });
        expect(
          (await storeEvents(outageNamespace)).map((event) => [event.type, event.reason]),
        ).toContainEqual(['Warning', 'ProviderUnavailable']);
      },
      { timeout: 30_000, interval: 250 },
    );
    const [paused] = await list(outageNamespace, 'externalsecrets');
    expect(readyCondition(paused as ExternalSecretObject)?.message).toContain(
      `http://127.0.0.1:${String(flaky.port)}`,
    );
    // No Secret was deleted, blanked or rewritten.
    const during = await secretsIn(outageNamespace);
    expect(
      new Map(during.map((secret) => [secret.metadata?.name, secret.metadata?.resourceVersion])),
    ).toEqual(versionsBefore);

    // Changed upstream while unreachable: the healed Secrets must hold the new value.
    await admin.writeKv2('secret', 'db', { value: 'after' });
    await flaky.setMode('pass');
    await vi.waitFor(
      async () => {
        const all = await list(outageNamespace, 'externalsecrets');
        expect(all.filter((es) => readyCondition(es)?.status === 'True')).toHaveLength(outageCount);
        for (const secret of await secretsIn(outageNamespace))
          expect(decoded(secret)).toEqual({ password: 'after' });
        expect(await storeReady(outageNamespace)).toMatchObject({ status: 'True', reason: 'Valid' });
      },
      { timeout: 30_000, interval: 250 },
    );
    const closing = (await storeEvents(outageNamespace)).filter(
      (event) => event.type === 'Normal' && event.reason === 'Valid',
    );
    expect(closing.map((event) => event.note)).toContainEqual(
      expect.stringContaining('the store answers again'),
    );
  });
});
