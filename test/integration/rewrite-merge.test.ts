import type { KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';
import { applyObjects } from '../support/manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from '../support/namespaced-operator.ts';
import type { OperatorProcess } from '../support/operator-process.ts';
import { decoded, readSecret, readyCondition, waitForReason } from '../support/waiting.ts';

const api = 'ferry.dev/v1alpha1';
// Values planted in the store; none may show up in logs, status or Events.
const planted = ['s3cr3t-mongo-111', 's3cr3t-redis-222', 'merge-only-url-333'];

describe('dataFrom rewrite merge (real control plane, real operator process)', () => {
  const admin = adminKubeConfig();
  let namespace: string;
  let operator: OperatorProcess;

  const externalSecret = (name: string, dataFrom: unknown[]): KubernetesObject & { spec: unknown } => ({
    apiVersion: api,
    kind: 'ExternalSecret',
    metadata: { name, namespace },
    spec: { secretStoreRef: { name: 'fake' }, refreshInterval: '1h', dataFrom },
  });

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'merge');
    operator = await startNamespacedOperator(namespace);
    await applyObjects(admin, [
      {
        apiVersion: api,
        kind: 'SecretStore',
        metadata: { name: 'fake', namespace },
        spec: {
          provider: {
            fake: {
              data: [
                { key: 'creds/mongo', value: '{"username":"mongo-user","password":"s3cr3t-mongo-111"}' },
                {
                  key: 'creds/redis',
                  value: '{"host":"redis.internal","port":6379,"password":"s3cr3t-redis-222"}',
                },
                {
                  key: 'config/app',
                  value: '{"primary":{"url":"merge-only-url-333"},"fallback":{"url":"b","timeout":"5s"}}',
                },
              ],
            },
          },
        },
      } as KubernetesObject & { spec: unknown },
    ]);
  });

  afterAll(async () => {
    await stopAndCheckOutput(operator, planted);
    await deleteNamespace(admin, namespace);
  });

  it('merges found JSON values into keys (Extract) and an extracted map into one JSON key (JSON)', async () => {
    await applyObjects(admin, [
      externalSecret('merged', [
        {
          find: { path: 'creds/' },
          rewrite: [{ merge: { priority: ['creds/redis'], conflictPolicy: 'Ignore' } }],
        },
        {
          extract: { key: 'config/app' },
          rewrite: [
            {
              merge: { strategy: 'JSON', into: 'app.json', priority: ['primary'], conflictPolicy: 'Ignore' },
            },
          ],
        },
      ]),
    ]);
    const es = await waitForReason(admin, namespace, 'merged', 'SecretSynced');
    expect(readyCondition(es)?.status).toBe('True');
    expect(decoded(await readSecret(admin, namespace, 'merged'))).toEqual({
      // creds/redis is merged last (priority), so its password wins the ignored conflict.
      username: 'mongo-user',
      password: 's3cr3t-redis-222',
      host: 'redis.internal',
      port: '6379',
      // JSON keeps the extracted keys and adds the merged object, keys sorted as Go's json.Marshal.
      primary: '{"url":"merge-only-url-333"}',
      fallback: '{"url":"b","timeout":"5s"}',
      'app.json': '{"timeout":"5s","url":"merge-only-url-333"}',
    });
  });

  it('reports a conflict as InvalidSpec naming the field and keys, never a value, and writes no Secret', async () => {
    await applyObjects(admin, [
      externalSecret('conflict', [{ find: { path: 'creds/' }, rewrite: [{ merge: {} }] }]),
    ]);
    const es = await waitForReason(admin, namespace, 'conflict', 'InvalidSpec');
    const ready = readyCondition(es);
    expect(ready?.status).toBe('False');
    expect(ready?.message).toContain(
      'spec.dataFrom[0].rewrite[0].merge: the field "password" (in "creds/mongo", "creds/redis") appears in more than one value',
    );
    const serialized = JSON.stringify(es.status);
    for (const value of planted) expect(serialized).not.toContain(value);
    expect(await readSecret(admin, namespace, 'conflict')).toBeUndefined();
  });
});
