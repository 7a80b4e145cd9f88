// The Helm chart (config/helm/ferry) renders what config/default and config/namespaced render: the
// same objects, the same RBAC rules, the same CRDs, and a Deployment that starts the operator with
// the same configuration. Its output is accepted by a real API server, a real `helm install` /
// `upgrade` / `uninstall` works, and bad values fail with a message that names them.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppsV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  RbacAuthorizationV1Api,
  type KubernetesObject,
  type V1ClusterRoleBinding,
  type V1Deployment,
  type V1NetworkPolicy,
  type V1PodDisruptionBudget,
  type V1PolicyRule,
  type V1Pod,
  type V1Role,
  type V1Service,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseOperatorConfig } from '../../../operator/config/index.ts';
import {
  adminKubeConfig,
  adminKubeconfigPath,
  createTestNamespace,
  deleteNamespace,
} from '../../support/cluster.ts';
import { chartDir, helm, helmTemplate, parseObjects } from '../../support/helm.ts';
import { kustomizeBuild } from '../../support/kustomize.ts';
import { asClientModel } from '../../support/manifests.ts';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const defaultRelease = { name: 'ferry', namespace: 'ferry-system' };

function keyOf(object: KubernetesObject): string {
  return `${object.kind ?? ''} ${object.metadata?.namespace ?? '-'}/${object.metadata?.name ?? ''}`;
}

function find(objects: readonly KubernetesObject[], kind: string, name: string): KubernetesObject {
  const found = objects.find((object) => object.kind === kind && object.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among ${objects.map(keyOf).join(', ')}`);
  return found;
}

/** A rule set as the permissions it grants, one `group resource verb name` per line: order and grouping do not matter. */
function permissions(rules: readonly V1PolicyRule[] | undefined): string[] {
  const granted = new Set<string>();
  for (const rule of rules ?? []) {
    for (const group of rule.apiGroups ?? ['']) {
      for (const resource of rule.resources ?? []) {
        for (const verb of rule.verbs) {
          const names = rule.resourceNames?.length ? rule.resourceNames : ['*'];
          for (const name of names) granted.add(`${group} ${resource} ${verb} ${name}`);
        }
      }
    }
  }
  return [...granted].sort();
}

function isRbac(object: KubernetesObject): boolean {
  return ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].includes(object.kind ?? '');
}

/** What the operator process would start with: flags and environment of the container, downward API filled in. */
function operatorConfigOf(deployment: V1Deployment, pod: { namespace: string; name: string }) {
  const container = deployment.spec?.template.spec?.containers[0];
  const env: Record<string, string> = {};
  for (const variable of container?.env ?? []) {
    const field = variable.valueFrom?.fieldRef?.fieldPath;
    const value =
      field === 'metadata.namespace' ? pod.namespace : field === 'metadata.name' ? pod.name : variable.value;
    if (value !== undefined) env[variable.name] = value;
  }
  return { config: parseOperatorConfig(container?.args ?? [], env), env };
}

/** Deletes the chart's own labels (instance, chart, version, managed-by) wherever they appear, to compare with kustomize's. */
function withoutHelmLabels<T>(value: T): T {
  const helmLabels = new Set([
    'app.kubernetes.io/instance',
    'helm.sh/chart',
    'app.kubernetes.io/version',
    'app.kubernetes.io/managed-by',
  ]);
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key]) => !helmLabels.has(key))
        .map(([key, child]) => [key, strip(child)]),
    );
  };
  return strip(value) as T;
}

function crdFiles(dir: string): KubernetesObject[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .flatMap((file) => parseObjects(readFileSync(join(dir, file), 'utf8')));
}

function byName(objects: KubernetesObject[]): KubernetesObject[] {
  return [...objects].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
}

describe('the Helm chart config/helm/ferry', () => {
  let kustomizeDefault: KubernetesObject[];
  let kustomizeNamespaced: KubernetesObject[];
  let chartDefault: KubernetesObject[];
  let chartNamespaced: KubernetesObject[];

  beforeAll(async () => {
    [kustomizeDefault, kustomizeNamespaced, chartDefault, chartNamespaced] = await Promise.all([
      kustomizeBuild('config/default'),
      kustomizeBuild('config/namespaced'),
      helmTemplate(defaultRelease),
      helmTemplate(defaultRelease, { 'namespaceScope.enabled': true }),
    ]);
  });

  it.each([
    ['default values', []],
    ['namespaceScope on', ['--set', 'namespaceScope.enabled=true']],
    [
      'every optional object on',
      [
        '--set',
        'metrics.serviceMonitor.enabled=true,metrics.prometheusRule.enabled=true',
        '--set',
        'metrics.grafanaDashboard.enabled=true,crds.install=true',
        '--set',
        'admissionPolicy.enabled=true,minRefreshInterval=1m',
      ],
    ],
  ])('passes helm lint --strict with %s', async (_, args) => {
    const result = await helm(['lint', '--strict', chartDir, ...args]);
    expect(result.stderr + result.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(result.code).toBe(0);
  });

  it('renders the objects of config/default but the Namespace and the CRDs (a chart installs those apart)', () => {
    const expected = kustomizeDefault
      .filter((object) => object.kind !== 'Namespace' && object.kind !== 'CustomResourceDefinition')
      .map(keyOf)
      .sort();
    expect(chartDefault.map(keyOf).sort()).toEqual(expected);
  });

  it('renders the objects of config/namespaced with namespaceScope.enabled=true', () => {
    const expected = kustomizeNamespaced
      .filter((object) => object.kind !== 'Namespace' && object.kind !== 'CustomResourceDefinition')
      .map(keyOf)
      .sort();
    expect(chartNamespaced.map(keyOf).sort()).toEqual(expected);
    expect(chartNamespaced.some((object) => object.kind === 'ClusterRoleBinding')).toBe(false);
  });

  it.each([
    ['config/default', 'default values', () => [kustomizeDefault, chartDefault]],
    ['config/namespaced', 'namespaceScope on', () => [kustomizeNamespaced, chartNamespaced]],
  ])('grants the RBAC of %s with %s: the same rules (as sets) and bindings', (_, __, pair) => {
    const [kustomize, chart] = pair();
    const kustomizeRbac = (kustomize ?? []).filter(isRbac);
    expect(kustomizeRbac.length).toBeGreaterThanOrEqual(6);
    for (const object of kustomizeRbac) {
      const rendered = find(chart ?? [], object.kind ?? '', object.metadata?.name ?? '');
      expect(rendered.metadata?.namespace, keyOf(object)).toBe(object.metadata?.namespace);
      if (object.kind === 'Role' || object.kind === 'ClusterRole') {
        expect(permissions((rendered as V1Role).rules), keyOf(object)).toEqual(
          permissions((object as V1Role).rules),
        );
        // The aggregation labels that put ferry-view and ferry-edit into view/edit/admin.
        const aggregation = Object.entries(object.metadata?.labels ?? {}).filter(([key]) =>
          key.startsWith('rbac.authorization.k8s.io/'),
        );
        expect(rendered.metadata?.labels, keyOf(object)).toMatchObject(Object.fromEntries(aggregation));
      } else {
        const binding = object as V1ClusterRoleBinding;
        expect((rendered as V1ClusterRoleBinding).roleRef, keyOf(object)).toEqual(binding.roleRef);
        expect((rendered as V1ClusterRoleBinding).subjects, keyOf(object)).toEqual(binding.subjects);
      }
    }
  });

  it('ships the CRDs of crds/ and config/crd, unchanged', () => {
    const generated = crdFiles(join(repoRoot, 'crds'));
    expect(generated.map((crd) => crd.metadata?.name)).toEqual([
      'clustersecretstores.ferry.dev',
      'externalsecrets.ferry.dev',
      'secretstores.ferry.dev',
    ]);
    expect(crdFiles(join(chartDir, 'crds'))).toEqual(generated);
    expect(byName(kustomizeDefault.filter((object) => object.kind === 'CustomResourceDefinition'))).toEqual(
      generated,
    );
  });

  it('prints its CRDs with `helm show crds` as YAML documents kubectl can apply', async () => {
    // Helm prints the files of crds/ one after the other as they are: each must start its own
    // document (`---`), or the three run together into one.
    const shown = await helm(['show', 'crds', chartDir]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(byName(parseObjects(shown.stdout))).toEqual(crdFiles(join(repoRoot, 'crds')));
  });

  it('with crds.install=true renders the same CRDs as templates, kept on uninstall', async () => {
    const rendered = (await helmTemplate(defaultRelease, { 'crds.install': true })).filter(
      (object) => object.kind === 'CustomResourceDefinition',
    );
    expect(rendered.map((crd) => crd.metadata?.annotations)).toEqual(
      Array(3).fill({ 'helm.sh/resource-policy': 'keep' }),
    );
    const unlabelled = rendered.map((crd): KubernetesObject => ({
      ...crd,
      metadata: { name: crd.metadata?.name ?? '' },
    }));
    expect(byName(unlabelled)).toEqual(crdFiles(join(repoRoot, 'crds')));
  });

  it.each([
    ['config/default', 'default values', () => [kustomizeDefault, chartDefault]],
    ['config/namespaced', 'namespaceScope on', () => [kustomizeNamespaced, chartNamespaced]],
  ])('runs the operator of %s with %s: same configuration, pod and container settings', (_, __, pair) => {
    const [kustomize, chart] = pair();
    const expected = find(kustomize ?? [], 'Deployment', 'ferry') as V1Deployment;
    const rendered = find(chart ?? [], 'Deployment', 'ferry') as V1Deployment;
    const pod = { namespace: 'ferry-system', name: 'ferry-7d9f-abcde' };
    const renderedSettings = operatorConfigOf(rendered, pod);
    const expectedSettings = operatorConfigOf(expected, pod);
    expect(renderedSettings.config).toEqual(expectedSettings.config);
    // The rest of the environment (POD_NAME, NODE_OPTIONS, ...); FERRY_* is configuration, compared above.
    const notConfig = (env: Record<string, string>) =>
      Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('FERRY_')));
    expect(notConfig(renderedSettings.env)).toEqual(notConfig(expectedSettings.env));

    expect(rendered.spec?.replicas).toBe(expected.spec?.replicas);
    expect(rendered.spec?.strategy).toEqual(expected.spec?.strategy);
    const { containers: renderedContainers, ...renderedPod } = rendered.spec?.template.spec ?? {
      containers: [],
    };
    const { containers: expectedContainers, ...expectedPod } = expected.spec?.template.spec ?? {
      containers: [],
    };
    expect(withoutHelmLabels(renderedPod)).toEqual(expectedPod);
    const {
      args: _renderedArgs,
      env: _renderedEnv,
      ...renderedContainer
    } = renderedContainers[0] ?? {
      name: '',
    };
    const {
      args: _expectedArgs,
      env: _expectedEnv,
      ...expectedContainer
    } = expectedContainers[0] ?? {
      name: '',
    };
    expect(renderedContainer).toEqual({ ...expectedContainer, image: 'ferry:0.1.0' });
    expect(expectedContainer.image).toBe('ferry:0.1.0');
  });

  it('renders the metrics Service, PodDisruptionBudget and NetworkPolicy of config/manager', () => {
    const service = find(chartDefault, 'Service', 'ferry-metrics') as V1Service;
    const expectedService = find(kustomizeDefault, 'Service', 'ferry-metrics') as V1Service;
    expect(withoutHelmLabels(service.spec)).toEqual(expectedService.spec);
    const budget = find(chartDefault, 'PodDisruptionBudget', 'ferry') as V1PodDisruptionBudget;
    expect(withoutHelmLabels(budget.spec)).toEqual(
      (find(kustomizeDefault, 'PodDisruptionBudget', 'ferry') as V1PodDisruptionBudget).spec,
    );
    const policy = find(chartDefault, 'NetworkPolicy', 'ferry') as V1NetworkPolicy;
    expect(withoutHelmLabels(policy.spec)).toEqual(
      (find(kustomizeDefault, 'NetworkPolicy', 'ferry') as V1NetworkPolicy).spec,
    );
  });

  it('puts values where they belong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-helm-values-'));
    try {
      const valuesFile = join(dir, 'values.yaml');
      writeFileSync(
        valuesFile,
        stringify({
          replicaCount: 3,
          image: { repository: 'registry.example/ferry', digest: `sha256:${'a'.repeat(64)}` },
          imagePullSecrets: [{ name: 'pull' }],
          namespaceScope: { enabled: true, namespace: 'apps' },
          leaderElection: { namespace: 'ferry-locks', id: 'ferry.example.com' },
          logLevel: 'debug',
          logFormat: 'text',
          concurrency: 4,
          metrics: { port: 9090 },
          extraEnv: [{ name: 'HTTPS_PROXY', value: 'http://proxy:3128' }],
          extraArgs: ['--graceful-shutdown-seconds=40'],
          priorityClassName: 'system-cluster-critical',
          podLabels: { team: 'platform' },
          podAnnotations: { 'example.com/scrape': 'true' },
          tolerations: [{ key: 'dedicated', operator: 'Exists' }],
          serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/ferry' } },
          podDisruptionBudget: { minAvailable: null, maxUnavailable: 1 },
        }),
      );
      const objects = await helmTemplate({ name: 'prod', namespace: 'platform' }, {}, ['-f', valuesFile]);
      const deployment = find(objects, 'Deployment', 'prod-ferry') as V1Deployment;
      const pod = deployment.spec?.template;
      const container = pod?.spec?.containers[0];
      expect(deployment.spec?.replicas).toBe(3);
      expect(container?.image).toBe(`registry.example/ferry@sha256:${'a'.repeat(64)}`);
      expect(pod?.spec?.imagePullSecrets).toEqual([{ name: 'pull' }]);
      expect(pod?.spec?.priorityClassName).toBe('system-cluster-critical');
      expect(pod?.spec?.tolerations).toEqual([{ key: 'dedicated', operator: 'Exists' }]);
      expect(pod?.metadata?.labels).toMatchObject({ team: 'platform' });
      expect(pod?.metadata?.annotations).toEqual({ 'example.com/scrape': 'true' });
      expect(container?.ports).toEqual([{ name: 'metrics', containerPort: 9090, protocol: 'TCP' }]);
      const { config, env } = operatorConfigOf(deployment, { namespace: 'platform', name: 'prod-ferry-x' });
      expect(config).toMatchObject({
        namespace: 'apps',
        clusterStores: false,
        concurrency: 4,
        logLevel: 'debug',
        logFormat: 'text',
        leaderElect: true,
        leaderElectionNamespace: 'ferry-locks',
        leaderElectionId: 'ferry.example.com',
        gracefulShutdownSeconds: 40,
        metricsAddress: { host: '0.0.0.0', port: 9090, address: ':9090' },
      });
      expect(env['HTTPS_PROXY']).toBe('http://proxy:3128');

      const account = find(objects, 'ServiceAccount', 'prod-ferry');
      expect(account.metadata?.annotations).toEqual({
        'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/ferry',
      });
      const manager = find(objects, 'Role', 'prod-ferry-manager') as V1Role;
      expect(manager.metadata?.namespace).toBe('apps');
      const election = find(objects, 'Role', 'prod-ferry-leader-election') as V1Role;
      expect(election.metadata?.namespace).toBe('ferry-locks');
      expect(permissions(election.rules)).toContain('coordination.k8s.io leases update ferry.example.com');
      expect((find(objects, 'RoleBinding', 'prod-ferry-manager') as V1ClusterRoleBinding).subjects).toEqual([
        { kind: 'ServiceAccount', name: 'prod-ferry', namespace: 'platform' },
      ]);
      expect(
        (find(objects, 'PodDisruptionBudget', 'prod-ferry') as V1PodDisruptionBudget).spec,
      ).toMatchObject({
        maxUnavailable: 1,
      });
      expect((find(objects, 'Service', 'prod-ferry-metrics') as V1Service).spec?.ports?.[0]?.targetPort).toBe(
        'metrics',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with admissionPolicy.enabled renders config/admission, its floor being minRefreshInterval, the operator’s too', async () => {
    expect(readFileSync(join(chartDir, 'files', 'refresh-interval-policy.yaml'), 'utf8')).toBe(
      readFileSync(join(repoRoot, 'config', 'admission', 'refresh-interval-policy.yaml'), 'utf8'),
    );
    const [kustomized, rendered] = await Promise.all([
      kustomizeBuild('config/admission'),
      helmTemplate(defaultRelease, { 'admissionPolicy.enabled': true, minRefreshInterval: '2m' }),
    ]);
    const kindOf = (objects: KubernetesObject[], kind: string) =>
      objects.find((object) => object.kind === kind) as KubernetesObject & {
        spec?: Record<string, unknown>;
        data?: Record<string, string>;
      };
    const policy = kindOf(rendered, 'ValidatingAdmissionPolicy');
    expect(policy.spec).toEqual(kindOf(kustomized, 'ValidatingAdmissionPolicy').spec);
    const binding = kindOf(rendered, 'ValidatingAdmissionPolicyBinding');
    expect(binding.spec).toEqual({
      ...kindOf(kustomized, 'ValidatingAdmissionPolicyBinding').spec,
      policyName: policy.metadata?.name,
      paramRef: { name: 'ferry-admission', namespace: 'ferry-system', parameterNotFoundAction: 'Deny' },
    });
    const floor = kindOf(rendered, 'ConfigMap');
    expect(floor.metadata).toMatchObject({ name: 'ferry-admission', namespace: 'ferry-system' });
    expect(floor.data).toEqual({ minRefreshInterval: '2m' });
    const deployment = find(rendered, 'Deployment', 'ferry') as V1Deployment;
    const pod = { namespace: 'ferry-system', name: 'ferry-7d9f-abcde' };
    expect(operatorConfigOf(deployment, pod).config.minRefreshInterval).toBe(120_000);

    const defaults = await helmTemplate(defaultRelease, { 'admissionPolicy.enabled': true });
    expect(kindOf(defaults, 'ConfigMap').data).toEqual({ minRefreshInterval: '1s' });
  });

  it('renders no PodDisruptionBudget for a single replica (it would block every drain)', async () => {
    const objects = await helmTemplate(defaultRelease, { replicaCount: 1 });
    expect(objects.map((object) => object.kind)).not.toContain('PodDisruptionBudget');
  });

  it.each([
    ['replicaCount=two', "at '/replicaCount': got string, want integer"],
    ['logLevel=verbose', "at '/logLevel': value must be one of 'error', 'warn', 'info', 'debug'"],
    ['replicas=3', "additional properties 'replicas' not allowed"],
    ['concurrency=0', "at '/concurrency': minimum: got 0, want 1"],
    ['minRefreshInterval=500ms', "at '/minRefreshInterval': '500ms' does not match pattern"],
    ['metrics.serviceMonitor.interval=30', "at '/metrics/serviceMonitor/interval': got number, want string"],
    ['leaderElection.id=Ferry_Leader', "at '/leaderElection/id': 'Ferry_Leader' does not match pattern"],
    [
      'leaderElection.enabled=false',
      'replicaCount is 2 but leaderElection.enabled is false: replicas would write the same Secrets at once',
    ],
    [
      'metrics.serviceMonitor.enabled=true,metrics.service.enabled=false',
      'metrics.serviceMonitor.enabled needs metrics.service.enabled',
    ],
  ])('rejects --set %s, saying what is wrong', async (set, message) => {
    const result = await helm(['template', 'ferry', chartDir, '--set', set]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(message);
  });
});

describe('the Helm chart on a real API server', () => {
  const admin = adminKubeConfig();
  const objects = KubernetesObjectApi.makeApiClient(admin);
  let namespace: string;
  let watched: string;

  beforeAll(async () => {
    [namespace, watched] = await Promise.all([
      createTestNamespace(admin, 'helm'),
      createTestNamespace(admin, 'helm-watched'),
    ]);
  });
  afterAll(async () => {
    await Promise.all([deleteNamespace(admin, namespace), deleteNamespace(admin, watched)]);
  });

  /** Server-side apply in dry run: admission and every schema check, nothing stored. */
  async function dryRunApply(rendered: KubernetesObject[]): Promise<string[]> {
    const rejected: string[] = [];
    for (const object of rendered) {
      try {
        await objects.patch(
          asClientModel(object),
          undefined,
          'All',
          'ferry-helm-test',
          true,
          PatchStrategy.ServerSideApply,
        );
      } catch (error) {
        rejected.push(`${keyOf(object)}: ${String((error as { body?: unknown }).body ?? error)}`);
      }
    }
    return rejected;
  }

  it.each([
    ['default values', {}],
    ['namespaceScope on', { 'namespaceScope.enabled': true }],
    ['crds.install on', { 'crds.install': true, 'metrics.grafanaDashboard.enabled': true }],
  ])('accepts every object rendered with %s (server-side apply, dry run)', async (_, set) => {
    // A release name of its own: nothing collides with other tests' cluster-scoped objects.
    const release = { name: `ferry-${randomBytes(3).toString('hex')}`, namespace };
    const rendered = await helmTemplate(release, { ...set, 'namespaceScope.namespace': watched });
    expect(rendered.length).toBeGreaterThanOrEqual(11);
    expect(await dryRunApply(rendered)).toEqual([]);
  });

  it('runs a pod that the restricted Pod Security Standard admits', async () => {
    await admin.makeApiClient(CoreV1Api).patchNamespace({
      name: watched,
      body: [
        { op: 'add', path: '/metadata/labels/pod-security.kubernetes.io~1enforce', value: 'restricted' },
      ],
    });
    const rendered = await helmTemplate({ name: 'ferry', namespace: watched });
    const template = (find(rendered, 'Deployment', 'ferry') as V1Deployment).spec?.template;
    if (!template?.spec) throw new Error('the Deployment has no pod template');
    await objects.create(find(rendered, 'ServiceAccount', 'ferry'));
    const pod: V1Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ferry-restricted', namespace: watched, labels: template.metadata?.labels ?? {} },
      spec: template.spec,
    };
    const admitted = await objects.create(pod, undefined, 'All');
    expect(admitted.metadata?.name).toBe('ferry-restricted');
    // The same pod allowed to run as root is refused: the namespace does enforce the standard.
    const asRoot: V1Pod = Object.assign({}, pod, {
      spec: Object.assign({}, template.spec, { securityContext: { runAsNonRoot: false } }),
    });
    const refused = await objects.create(asRoot, undefined, 'All').then(
      () => 'admitted',
      (error: unknown) =>
        (JSON.parse(String((error as { body?: unknown }).body)) as { message: string }).message,
    );
    expect(refused).toContain('violates PodSecurity "restricted:latest": runAsNonRoot != true');
  });

  it('installs, upgrades and uninstalls with helm, leaving the CRDs in place', async () => {
    const release = `ferry-${randomBytes(3).toString('hex')}`;
    const kubeconfig = ['--kubeconfig', adminKubeconfigPath(), '--namespace', namespace];
    const install = await helm(['install', release, chartDir, ...kubeconfig]);
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toContain(
      `Ferry 0.1.0 is installed in namespace ${namespace} as release ${release}.`,
    );

    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    const manager = await rbac.readClusterRole({ name: `${release}-manager` });
    const expected = find(await kustomizeBuild('config/default'), 'ClusterRole', 'ferry-manager') as V1Role;
    expect(permissions(manager.rules)).toEqual(permissions(expected.rules));
    const apps = admin.makeApiClient(AppsV1Api);
    const installed = await apps.readNamespacedDeployment({ name: release, namespace });
    expect(installed.spec?.template.spec?.containers[0]?.args).toContain('--log-level=info');

    const upgrade = await helm(['upgrade', release, chartDir, ...kubeconfig, '--set', 'logLevel=debug']);
    expect(upgrade.code, upgrade.stderr).toBe(0);
    const upgraded = await apps.readNamespacedDeployment({ name: release, namespace });
    expect(upgraded.spec?.template.spec?.containers[0]?.args).toContain('--log-level=debug');

    const uninstall = await helm(['uninstall', release, ...kubeconfig]);
    expect(uninstall.code, uninstall.stderr).toBe(0);
    await expect(rbac.readClusterRole({ name: `${release}-manager` })).rejects.toMatchObject({ code: 404 });
    await expect(apps.readNamespacedDeployment({ name: release, namespace })).rejects.toMatchObject({
      code: 404,
    });
    const crds = await objects.list('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
    expect(crds.items.map((crd) => crd.metadata?.name)).toEqual(
      expect.arrayContaining([
        'externalsecrets.ferry.dev',
        'secretstores.ferry.dev',
        'clustersecretstores.ferry.dev',
      ]),
    );
  });
});
