// config/default, applied to the real control plane as it is (server-side apply), then the real
// operator run with the identity of the ServiceAccount those manifests create, with the flags and
// environment of their Deployment: every verb the controllers use is exercised under that identity
// and must succeed, while SubjectAccessReviews show what the same identity may not do. The
// operator watches only this file's namespaces (the control plane is shared), so the cluster-wide
// grants are checked by review rather than by use.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiextensionsV1Api,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  EventsV1Api,
  RbacAuthorizationV1Api,
  type KubernetesObject,
  type V1CustomResourceDefinition,
  type V1Deployment,
  type V1Pod,
  type V1PolicyRule,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freeLoopbackPort } from '../../controlplane/index.ts';
import { isAllowed, serviceAccountUser } from '../../support/access-review.ts';
import {
  adminKubeConfig,
  createTestNamespace,
  deleteNamespace,
  mintServiceAccountToken,
} from '../../support/cluster.ts';
import {
  findObject,
  startDeployedOperator,
  writeServiceAccountKubeconfig,
} from '../../support/deployed-operator.ts';
import { kustomizeBuild } from '../../support/kustomize.ts';
import { applyObjects, asClientModel } from '../../support/manifests.ts';
import { stopAndCheckOutput } from '../../support/namespaced-operator.ts';
import type { OperatorProcess } from '../../support/operator-process.ts';
import { decoded, eventually, readSecret, waitForReason } from '../../support/waiting.ts';
import { inNamespaces, serverSideApply } from './manifests.ts';

const api = 'ferry.dev/v1alpha1';
const ferryGroup = { group: 'ferry.dev', version: 'v1alpha1' };
const operatorNamespace = 'ferry-system';
const account = { namespace: operatorNamespace, name: 'ferry' };
const podName = 'ferry-rbac-test';
// Values of the samples and of this file's stores; none may show up in the operator's output.
const planted = [
  'fake-password-123',
  'example-db-password-4821',
  'example-billing-key-7730',
  'ephemeral-Kq2',
  'ephemeral-new-Kq3',
  'cluster-store-value-Jx5',
];

interface StoreStatus {
  status?: { conditions?: { type: string; status: string; message: string }[] };
}

const refusedInLogs = (operator: OperatorProcess | undefined): unknown[] =>
  (operator?.logs() ?? []).filter((entry) => /forbidden|\b403\b/i.test(JSON.stringify(entry)));

describe('config/default: RBAC proven by running the operator as its ServiceAccount', () => {
  const admin = adminKubeConfig();
  const core = admin.makeApiClient(CoreV1Api);
  const custom = admin.makeApiClient(CustomObjectsApi);
  const subject = serviceAccountUser(account.namespace, account.name);
  const suffix = Math.random().toString(16).slice(2, 8);
  const clusterStoreName = `rbac-${suffix}`;
  let manifests: KubernetesObject[];
  let appNamespace: string;
  let remoteNamespace: string;
  let dir: string;
  let kubeconfig: string;
  let operator: OperatorProcess | undefined;

  beforeAll(async () => {
    manifests = await kustomizeBuild('config/default');
    await serverSideApply(admin, manifests);
    dir = mkdtempSync(join(tmpdir(), 'ferry-rbac-'));
    kubeconfig = await writeServiceAccountKubeconfig(admin, account, dir);
    appNamespace = await createTestNamespace(admin, 'rbac-app');
    remoteNamespace = await createTestNamespace(admin, 'rbac-remote');
    // What the ClusterSecretStore's namespaceSelector below matches.
    await applyObjects(admin, [
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: appNamespace, labels: { 'ferry.dev/rbac-test': suffix } },
      },
    ]);
    operator = await startDeployedOperator(
      findObject(manifests, 'Deployment', 'ferry'),
      { namespace: operatorNamespace, name: podName },
      kubeconfig,
      [`--namespace=${appNamespace}`, '--log-level=debug'],
    );
  });

  afterAll(async () => {
    if (operator) await stopAndCheckOutput(operator, planted);
    await custom
      .deleteClusterCustomObject({ ...ferryGroup, plural: 'clustersecretstores', name: clusterStoreName })
      .catch(() => undefined);
    for (const namespace of [appNamespace, remoteNamespace]) {
      if (namespace) await deleteNamespace(admin, namespace);
    }
    await deleteNamespace(admin, operatorNamespace);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the CRDs on the server exactly as generated: defaults and CEL rules intact', async () => {
    // The CRDs of config/default replace the ones every other test file relies on; a stripped
    // schema (see asClientModel) would silently switch off their admission rules.
    const extensions = admin.makeApiClient(ApiextensionsV1Api);
    for (const crd of manifests.filter((object) => object.kind === 'CustomResourceDefinition')) {
      const onServer = await extensions.readCustomResourceDefinition({ name: crd.metadata?.name ?? '' });
      const generated = asClientModel(crd as V1CustomResourceDefinition);
      expect(onServer.spec.versions.map((v) => v.schema)).toEqual(
        generated.spec.versions.map((v) => v.schema),
      );
    }
  });

  it('creates, updates and deletes Secrets, patches status, records Events, from the samples and more', async () => {
    const cluster = admin.getCurrentCluster();
    if (!cluster?.caData) throw new Error('the admin kubeconfig has no inline CA');
    const samples = inNamespaces(await kustomizeBuild('config/samples'), {
      app: appNamespace,
      'team-secrets': remoteNamespace,
      '': appNamespace,
    }).filter((object) => object.kind !== 'Namespace');
    // Both samples name their ExternalSecret app-db; the fake one moves aside in the shared namespace.
    const fakeExternalSecret = samples.find(
      (object) =>
        object.kind === 'ExternalSecret' &&
        (object as { spec: { secretStoreRef: { name: string } } }).spec.secretStoreRef.name === 'fake',
    );
    if (!fakeExternalSecret) throw new Error('config/samples lacks the fake example');
    Object.assign(fakeExternalSecret.metadata ?? {}, { name: 'fake-app-db' });
    (fakeExternalSecret as { spec: { target: { name: string } } }).spec.target.name = 'fake-app-db';
    // The kubernetes sample reaches "this cluster" at its in-cluster address; from outside, the test
    // API server, trusting the CA held in a ConfigMap (a configMap credential read by the operator).
    for (const object of samples) {
      if (object.kind !== 'SecretStore' || object.metadata?.name !== 'team-secrets') continue;
      const provider = (object as { spec: { provider: { kubernetes: Record<string, unknown> } } }).spec
        .provider;
      provider.kubernetes['server'] = {
        url: cluster.server,
        caProvider: { type: 'ConfigMap', name: 'api-server-ca', key: 'ca.crt' },
      };
    }
    await applyObjects(admin, [
      ...samples,
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'api-server-ca', namespace: appNamespace },
        data: { 'ca.crt': Buffer.from(cluster.caData, 'base64').toString('utf8') },
      } as KubernetesObject,
    ]);
    await waitForReason(admin, appNamespace, 'fake-app-db', 'SecretSynced');
    await waitForReason(admin, appNamespace, 'app-db', 'SecretSynced');
    expect(decoded(await readSecret(admin, appNamespace, 'fake-app-db'))).toMatchObject({
      password: 'fake-password-123',
      'api-token': 'fake-api-token',
    });
    expect(decoded(await readSecret(admin, appNamespace, 'app-db'))).toMatchObject({
      password: 'example-db-password-4821',
      'billing-api-key': 'example-billing-key-7730',
    });

    // An update and a delete: a store of its own whose value changes, then disappears.
    const ephemeralStore = (data: { key: string; value: string }[]): KubernetesObject =>
      ({
        apiVersion: api,
        kind: 'SecretStore',
        metadata: { name: 'ephemeral', namespace: appNamespace },
        spec: { provider: { fake: { data } } },
      }) as KubernetesObject;
    await applyObjects(admin, [
      ephemeralStore([{ key: '/temp', value: 'ephemeral-Kq2' }]),
      {
        apiVersion: api,
        kind: 'ExternalSecret',
        metadata: { name: 'ephemeral', namespace: appNamespace },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { name: 'ephemeral', kind: 'SecretStore' },
          target: { deletionPolicy: 'Delete' },
          data: [{ secretKey: 'value', remoteRef: { key: '/temp' } }],
        },
      } as KubernetesObject,
    ]);
    await waitForReason(admin, appNamespace, 'ephemeral', 'SecretSynced');
    await applyObjects(admin, [ephemeralStore([{ key: '/temp', value: 'ephemeral-new-Kq3' }])]);
    await vi.waitFor(async () => {
      expect(decoded(await readSecret(admin, appNamespace, 'ephemeral'))).toEqual({
        value: 'ephemeral-new-Kq3',
      });
    }, eventually);
    await applyObjects(admin, [ephemeralStore([])]);
    await waitForReason(admin, appNamespace, 'ephemeral', 'SecretDeleted');
    expect(await readSecret(admin, appNamespace, 'ephemeral')).toBeUndefined();

    const events = await admin
      .makeApiClient(EventsV1Api)
      .listNamespacedEvent({ namespace: appNamespace, fieldSelector: 'regarding.name=ephemeral' });
    expect(events.items.map((event) => [event.reportingController, event.reason])).toEqual(
      expect.arrayContaining([
        ['ferry.dev/externalsecret-controller', 'SecretSynced'],
        ['ferry.dev/externalsecret-controller', 'SecretDeleted'],
      ]),
    );
  });

  it('reads a templateFrom ConfigMap and a credential Secret, and hears a ConfigMap change', async () => {
    const cluster = admin.getCurrentCluster();
    if (!cluster?.caData) throw new Error('the admin kubeconfig has no inline CA');
    // A token of the samples' ferry-reader (which may read the remote namespace), kept in a Secret.
    const token = await mintServiceAccountToken(admin, appNamespace, 'ferry-reader');
    const template = (dsn: string): KubernetesObject =>
      ({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'dsn-template', namespace: appNamespace },
        data: { dsn },
      }) as KubernetesObject;
    await applyObjects(admin, [
      template('postgres://{{ .username }}@db.internal'),
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'reader-token', namespace: appNamespace },
        stringData: { token },
      } as KubernetesObject,
      {
        apiVersion: api,
        kind: 'SecretStore',
        metadata: { name: 'by-token', namespace: appNamespace },
        spec: {
          provider: {
            kubernetes: {
              server: { url: cluster.server, caBundle: cluster.caData },
              remoteNamespace,
              auth: { token: { bearerToken: { name: 'reader-token', key: 'token' } } },
            },
          },
        },
      } as KubernetesObject,
      {
        apiVersion: api,
        kind: 'ExternalSecret',
        metadata: { name: 'templated', namespace: appNamespace },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { name: 'by-token', kind: 'SecretStore' },
          target: {
            template: { templateFrom: [{ configMap: { name: 'dsn-template', items: [{ key: 'dsn' }] } }] },
          },
          data: [{ secretKey: 'username', remoteRef: { key: 'db-credentials', property: 'username' } }],
        },
      } as KubernetesObject,
    ]);
    await waitForReason(admin, appNamespace, 'templated', 'SecretSynced');
    expect(decoded(await readSecret(admin, appNamespace, 'templated'))).toEqual({
      dsn: 'postgres://app@db.internal',
    });
    await applyObjects(admin, [template('postgresql://{{ .username }}@replica.internal')]);
    await vi.waitFor(async () => {
      expect(decoded(await readSecret(admin, appNamespace, 'templated'))).toEqual({
        dsn: 'postgresql://app@replica.internal',
      });
    }, eventually);
  });

  it('validates a ClusterSecretStore, matches its namespaceSelector and records its Event in "default"', async () => {
    await applyObjects(admin, [
      {
        apiVersion: api,
        kind: 'ClusterSecretStore',
        metadata: { name: clusterStoreName },
        spec: {
          conditions: [{ namespaceSelector: { matchLabels: { 'ferry.dev/rbac-test': suffix } } }],
          provider: { fake: { data: [{ key: '/shared', value: 'cluster-store-value-Jx5' }] } },
        },
      } as KubernetesObject,
      {
        apiVersion: api,
        kind: 'ExternalSecret',
        metadata: { name: 'from-cluster-store', namespace: appNamespace },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { name: clusterStoreName, kind: 'ClusterSecretStore' },
          data: [{ secretKey: 'shared', remoteRef: { key: '/shared' } }],
        },
      } as KubernetesObject,
    ]);
    await waitForReason(admin, appNamespace, 'from-cluster-store', 'SecretSynced');
    expect(decoded(await readSecret(admin, appNamespace, 'from-cluster-store'))).toEqual({
      shared: 'cluster-store-value-Jx5',
    });
    await vi.waitFor(async () => {
      const events = await admin
        .makeApiClient(EventsV1Api)
        .listNamespacedEvent({ namespace: 'default', fieldSelector: `regarding.name=${clusterStoreName}` });
      expect(events.items.map((event) => [event.reportingController, event.reason])).toContainEqual([
        'ferry.dev/secretstore-controller',
        'Valid',
      ]);
    }, eventually);
    const stores = [
      await custom.getClusterCustomObject({
        ...ferryGroup,
        plural: 'clustersecretstores',
        name: clusterStoreName,
      }),
      await custom.getNamespacedCustomObject({
        ...ferryGroup,
        plural: 'secretstores',
        namespace: appNamespace,
        name: 'fake',
      }),
    ] as StoreStatus[];
    for (const store of stores) {
      expect(store.status?.conditions).toContainEqual(
        expect.objectContaining({ type: 'Ready', status: 'True' }),
      );
    }
  });

  it('reads a ServiceAccount annotation and mints its token for a store that logs in as it (AWS IRSA)', async () => {
    // Nothing listens at the endpoint: the store must get as far as calling STS, which it cannot
    // without the role from the annotation and the ServiceAccount's token.
    const closed = `http://127.0.0.1:${String(await freeLoopbackPort())}`;
    await applyObjects(admin, [
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: {
          name: 'irsa',
          namespace: appNamespace,
          annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/app-secrets-reader' },
        },
      },
      {
        apiVersion: api,
        kind: 'SecretStore',
        metadata: { name: 'aws-irsa', namespace: appNamespace },
        spec: {
          provider: {
            aws: {
              service: 'SecretsManager',
              region: 'us-east-1',
              endpoint: closed,
              stsEndpoint: closed,
              auth: { jwt: { serviceAccountRef: { name: 'irsa' } } },
            },
          },
        },
      } as KubernetesObject,
    ]);
    await vi.waitFor(async () => {
      const store = (await custom.getNamespacedCustomObject({
        ...ferryGroup,
        plural: 'secretstores',
        namespace: appNamespace,
        name: 'aws-irsa',
      })) as StoreStatus;
      const ready = store.status?.conditions?.find((condition) => condition.type === 'Ready');
      expect(ready?.status).toBe('False');
      expect(ready?.message).not.toMatch(/ServiceAccount|token/);
      expect((await operator?.get('/metrics'))?.body).toMatch(
        /^ferry_provider_calls_total\{provider="aws",operation="validate",result="(?!ok")/m,
      );
    }, eventually);
  });

  it('holds the Lease and keeps the data-hash key in its own namespace, and says it leads', async () => {
    const lease = await admin
      .makeApiClient(CoordinationV1Api)
      .readNamespacedLease({ namespace: operatorNamespace, name: 'ferry-leader' });
    expect(lease.spec?.holderIdentity).toMatch(new RegExp(`^${podName}_[0-9a-f]{8}$`));
    const hashKey = await core.readNamespacedSecret({
      namespace: operatorNamespace,
      name: 'ferry-data-hash-key',
    });
    expect(Buffer.from(hashKey.data?.['key'] ?? '', 'base64')).toHaveLength(32);
    expect((await operator?.get('/metrics'))?.body).toMatch(/^ferry_leader 1$/m);
  });

  it('was never refused anything it asked the API server for', () => {
    expect(refusedInLogs(operator)).toEqual([]);
  });

  it.each<[string, Parameters<typeof isAllowed>[2]]>([
    ['list Secrets cluster-wide', { verb: 'list', resource: 'secrets' }],
    ['watch Secrets cluster-wide', { verb: 'watch', resource: 'secrets' }],
    ['patch Secrets in any namespace', { verb: 'patch', resource: 'secrets', namespace: 'kube-public' }],
    ['delete Secrets in any namespace', { verb: 'delete', resource: 'secrets', namespace: 'kube-public' }],
    ['watch ConfigMaps cluster-wide', { verb: 'watch', resource: 'configmaps' }],
    ['list ExternalSecrets cluster-wide', { verb: 'list', group: 'ferry.dev', resource: 'externalsecrets' }],
    ['watch ClusterSecretStores', { verb: 'watch', group: 'ferry.dev', resource: 'clustersecretstores' }],
    [
      'patch ExternalSecret status anywhere',
      {
        verb: 'patch',
        group: 'ferry.dev',
        resource: 'externalsecrets',
        subresource: 'status',
        namespace: 'kube-public',
      },
    ],
    [
      'create ServiceAccount tokens anywhere',
      { verb: 'create', resource: 'serviceaccounts', subresource: 'token', namespace: 'kube-public' },
    ],
    ['read Namespaces', { verb: 'get', resource: 'namespaces' }],
    [
      'create Events in "default"',
      { verb: 'create', group: 'events.k8s.io', resource: 'events', namespace: 'default' },
    ],
    [
      'update its own Lease',
      {
        verb: 'update',
        group: 'coordination.k8s.io',
        resource: 'leases',
        namespace: operatorNamespace,
        name: 'ferry-leader',
      },
    ],
  ])('may %s', async (_what, attributes) => {
    expect(await isAllowed(admin, subject, attributes)).toBe(true);
  });

  it.each<[string, Parameters<typeof isAllowed>[2]]>([
    ['do anything at all (*)', { verb: '*', group: '*', resource: '*' }],
    ['delete a Namespace', { verb: 'delete', resource: 'namespaces' }],
    ['create a Namespace', { verb: 'create', resource: 'namespaces' }],
    ['read Nodes', { verb: 'get', resource: 'nodes' }],
    ['create Pods', { verb: 'create', resource: 'pods', namespace: 'default' }],
    ['exec into Pods', { verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'default' }],
    [
      'update Secrets (it applies, never replaces)',
      { verb: 'update', resource: 'secrets', namespace: 'default' },
    ],
    ['delete all Secrets at once', { verb: 'deletecollection', resource: 'secrets', namespace: 'default' }],
    ['create ServiceAccounts', { verb: 'create', resource: 'serviceaccounts', namespace: 'default' }],
    [
      'change an ExternalSecret spec',
      { verb: 'patch', group: 'ferry.dev', resource: 'externalsecrets', namespace: 'default' },
    ],
    [
      'delete an ExternalSecret',
      { verb: 'delete', group: 'ferry.dev', resource: 'externalsecrets', namespace: 'default' },
    ],
    ['change a ClusterSecretStore', { verb: 'update', group: 'ferry.dev', resource: 'clustersecretstores' }],
    [
      'escalate a ClusterRole',
      {
        verb: 'escalate',
        group: 'rbac.authorization.k8s.io',
        resource: 'clusterroles',
        name: 'ferry-manager',
      },
    ],
    ['bind ClusterRoles', { verb: 'bind', group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }],
    [
      'create ClusterRoleBindings',
      { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings' },
    ],
    ['impersonate users', { verb: 'impersonate', resource: 'users' }],
    [
      'update another Lease of its namespace',
      {
        verb: 'update',
        group: 'coordination.k8s.io',
        resource: 'leases',
        namespace: operatorNamespace,
        name: 'other',
      },
    ],
    [
      'touch Leases elsewhere',
      { verb: 'get', group: 'coordination.k8s.io', resource: 'leases', namespace: 'default' },
    ],
    [
      'delete its Lease',
      { verb: 'delete', group: 'coordination.k8s.io', resource: 'leases', namespace: operatorNamespace },
    ],
    ['write CRDs', { verb: 'update', group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' }],
  ])('may not %s', async (_what, attributes) => {
    expect(await isAllowed(admin, subject, attributes)).toBe(false);
  });

  it('aggregates ferry-view into view, edit and admin, and ferry-edit into edit and admin', async () => {
    // The test control plane runs no ClusterRole aggregation controller: ask the API server which
    // ClusterRoles each built-in role's own aggregationRule selects, and add up their rules.
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    const aggregated = async (name: string): Promise<V1PolicyRule[]> => {
      const role = await rbac.readClusterRole({ name });
      const selectors = role.aggregationRule?.clusterRoleSelectors ?? [];
      const selected = await Promise.all(
        selectors.map((selector) =>
          rbac.listClusterRole({
            labelSelector: Object.entries(selector.matchLabels ?? {})
              .map(([key, value]) => `${key}=${value}`)
              .join(','),
          }),
        ),
      );
      return selected.flatMap((list) => list.items.flatMap((item) => item.rules ?? []));
    };
    const verbsOn = (rules: V1PolicyRule[], resource: string): string[] =>
      rules
        .filter((rule) => rule.apiGroups?.includes('ferry.dev') && rule.resources?.includes(resource))
        .flatMap((rule) => rule.verbs)
        .sort();
    const view = await aggregated('view');
    expect(verbsOn(view, 'externalsecrets')).toEqual(['get', 'list', 'watch']);
    expect(verbsOn(view, 'clustersecretstores')).toEqual(['get', 'list', 'watch']);
    for (const name of ['edit', 'admin']) {
      const rules = await aggregated(name);
      for (const resource of ['externalsecrets', 'secretstores']) {
        expect(verbsOn(rules, resource), `${name}: ${resource}`).toEqual(
          expect.arrayContaining(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']),
        );
      }
      // A ClusterSecretStore can read the Secrets of any namespace: writing one is not a namespace
      // editor's business.
      expect(verbsOn(rules, 'clustersecretstores'), name).toEqual(['get', 'list', 'watch']);
    }
  });

  it('runs its pods under the "restricted" Pod Security Standard its namespace enforces', async () => {
    // No kubelet or scheduler here: a server-side dry run of the pod its ReplicaSet would create.
    const deployment = findObject(manifests, 'Deployment', 'ferry') as V1Deployment;
    const pod = (template: V1Deployment['spec']): V1Pod => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'ferry-dry-run',
        namespace: operatorNamespace,
        labels: template?.template.metadata?.labels ?? {},
      },
      spec: structuredClone(template?.template.spec ?? { containers: [] }),
    });
    await core.createNamespacedPod({
      namespace: operatorNamespace,
      body: pod(deployment.spec),
      dryRun: 'All',
    });
    // The same pod allowed to escalate privileges is refused: the check is real.
    const loosened = pod(deployment.spec);
    const container = loosened.spec?.containers[0];
    if (container?.securityContext) container.securityContext.allowPrivilegeEscalation = true;
    await expect(
      core.createNamespacedPod({ namespace: operatorNamespace, body: loosened, dryRun: 'All' }),
    ).rejects.toMatchObject({ code: 403 });
  });

  // Last: it stops the operator the tests above use.
  it('keeps a second replica ready on standby (ferry_leader 0), which takes over when the leader stops', async () => {
    const standby = await startDeployedOperator(
      findObject(manifests, 'Deployment', 'ferry'),
      { namespace: operatorNamespace, name: `${podName}-standby` },
      kubeconfig,
      [`--namespace=${appNamespace}`],
    );
    try {
      expect((await standby.get('/metrics')).body).toMatch(/^ferry_leader 0$/m);
      const leader = operator;
      operator = undefined;
      if (leader) await stopAndCheckOutput(leader, planted);
      await vi.waitFor(async () => {
        expect((await standby.get('/metrics')).body).toMatch(/^ferry_leader 1$/m);
      }, eventually);
      const lease = await admin
        .makeApiClient(CoordinationV1Api)
        .readNamespacedLease({ namespace: operatorNamespace, name: 'ferry-leader' });
      expect(lease.spec?.holderIdentity).toMatch(new RegExp(`^${podName}-standby_[0-9a-f]{8}$`));
      // The new leader reconciles: a change to a template source reaches its Secret.
      await applyObjects(admin, [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'dsn-template', namespace: appNamespace },
          data: { dsn: 'postgres://{{ .username }}@failover.internal' },
        } as KubernetesObject,
      ]);
      await vi.waitFor(async () => {
        expect(decoded(await readSecret(admin, appNamespace, 'templated'))).toEqual({
          dsn: 'postgres://app@failover.internal',
        });
      }, eventually);
      expect(refusedInLogs(standby)).toEqual([]);
    } finally {
      await stopAndCheckOutput(standby, planted);
    }
  });
});
