import { KubernetesObjectApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';
import { externalSecretObject, fakeStoreObject } from '../support/ferry-objects.ts';
import { applyObjects } from '../support/manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from '../support/namespaced-operator.ts';
import type { OperatorProcess } from '../support/operator-process.ts';
import { decoded, readExternalSecret, readSecret, waitForReason } from '../support/waiting.ts';

const planted = 's3cr3t-window-417';

describe('spec.syncWindows (real control plane, real operator process)', () => {
  const admin = adminKubeConfig();
  const objects = KubernetesObjectApi.makeApiClient(admin);
  let namespace: string;
  let operator: OperatorProcess;

  // A daily one-hour window twelve hours away from now: closed for the whole test, whenever it runs.
  const farHour = (new Date().getUTCHours() + 12) % 24;
  const farWindow = [{ schedule: `0 ${String(farHour)} * * *`, duration: '1h' }];

  const windowed = (name: string, syncWindows: unknown) =>
    externalSecretObject(namespace, name, {
      refreshInterval: '1s',
      syncWindows,
      data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
    });

  const refreshesOf = (name: string) =>
    operator.logs().filter((entry) => entry.msg === 'refreshed; nothing changed' && entry['name'] === name)
      .length;

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'windows');
    operator = await startNamespacedOperator(namespace);
    await applyObjects(admin, [fakeStoreObject(namespace, 'fake', [{ key: 'k', value: planted }])]);
  });

  afterAll(async () => {
    await stopAndCheckOutput(operator, [planted]);
    await deleteNamespace(admin, namespace);
  });

  it('an allow window that is closed lets the first sync through, then holds periodic refreshes and status still', async () => {
    await applyObjects(admin, [
      windowed('allow-closed', { kind: 'allow', windows: farWindow }),
      windowed('deny-closed', { kind: 'deny', windows: farWindow }),
    ]);
    await waitForReason(admin, namespace, 'allow-closed', 'SecretSynced');
    await waitForReason(admin, namespace, 'deny-closed', 'SecretSynced');
    expect(decoded(await readSecret(admin, namespace, 'allow-closed'))).toEqual({ k: planted });
    const before = await readExternalSecret(admin, namespace, 'allow-closed');

    await new Promise((resolve) => setTimeout(resolve, 3_500)); // about three refresh intervals

    // Outside an allow window no periodic read happens and nothing is written; a closed deny
    // window does not hold refreshes back.
    expect(refreshesOf('allow-closed')).toBe(0);
    expect(refreshesOf('deny-closed')).toBeGreaterThanOrEqual(2);
    expect((await readExternalSecret(admin, namespace, 'allow-closed')).metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
  });

  it('an @every allow window: periodic refreshes happen only while it is open', async () => {
    // Open for 1s every 3s (at multiples of 3s since the epoch); due every second.
    await applyObjects(admin, [
      windowed('allow-every', { kind: 'allow', windows: [{ schedule: '@every 3s', duration: '1s' }] }),
    ]);
    await waitForReason(admin, namespace, 'allow-every', 'SecretSynced');
    await new Promise((resolve) => setTimeout(resolve, 7_000));

    const refreshedAt = operator
      .logs()
      .filter((entry) => entry.msg === 'refreshed; nothing changed' && entry['name'] === 'allow-every')
      .map((entry) => Date.parse(String(entry['time'])));
    expect(refreshedAt.length).toBeGreaterThanOrEqual(2);
    // Each read falls in a window (allowing 300 ms between the decision and the log line).
    for (const at of refreshedAt) expect(at % 3_000).toBeLessThanOrEqual(1_300);
  });

  it('reports a window the API server admits but cron cannot evaluate as InvalidSpec, naming the field once', async () => {
    // The CRD checks the shape of a cron expression; only the operator's schema knows minute 61 does not exist.
    await applyObjects(admin, [
      windowed('minute-61', { kind: 'allow', windows: [{ schedule: '61 * * * *', duration: '1h' }] }),
    ]);
    const es = await waitForReason(admin, namespace, 'minute-61', 'InvalidSpec');
    const message = es.status?.conditions?.find((condition) => condition.type === 'Ready')?.message;
    expect(message).toMatch(/^spec\.syncWindows\.windows\[0\]\.schedule: cron expression: /);
  });

  it('refuses bad windows at admission, saying what to fix', async () => {
    const rejection = async (syncWindows: unknown) => {
      try {
        await objects.create(windowed(`bad-${String(Math.random()).slice(2, 8)}`, syncWindows));
        return undefined;
      } catch (error) {
        return (JSON.parse(String((error as { body?: unknown }).body)) as { message: string }).message;
      }
    };
    expect(await rejection({ kind: 'Allow', windows: farWindow })).toContain('Unsupported value: "Allow"');
    expect(await rejection({ kind: 'allow', windows: [] })).toContain('should have at least 1 items');
    expect(await rejection({ kind: 'allow', windows: [{ schedule: '0 22 * *', duration: '1h' }] })).toContain(
      'expected a 5-field cron expression in UTC',
    );
    expect(
      await rejection({ kind: 'deny', windows: [{ schedule: '0 22 * * L', duration: '1h' }] }),
    ).toContain('expected a 5-field cron expression in UTC');
    expect(await rejection({ kind: 'deny', windows: [{ schedule: '@daily', duration: '0s' }] })).toContain(
      'a sync window needs a duration above zero',
    );
    expect(
      await rejection({ kind: 'deny', windows: [{ schedule: '@daily', duration: '1 hour' }] }),
    ).toContain('expected a duration such as');
    expect(await rejection({ kind: 'deny', windows: [{ schedule: '@every 0h', duration: '1h' }] })).toContain(
      '"@every" needs an interval above zero',
    );
    expect(
      await rejection({ kind: 'allow', windows: [{ schedule: '@every 6h', duration: '1h' }] }),
    ).toBeUndefined();
  });
});
