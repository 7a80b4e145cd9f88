// What kustomize builds from config/, checked for the promises its comments make: the samples are
// the examples, no RBAC rule is a wildcard, the namespaced Role is the ClusterRole less what only
// ClusterSecretStores need, and the Deployment's settings agree with each other and with the
// operator's own flags. (The rbac-*.test.ts files apply these manifests and run the operator.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  KubernetesObject,
  V1ClusterRole,
  V1Deployment,
  V1NetworkPolicy,
  V1PodDisruptionBudget,
  V1PolicyRule,
  V1Role,
  V1Service,
} from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseOperatorConfig } from '../../../operator/config/index.ts';
import { findObject } from '../../support/deployed-operator.ts';
import { kustomizeBuild } from '../../support/kustomize.ts';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

describe('config/samples', () => {
  it.each(['fake', 'kubernetes'])(
    'holds examples/%s, byte for byte (copy them again if this fails)',
    (example) => {
      const copies = readdirSync(join(repoRoot, 'config', 'samples', example)).filter(
        (file) => file !== 'kustomization.yaml',
      );
      expect(copies.sort()).toEqual(readdirSync(join(repoRoot, 'examples', example)).sort());
      for (const file of copies) {
        expect(readFileSync(join(repoRoot, 'config', 'samples', example, file), 'utf8'), file).toBe(
          readFileSync(join(repoRoot, 'examples', example, file), 'utf8'),
        );
      }
    },
  );

  it('builds into the examples and the namespaces they need', async () => {
    const objects = await kustomizeBuild('config/samples');
    expect(objects.map((object) => `${object.kind ?? ''}/${object.metadata?.name ?? ''}`).sort()).toEqual([
      'ExternalSecret/app-db',
      'ExternalSecret/app-db',
      'Namespace/app',
      'Namespace/team-secrets',
      'Role/ferry-secret-reader',
      'RoleBinding/ferry-secret-reader',
      'Secret/api-keys',
      'Secret/db-credentials',
      'SecretStore/fake',
      'SecretStore/team-secrets',
      'ServiceAccount/ferry-reader',
    ]);
  });
});

describe.each(['config/default', 'config/namespaced'])('%s', (dir) => {
  let objects: KubernetesObject[];
  let deployment: V1Deployment;
  beforeAll(async () => {
    objects = await kustomizeBuild(dir);
    deployment = findObject(objects, 'Deployment', 'ferry');
  });

  it('grants no wildcard: every rule names its groups, resources and verbs', () => {
    const rules = objects
      .filter((object) => object.kind === 'Role' || object.kind === 'ClusterRole')
      .flatMap((role) => (role as V1Role).rules ?? []);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect([...(rule.apiGroups ?? []), ...(rule.resources ?? []), ...rule.verbs]).not.toContain('*');
      expect(rule.nonResourceURLs).toBeUndefined();
    }
  });

  it('runs flags the operator accepts, and gives it longer to stop than it takes', () => {
    const container = deployment.spec?.template.spec?.containers[0];
    const config = parseOperatorConfig(container?.args ?? [], {});
    expect(config.leaderElect).toBe(true);
    expect(deployment.spec?.replicas).toBe(2);
    expect(deployment.spec?.template.spec?.terminationGracePeriodSeconds).toBeGreaterThan(
      config.gracefulShutdownSeconds,
    );
    // The Lease its Role names is the one the operator takes.
    const leases = (findObject(objects, 'Role', 'ferry-leader-election') as V1Role).rules?.find(
      (rule) => rule.resources?.includes('leases') && rule.resourceNames,
    );
    expect(leases?.resourceNames).toEqual([config.leaderElectionId]);
  });

  it('caps the V8 heap well inside the memory limit', () => {
    const container = deployment.spec?.template.spec?.containers[0];
    const nodeOptions = container?.env?.find((variable) => variable.name === 'NODE_OPTIONS')?.value ?? '';
    const oldSpaceMiB = Number(/--max-old-space-size=(\d+)/.exec(nodeOptions)?.[1]);
    const semiSpaceMiB = Number(/--max-semi-space-size=(\d+)/.exec(nodeOptions)?.[1]);
    const limit = /^(\d+)Mi$/.exec(String(container?.resources?.limits?.['memory']));
    const requested = /^(\d+)Mi$/.exec(String(container?.resources?.requests?.['memory']));
    expect(limit && requested).toBeTruthy();
    // The heap (old generation, and three semi-spaces of young) plus the rest of the process: make
    // bench peaks at 194 MiB RSS with 10000 ExternalSecrets and these flags, ~70 MiB above the heap
    // caps; 96 leaves a margin.
    expect(oldSpaceMiB + 3 * semiSpaceMiB + 96).toBeLessThanOrEqual(Number(limit?.[1]));
    expect(Number(requested?.[1])).toBeLessThanOrEqual(Number(limit?.[1]));
  });

  it('selects its pods alike in the Deployment, PodDisruptionBudget, Service and NetworkPolicy', () => {
    const labels = deployment.spec?.template.metadata?.labels ?? {};
    const selectors = [
      deployment.spec?.selector.matchLabels,
      (findObject(objects, 'PodDisruptionBudget', 'ferry') as V1PodDisruptionBudget).spec?.selector
        ?.matchLabels,
      (findObject(objects, 'Service', 'ferry-metrics') as V1Service).spec?.selector,
      (findObject(objects, 'NetworkPolicy', 'ferry') as V1NetworkPolicy).spec?.podSelector?.matchLabels,
    ];
    for (const selector of selectors) {
      expect(selector).toBeDefined();
      expect(labels).toMatchObject(selector ?? {});
    }
    expect(
      (findObject(objects, 'PodDisruptionBudget', 'ferry') as V1PodDisruptionBudget).spec?.minAvailable,
    ).toBe(1);
  });

  it('admits ingress only to the metrics port, where the probes and /metrics are', () => {
    const policy = (findObject(objects, 'NetworkPolicy', 'ferry') as V1NetworkPolicy).spec;
    expect(policy?.policyTypes).toEqual(['Ingress']);
    expect(policy?.ingress?.flatMap((rule) => rule.ports ?? [])).toEqual([
      { port: 'metrics', protocol: 'TCP' },
    ]);
    const container = deployment.spec?.template.spec?.containers[0];
    expect(container?.ports?.map((port) => port.name)).toEqual(['metrics']);
    expect(container?.livenessProbe?.httpGet).toMatchObject({ path: '/healthz', port: 'metrics' });
    expect(container?.readinessProbe?.httpGet).toMatchObject({ path: '/readyz', port: 'metrics' });
  });
});

describe('config/namespaced', () => {
  it('grants in its Role what the ClusterRole grants, less what only ClusterSecretStores need', async () => {
    const clusterRole = findObject(
      await kustomizeBuild('config/default'),
      'ClusterRole',
      'ferry-manager',
    ) as V1ClusterRole;
    const role = findObject(await kustomizeBuild('config/namespaced'), 'Role', 'ferry-manager') as V1Role;
    const clusterStoresOnly = new Set(['clustersecretstores', 'clustersecretstores/status', 'namespaces']);
    const withoutClusterStores = (rules: V1PolicyRule[]): V1PolicyRule[] =>
      rules
        .map((rule) =>
          Object.assign({}, rule, {
            resources: (rule.resources ?? []).filter((resource) => !clusterStoresOnly.has(resource)),
          }),
        )
        .filter((rule) => rule.resources.length > 0);
    expect(role.rules).toEqual(withoutClusterStores(clusterRole.rules ?? []));
  });
});
