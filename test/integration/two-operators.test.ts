// Two `make run`s against one cluster: out of cluster, leader election is on by default too, so the
// second process stands by, says which process holds the Lease, and writes nothing until it leads.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoordinationV1Api, EventsV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  adminKubeConfig,
  adminKubeconfigPath,
  createTestNamespace,
  deleteNamespace,
  serviceAccountKubeConfig,
} from '../support/cluster.ts';
import { externalSecretObject, fakeStoreObject } from '../support/ferry-objects.ts';
import { applyObjects } from '../support/manifests.ts';
import { OperatorProcess, type LogEntry } from '../support/operator-process.ts';
import { decoded, eventually, readSecret, waitForReason } from '../support/waiting.ts';

const waitLong = { timeout: 120_000, interval: 200 };
const leaseName = 'ferry-leader';

describe('two operators out of cluster against one API server (make run twice)', () => {
  const admin = adminKubeConfig();
  const leases = admin.makeApiClient(CoordinationV1Api);
  let namespace: string;
  const running: OperatorProcess[] = [];

  // As `make run` starts it: a kubeconfig, no pod, no --leader-elect flag.
  const makeRun = async (): Promise<OperatorProcess> => {
    const operator = await OperatorProcess.start([
      `--kubeconfig=${adminKubeconfigPath()}`,
      `--namespace=${namespace}`,
      `--leader-election-namespace=${namespace}`,
    ]);
    running.push(operator);
    await vi.waitFor(async () => expect((await operator.get('/readyz')).status).toBe(200), waitLong);
    return operator;
  };
  const logged = (operator: OperatorProcess, msg: string): LogEntry | undefined =>
    operator.logs().find((entry) => entry.msg === msg);
  const holder = async (): Promise<string | undefined> =>
    (await leases.readNamespacedLease({ name: leaseName, namespace })).spec?.holderIdentity;
  /** The operator instances that recorded Events about the ExternalSecret. */
  const eventReporters = async (name: string): Promise<Set<string>> => {
    const events = await admin.makeApiClient(EventsV1Api).listNamespacedEvent({ namespace });
    return new Set(
      events.items
        .filter((event) => event.regarding?.kind === 'ExternalSecret' && event.regarding.name === name)
        .map((event) => event.reportingInstance ?? ''),
    );
  };

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'two-runs');
  });
  afterAll(async () => {
    await Promise.all(running.map((operator) => operator.stop('SIGKILL').catch(() => undefined)));
    await deleteNamespace(admin, namespace);
  });

  it('only the Lease holder reconciles; the other says it stands by and for whom, and takes over when it stops', async () => {
    const first = await makeRun();
    await vi.waitFor(() => expect(logged(first, 'became leader')).toBeDefined(), waitLong);
    const firstIdentity = await holder();
    // host + pid, so the standby's line says which process to look for.
    expect(firstIdentity).toMatch(new RegExp(`^${hostname()}_${String(first.pid)}_[0-9a-f]+$`));

    const second = await makeRun();
    await vi.waitFor(
      () =>
        expect(
          logged(second, 'standing by: another Ferry holds the Lease; this one takes over when it stops'),
        ).toMatchObject({
          level: 'info',
          lease: `${namespace}/${leaseName}`,
          holder: firstIdentity,
        }),
      waitLong,
    );

    await applyObjects(admin, [
      fakeStoreObject(namespace, 'fake', [{ key: 'token', value: 'first-value' }]),
      externalSecretObject(namespace, 'app', {
        refreshInterval: '1s',
        data: [{ secretKey: 'token', remoteRef: { key: 'token' } }],
      }),
    ]);
    await waitForReason(admin, namespace, 'app', 'SecretSynced');
    // Several refreshes later, every write about it still came from the first process alone.
    await vi.waitFor(async () => expect((await eventReporters('app')).size).toBeGreaterThan(0), eventually);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect([...(await eventReporters('app'))]).toEqual([firstIdentity]);
    expect(logged(second, 'controllers running')).toBeUndefined();
    expect(logged(second, 'became leader')).toBeUndefined();
    // One line, not one per retry.
    expect(second.logs().filter((entry) => String(entry.msg).startsWith('standing by'))).toHaveLength(1);

    expect(await first.stop('SIGTERM')).toBe(0);
    await vi.waitFor(() => expect(logged(second, 'controllers running')).toBeDefined(), waitLong);
    const secondIdentity = await holder();
    expect(secondIdentity).toMatch(new RegExp(`^${hostname()}_${String(second.pid)}_`));
    await applyObjects(admin, [
      fakeStoreObject(namespace, 'fake', [{ key: 'token', value: 'second-value' }]),
    ]);
    await vi.waitFor(
      async () => expect(decoded(await readSecret(admin, namespace, 'app')).token).toBe('second-value'),
      eventually,
    );
    await vi.waitFor(async () => expect(await eventReporters('app')).toContain(secondIdentity), eventually);
    expect(await second.stop('SIGTERM')).toBe(0);
  });

  it('with a kubeconfig that may not use the Lease, runs anyway and warns that it runs without leader election', async () => {
    const identity = await serviceAccountKubeConfig(admin, namespace, 'ferry-without-leases');
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    // Everything a namespaced operator needs, and no coordination.k8s.io (leases).
    await rbac.createNamespacedRole({
      namespace,
      body: {
        metadata: { name: 'ferry-without-leases' },
        rules: [{ apiGroups: ['', 'ferry.dev', 'events.k8s.io'], resources: ['*'], verbs: ['*'] }],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace,
      body: {
        metadata: { name: 'ferry-without-leases' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'ferry-without-leases' },
        subjects: [{ kind: 'ServiceAccount', name: 'ferry-without-leases', namespace }],
      },
    });
    const kubeconfigPath = join(mkdtempSync(join(tmpdir(), 'ferry-kubeconfig-')), 'kubeconfig');
    writeFileSync(kubeconfigPath, identity.exportConfig(), { mode: 0o600 });
    const operator = await OperatorProcess.start([
      `--kubeconfig=${kubeconfigPath}`,
      `--namespace=${namespace}`,
      `--leader-election-namespace=${namespace}`,
      '--leader-election-id=ferry-forbidden',
      '--cluster-stores=false',
    ]);
    running.push(operator);
    await vi.waitFor(() => expect(logged(operator, 'controllers running')).toBeDefined(), waitLong);
    const warning = operator
      .logs()
      .find((entry) => String(entry.msg).startsWith('running WITHOUT leader election'));
    expect(warning).toMatchObject({ level: 'warn', lease: `${namespace}/ferry-forbidden` });
    expect(logged(operator, 'controllers running')).toMatchObject({ leader: 'leader election off' });
    expect(await operator.stop('SIGTERM')).toBe(0);
  });
});
