// The ordinary tenants of an isolation scenario: ExternalSecrets of the fake provider that must keep
// becoming Ready while a hostile object sits in another namespace.
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { externalSecretObject, fakeStoreObject } from './ferry-objects.ts';
import type { ExternalSecretObject } from './waiting.ts';

const ferry = { group: 'ferry.dev', version: 'v1alpha1' };
const remoteKey = 'ordinary';

export interface OrdinaryProgress {
  total: number;
  /** ExternalSecrets whose Ready condition is True. */
  ready: number;
  /** Their Secrets that hold the store's value. */
  secretsWritten: number;
  elapsedMs: number;
}

/** A fake store and `count` ExternalSecrets reading one value from it, created as fast as allowed. */
export async function createOrdinaryExternalSecrets(
  kubeConfig: KubeConfig,
  namespace: string,
  count: number,
  value: string,
): Promise<void> {
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  const create = (plural: string, body: object): Promise<unknown> =>
    custom.createNamespacedCustomObject({ ...ferry, namespace, plural, body });
  await create('secretstores', fakeStoreObject(namespace, 'fake', [{ key: remoteKey, value }]));
  for (let index = 0; index < count; index++) {
    await create(
      'externalsecrets',
      externalSecretObject(namespace, `ordinary-${index}`, {
        refreshInterval: '1h',
        data: [{ secretKey: 'value', remoteRef: { key: remoteKey } }],
      }),
    );
  }
}

/**
 * Waits (up to `timeoutMs`, or until `hopeless` says nothing will change any more) until every
 * ExternalSecret of `namespace` is Ready and wrote `value`.
 */
export async function waitForOrdinaryReady(
  kubeConfig: KubeConfig,
  namespace: string,
  count: number,
  value: string,
  timeoutMs: number,
  hopeless: () => boolean = () => false,
): Promise<OrdinaryProgress> {
  const startedAt = performance.now();
  let progress: OrdinaryProgress = { total: count, ready: 0, secretsWritten: 0, elapsedMs: 0 };
  while (performance.now() - startedAt < timeoutMs) {
    progress = await ordinaryProgress(kubeConfig, namespace, count, value, startedAt);
    if (progress.ready === count && progress.secretsWritten === count) return progress;
    if (hopeless()) return progress;
    await sleep(1_000);
  }
  return progress;
}

async function ordinaryProgress(
  kubeConfig: KubeConfig,
  namespace: string,
  count: number,
  value: string,
  startedAt: number,
): Promise<OrdinaryProgress> {
  const list = (await kubeConfig
    .makeApiClient(CustomObjectsApi)
    .listNamespacedCustomObject({ ...ferry, namespace, plural: 'externalsecrets' })) as {
    items: ExternalSecretObject[];
  };
  const ready = list.items.filter((es) =>
    es.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True'),
  ).length;
  const secrets = await kubeConfig
    .makeApiClient(CoreV1Api)
    .listNamespacedSecret({ namespace, labelSelector: 'ferry.dev/managed=true' });
  const expected = Buffer.from(value).toString('base64');
  const secretsWritten = secrets.items.filter((secret) => secret.data?.['value'] === expected).length;
  return { total: count, ready, secretsWritten, elapsedMs: Math.round(performance.now() - startedAt) };
}
