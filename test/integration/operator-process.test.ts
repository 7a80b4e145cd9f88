import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoordinationV1Api, RbacAuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  adminKubeConfig,
  adminKubeconfigPath,
  createTestNamespace,
  deleteNamespace,
  serviceAccountKubeConfig,
} from '../support/cluster.ts';
import { OperatorProcess } from '../support/operator-process.ts';

const waitLong = { timeout: 60_000, interval: 200 };

function writeKubeconfig(kubeConfig: KubeConfig): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ferry-kubeconfig-')), 'kubeconfig');
  writeFileSync(path, kubeConfig.exportConfig(), { mode: 0o600 });
  return path;
}

describe('the operator process against a real control plane', () => {
  const admin = adminKubeConfig();
  let namespace: string;
  const running: OperatorProcess[] = [];
  const start = async (args: string[], env: NodeJS.ProcessEnv = {}): Promise<OperatorProcess> => {
    const operator = await OperatorProcess.start(args, env);
    running.push(operator);
    return operator;
  };

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'operator');
  });
  afterAll(async () => {
    await Promise.all(running.map((operator) => operator.stop('SIGKILL').catch(() => undefined)));
    await deleteNamespace(admin, namespace);
  });

  it('becomes ready once its caches synced, serves metrics, and exits 0 on SIGTERM', async () => {
    const operator = await start([
      `--kubeconfig=${adminKubeconfigPath()}`,
      `--namespace=${namespace}`,
      `--leader-election-namespace=${namespace}`,
      '--log-level=debug',
    ]);

    await vi.waitFor(async () => expect((await operator.get('/readyz')).status).toBe(200), waitLong);
    expect((await operator.get('/healthz')).status).toBe(200);
    const verbose = await operator.get('/readyz?verbose');
    expect(verbose.body).toContain('[+]informer/managed-secrets ok');
    // Each kind is watched once, even where two controllers use it.
    expect(verbose.body.match(/informer\/secretstores /g)).toHaveLength(1);
    const metrics = await operator.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('ferry_process_cpu_user_seconds_total');

    const started = operator.logs().find((entry) => entry.msg === 'starting ferry');
    expect(started).toMatchObject({ level: 'info', kubeconfigSource: 'flag' });
    expect(
      operator
        .logs()
        .some((entry) => entry.msg === 'informer synced' && entry['informer'] === 'managed-secrets'),
    ).toBe(true);

    expect(await operator.stop('SIGTERM')).toBe(0);
    expect(operator.logs().some((entry) => entry.msg === 'stopped')).toBe(true);
  });

  it('reports not ready while it may not list Secrets, and recovers without a restart once RBAC allows it', async () => {
    const identity = await serviceAccountKubeConfig(admin, namespace, 'ferry-unprivileged');
    const operator = await start([
      `--kubeconfig=${writeKubeconfig(identity)}`,
      `--namespace=${namespace}`,
      `--leader-election-namespace=${namespace}`,
    ]);

    // Its informers' lists are forbidden: alive, not ready, retrying.
    await vi.waitFor(
      () => expect(operator.logs().some((entry) => entry.msg === 'informer stopped; restarting')).toBe(true),
      waitLong,
    );
    expect((await operator.get('/healthz')).status).toBe(200);
    const notReady = await operator.get('/readyz?verbose');
    expect(notReady.status).toBe(503);
    expect(notReady.body).toContain('[-]informer/managed-secrets not ready');
    expect(notReady.body).toContain('[-]informer/externalsecrets not ready');

    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace,
      body: {
        metadata: { name: 'ferry-secrets-reader' },
        rules: [
          { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch', 'create'] },
          {
            apiGroups: ['ferry.dev'],
            resources: ['externalsecrets', 'secretstores'],
            verbs: ['get', 'list', 'watch'],
          },
        ],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace,
      body: {
        metadata: { name: 'ferry-secrets-reader' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'ferry-secrets-reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'ferry-unprivileged', namespace }],
      },
    });

    await rbac.createClusterRole({
      body: {
        metadata: { name: `ferry-cluster-stores-${namespace}` },
        rules: [
          { apiGroups: ['ferry.dev'], resources: ['clustersecretstores'], verbs: ['get', 'list', 'watch'] },
        ],
      },
    });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: `ferry-cluster-stores-${namespace}` },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: `ferry-cluster-stores-${namespace}`,
        },
        subjects: [{ kind: 'ServiceAccount', name: 'ferry-unprivileged', namespace }],
      },
    });

    await vi.waitFor(async () => expect((await operator.get('/readyz')).status).toBe(200), waitLong);
    expect(await operator.stop('SIGTERM')).toBe(0);
    await rbac.deleteClusterRoleBinding({ name: `ferry-cluster-stores-${namespace}` });
    await rbac.deleteClusterRole({ name: `ferry-cluster-stores-${namespace}` });
  });

  it('with leader election, one replica leads and the standby takes over when the leader stops', async () => {
    const args = [
      `--kubeconfig=${adminKubeconfigPath()}`,
      `--namespace=${namespace}`,
      '--leader-elect',
      `--leader-election-namespace=${namespace}`,
      '--leader-election-id=ferry-test-leader',
    ];
    const first = await start(args, { POD_NAME: 'replica-a' });
    await vi.waitFor(
      () => expect(first.logs().some((entry) => entry.msg === 'became leader')).toBe(true),
      waitLong,
    );
    const second = await start(args, { POD_NAME: 'replica-b' });
    await vi.waitFor(async () => expect((await second.get('/readyz')).status).toBe(200), waitLong);
    expect(second.logs().some((entry) => entry.msg === 'became leader')).toBe(false);

    const leases = admin.makeApiClient(CoordinationV1Api);
    const held = await leases.readNamespacedLease({ name: 'ferry-test-leader', namespace });
    expect(held.spec?.holderIdentity).toMatch(/^replica-a_/);

    expect(await first.stop('SIGTERM')).toBe(0);
    // The leader released the lease on the way out, so the standby need not wait for it to expire.
    await vi.waitFor(() => expect(second.logs().some((entry) => entry.msg === 'became leader')).toBe(true), {
      timeout: 10_000,
      interval: 100,
    });
    const taken = await leases.readNamespacedLease({ name: 'ferry-test-leader', namespace });
    expect(taken.spec?.holderIdentity).toMatch(/^replica-b_/);
    expect(taken.spec?.leaseTransitions).toBe(1);
    expect(await second.stop('SIGTERM')).toBe(0);
  });

  it('exits 2 with a message naming the flag when a flag is invalid', async () => {
    const operator = await start([`--kubeconfig=${adminKubeconfigPath()}`, '--concurrency=lots']);
    expect(await operator.waitForExit()).toBe(2);
    expect(operator.stderr.join('\n')).toContain('--concurrency');
  });
});
