// The cluster operator's floor under refresh intervals (--min-refresh-interval): an ExternalSecret
// asking for less refreshes at the floor's pace, and its Ready message says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';
import { externalSecretObject, fakeStoreObject } from '../support/ferry-objects.ts';
import { applyObjects } from '../support/manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from '../support/namespaced-operator.ts';
import type { OperatorProcess } from '../support/operator-process.ts';
import { readyCondition, waitForReason } from '../support/waiting.ts';

const planted = 's3cr3t-floor-733';

describe('--min-refresh-interval (real control plane, real operator process)', () => {
  const admin = adminKubeConfig();
  let namespace: string;
  let operator: OperatorProcess;

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'floor');
    operator = await startNamespacedOperator(namespace, { FERRY_MIN_REFRESH_INTERVAL: '3s' });
    await applyObjects(admin, [fakeStoreObject(namespace, 'fake', [{ key: 'k', value: planted }])]);
  });

  afterAll(async () => {
    await stopAndCheckOutput(operator, [planted]);
    await deleteNamespace(admin, namespace);
  });

  const refreshTimesOf = (name: string) =>
    operator
      .logs()
      .filter((entry) => entry.msg === 'refreshed; nothing changed' && entry['name'] === name)
      .map((entry) => Date.parse(String(entry['time'])));

  it('raises a shorter refreshInterval to the floor, and says so in the Ready message', async () => {
    await applyObjects(admin, [
      externalSecretObject(namespace, 'eager', {
        refreshInterval: '1s',
        data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
      }),
    ]);
    const es = await waitForReason(admin, namespace, 'eager', 'SecretSynced');
    expect(readyCondition(es)?.message).toBe(
      `Secret "eager" created; refreshInterval 1s is below this operator's minimum, so it refreshes every 3s (--min-refresh-interval, set by the cluster operator)`,
    );

    await new Promise((resolve) => setTimeout(resolve, 8_000)); // 8 intervals asked, under 3 allowed
    const refreshedAt = refreshTimesOf('eager');
    expect(refreshedAt.length).toBeGreaterThanOrEqual(1);
    expect(refreshedAt.length).toBeLessThanOrEqual(3);
    for (const [index, at] of refreshedAt.entries()) {
      if (index > 0) expect(at - (refreshedAt[index - 1] ?? 0)).toBeGreaterThanOrEqual(2_900);
    }
  });
});
