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

  it('an allow window that is open lets periodic refreshes through', async () => {
    // Opens every minute for a minute (the shortest window there is): always open. When within a
    // window a refresh happens is the unit tests' (sync-windows.test.ts); here, that one passes at all.
    await applyObjects(admin, [
      windowed('allow-open', { kind: 'allow', windows: [{ schedule: '* * * * *', duration: '1m' }] }),
    ]);
    await waitForReason(admin, namespace, 'allow-open', 'SecretSynced');
    await new Promise((resolve) => setTimeout(resolve, 3_500)); // about three refresh intervals
    expect(refreshesOf('allow-open')).toBeGreaterThanOrEqual(2);
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
    for (const duration of ['0s', '1ns', '59s'])
      expect(await rejection({ kind: 'deny', windows: [{ schedule: '@daily', duration }] })).toContain(
        "a sync window lasts at least 1m (cron's own granularity)",
      );
    expect(
      await rejection({ kind: 'deny', windows: [{ schedule: '@daily', duration: '1 hour' }] }),
    ).toContain('expected a duration such as');
    for (const schedule of ['@every 0h', '@every 1ns', '@every 59.9s'])
      expect(await rejection({ kind: 'deny', windows: [{ schedule, duration: '1h' }] })).toContain(
        '"@every" needs an interval of at least 1m (cron\'s own granularity)',
      );
    expect(
      await rejection({ kind: 'allow', windows: [{ schedule: '@every 6h', duration: '1h' }] }),
    ).toBeUndefined();
    expect(
      await rejection({ kind: 'allow', windows: [{ schedule: '@every 1m', duration: '60s' }] }),
    ).toBeUndefined();
  });
});
