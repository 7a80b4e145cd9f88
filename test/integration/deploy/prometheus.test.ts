// config/prometheus (ServiceMonitor, PrometheusRule, Grafana dashboard) and the chart's copies: the
// real prometheus-operator CRDs accept them, promtool accepts the rules and fires the not-Ready alert
// when it should, and every expression reads only metrics Ferry exports, with label values it emits.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KubernetesObjectApi, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SyncAction } from '../../../operator/api/v1alpha1/index.ts';
import { installCrds } from '../../controlplane/index.ts';
import type { ProviderErrorReason } from '../../../operator/providers/index.ts';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../../support/cluster.ts';
import { chartDir, helmTemplate } from '../../support/helm.ts';
import { kustomizeBuild } from '../../support/kustomize.ts';
import { asClientModel } from '../../support/manifests.ts';
import { prometheusOperatorCrdsDir, promtoolBinary } from '../../support/prometheus-tools.ts';
import { exportedMetricNames, metricNamesIn } from '../../support/promql.ts';

const run = promisify(execFile);
const repoRoot = join(import.meta.dirname, '..', '..', '..');
const prometheusDir = join(repoRoot, 'config', 'prometheus');

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface RuleSpec {
  groups: { name: string; rules: Rule[] }[];
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: { expr: string; datasource?: { uid: string } }[];
  panels?: Panel[];
}
interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: unknown; definition?: string }[] };
}

// Every result label ferry_provider_calls_total can carry: `satisfies` fails to compile when a
// provider error reason is added or removed without this list.
const providerErrorReasons = {
  SecretNotFound: true,
  PropertyNotFound: true,
  AuthFailed: true,
  Throttled: true,
  Unavailable: true,
  InvalidConfig: true,
  InvalidData: true,
  BudgetExceeded: true,
  ProviderError: true,
} satisfies Record<ProviderErrorReason, true>;

/** The values Ferry gives each label that rules and panels filter on. */
const emittedLabelValues: Record<string, Record<string, Set<string>>> = {
  ferry_sync_total: {
    result: new Set(SyncAction.options.map((action) => action.toLowerCase())),
    kind: new Set(['ExternalSecret']),
  },
  ferry_provider_calls_total: {
    result: new Set(['ok', 'error', ...Object.keys(providerErrorReasons)]),
  },
};

/** Each `metric{label="value"}` or `label=~"a|b"` filter of an expression, regex alternatives split. */
function labelFilters(expression: string): { metric: string; label: string; values: string[] }[] {
  const filters: { metric: string; label: string; values: string[] }[] = [];
  for (const selector of expression.matchAll(/([A-Za-z_:][\w:]*)\{([^}]*)\}/g)) {
    const [, metric = '', matchers = ''] = selector;
    for (const matcher of matchers.matchAll(/(\w+)\s*(=~|!~|!=|=)\s*"([^"]*)"/g)) {
      const [, label = '', operator = '', value = ''] = matcher;
      filters.push({ metric, label, values: operator.endsWith('~') ? value.split('|') : [value] });
    }
  }
  return filters;
}

function allPanels(panels: readonly Panel[]): Panel[] {
  return panels.flatMap((panel) => [panel, ...allPanels(panel.panels ?? [])]);
}

/** A dashboard expression as Prometheus would get it from Grafana. */
function withGrafanaVariables(expression: string): string {
  return expression
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$__range', '6h')
    .replaceAll('$namespace', 'ferry-system');
}

async function promtool(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(await promtoolBinary(), args, { cwd, encoding: 'utf8' });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: (failed.stdout ?? '') + (failed.stderr ?? String(error)) };
  }
}

describe('config/prometheus', () => {
  const admin = adminKubeConfig();
  const objects = KubernetesObjectApi.makeApiClient(admin);
  let namespace: string;
  let built: KubernetesObject[];
  let ruleSpec: RuleSpec;
  let dashboard: Dashboard;
  let exported: Set<string>;
  let workDir: string;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'ferry-prometheus-'));
    // prometheus-operator's own CRDs, as kube-prometheus-stack would have installed them.
    const installed = await installCrds(admin, await prometheusOperatorCrdsDir());
    expect(installed.sort()).toEqual([
      'prometheusrules.monitoring.coreos.com',
      'servicemonitors.monitoring.coreos.com',
    ]);
    namespace = await createTestNamespace(admin, 'prometheus');
    built = await kustomizeBuild('config/prometheus');
    const rule = built.find((object) => object.kind === 'PrometheusRule') as { spec: RuleSpec } | undefined;
    if (!rule) throw new Error('config/prometheus has no PrometheusRule');
    ruleSpec = rule.spec;
    dashboard = JSON.parse(readFileSync(join(prometheusDir, 'grafana-dashboard.json'), 'utf8')) as Dashboard;
    exported = await exportedMetricNames();
  });
  afterAll(async () => {
    await deleteNamespace(admin, namespace);
    rmSync(workDir, { recursive: true, force: true });
  });

  it('is accepted as is by the API server with the prometheus-operator CRDs (server-side apply)', async () => {
    expect(built.map((object) => `${object.kind ?? ''}/${object.metadata?.name ?? ''}`).sort()).toEqual([
      'ConfigMap/ferry-grafana-dashboard',
      'PrometheusRule/ferry',
      'ServiceMonitor/ferry',
    ]);
    for (const object of built) {
      const placed = { ...object, metadata: Object.assign({}, object.metadata, { namespace }) };
      await objects.patch(
        asClientModel(placed),
        undefined,
        undefined,
        'ferry-tests',
        false,
        PatchStrategy.ServerSideApply,
      );
    }
    const stored = await objects.read({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'ferry', namespace },
    });
    expect((stored as unknown as { spec: RuleSpec }).spec).toEqual(ruleSpec);
    const dashboardMap = await objects.read({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'ferry-grafana-dashboard', namespace },
    });
    expect(dashboardMap.metadata?.labels).toMatchObject({ grafana_dashboard: '1' });
    expect(
      JSON.parse((dashboardMap as { data?: Record<string, string> }).data?.['ferry.json'] ?? ''),
    ).toEqual(dashboard);
  });

  it('scrapes the metrics Service of config/manager, on its named port', async () => {
    const monitor = built.find((object) => object.kind === 'ServiceMonitor') as
      | { spec: { selector: { matchLabels: Record<string, string> }; endpoints: { port: string }[] } }
      | undefined;
    const service = (await kustomizeBuild('config/default')).find(
      (object) => object.kind === 'Service' && object.metadata?.name === 'ferry-metrics',
    ) as { metadata: { labels: Record<string, string> }; spec: { ports: { name: string }[] } } | undefined;
    expect(service?.metadata.labels).toMatchObject(
      monitor?.spec.selector.matchLabels ?? { missing: 'selector' },
    );
    expect(service?.spec.ports.map((port) => port.name)).toContain(monitor?.spec.endpoints[0]?.port);
  });

  it('has rules promtool accepts', async () => {
    writeFileSync(join(workDir, 'rules.yaml'), stringify(ruleSpec));
    const checked = await promtool(['check', 'rules', 'rules.yaml'], workDir);
    expect(checked.output).toContain(`SUCCESS: ${String(ruleSpec.groups[0]?.rules.length)} rules found`);
    expect(checked.code).toBe(0);
  });

  it('fires FerryExternalSecretNotReady once an ExternalSecret has not been Ready for 10 minutes, whatever the reason (promtool test rules)', async () => {
    writeFileSync(join(workDir, 'rules.yaml'), stringify(ruleSpec));
    const age = (pod: string, reason: string) =>
      `ferry_externalsecrets_not_ready_max_age_seconds{namespace="ferry-system",pod="${pod}",reason="${reason}"}`;
    const leader = (pod: string) => `ferry_leader{namespace="ferry-system",pod="${pod}"}`;
    const notReady = (reason: string, duration: string) => ({
      exp_labels: { namespace: 'ferry-system', reason, severity: 'warning' },
      exp_annotations: {
        summary: 'ExternalSecrets have not been Ready for 10 minutes.',
        description:
          `An ExternalSecret watched by Ferry in namespace ferry-system has not been Ready for ${duration} ` +
          `(reason ${reason}). Its Secret keeps the last synced data. ` +
          '`ferry status -A` lists the ExternalSecrets that are not Ready and why; ' +
          '`ferry explain NAME -n NAMESPACE` shows the history and Events of one.',
      },
    });
    // Scraped every minute from two replicas; the age grows by 60 s a minute while not Ready.
    const growing = (minutes: number) => Array.from({ length: minutes }, (_, m) => 60 * m).join(' ');
    const unitTests = {
      rule_files: ['rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          name: 'a spec error, never retried, and a store error, retried: both seen by age alone',
          interval: '1m',
          input_series: [
            { series: age('ferry-0', 'InvalidSpec'), values: growing(31) },
            { series: age('ferry-1', 'InvalidSpec'), values: growing(31) },
            { series: age('ferry-0', 'ProviderError'), values: growing(31) },
          ],
          alert_rule_test: [
            { eval_time: '9m', alertname: 'FerryExternalSecretNotReady', exp_alerts: [] },
            {
              eval_time: '11m',
              alertname: 'FerryExternalSecretNotReady',
              exp_alerts: [notReady('InvalidSpec', '11m 0s'), notReady('ProviderError', '11m 0s')],
            },
          ],
        },
        {
          name: 'an ExternalSecret that healed after 5 minutes (the series goes away)',
          interval: '1m',
          input_series: [{ series: age('ferry-0', 'ProviderError'), values: `${growing(6)} stale` }],
          alert_rule_test: [5, 10, 15].map((minute) => ({
            eval_time: `${String(minute)}m`,
            alertname: 'FerryExternalSecretNotReady',
            exp_alerts: [],
          })),
        },
        {
          name: 'no replica holds the Lease',
          interval: '1m',
          input_series: [
            { series: leader('ferry-0'), values: '1 1 0 0 0 0 0 0 0 0 0 0' },
            { series: leader('ferry-1'), values: '0 0 0 0 0 0 0 0 0 0 0 0' },
          ],
          alert_rule_test: [
            { eval_time: '6m', alertname: 'FerryNoLeader', exp_alerts: [] },
            {
              eval_time: '8m',
              alertname: 'FerryNoLeader',
              exp_alerts: [
                {
                  exp_labels: { namespace: 'ferry-system', severity: 'critical' },
                  exp_annotations: {
                    summary: 'No Ferry replica holds the leader election Lease.',
                    description:
                      'No replica of Ferry in namespace ferry-system has been leader for 5 minutes, so no ' +
                      "ExternalSecret is synced or refreshed. The replicas' logs say why they cannot take the Lease " +
                      '(RBAC on leases, or the API server).',
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    writeFileSync(join(workDir, 'rules.test.yaml'), stringify(unitTests));
    const tested = await promtool(['test', 'rules', 'rules.test.yaml'], workDir);
    expect(tested.output).toContain('SUCCESS');
    expect(tested.code).toBe(0);
  });

  it('reads only metrics Ferry exports, filtered on label values it emits', () => {
    const expressions = [
      ...ruleSpec.groups.flatMap((group) => group.rules.map((rule) => rule.expr)),
      ...allPanels(dashboard.panels).flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)),
    ];
    expect(expressions.length).toBeGreaterThan(20);
    for (const expression of expressions) {
      const names = metricNamesIn(expression);
      expect(names.length, expression).toBeGreaterThan(0);
      for (const name of names) expect(exported, `${name} in ${expression}`).toContain(name);
      for (const filter of labelFilters(expression)) {
        const known = emittedLabelValues[filter.metric]?.[filter.label];
        if (!known) continue;
        for (const value of filter.values)
          expect(known, `${filter.label}="${value}" in ${expression}`).toContain(value);
      }
    }
  });

  it('has a dashboard whose expressions promtool parses and whose panels use the dashboard data source', async () => {
    const panels = allPanels(dashboard.panels);
    const ids = panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const titles = panels.map((panel) => panel.title);
    for (const wanted of [
      'Syncs by result',
      'Reconcile duration',
      'Queue depth',
      'Queue wait',
      'Provider calls by result',
      'Informer restarts',
      'Leader',
    ]) {
      expect(titles).toContain(wanted);
    }
    for (const panel of panels.filter((candidate) => candidate.type !== 'row')) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.gridPos.x + panel.gridPos.w, panel.title).toBeLessThanOrEqual(24);
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
    }
    const variables = dashboard.templating.list;
    expect(variables.map((variable) => variable.name)).toEqual(['datasource', 'namespace']);
    const namespaceQuery = variables[1]?.definition ?? '';
    expect(metricNamesIn(namespaceQuery.replace(/^label_values\((\w+),.*$/, '$1'))).toEqual([
      'ferry_process_start_time_seconds',
    ]);

    // Each expression as a recording rule: promtool parses it as Prometheus would.
    const expressions = panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
    const recording = {
      groups: [
        {
          name: 'dashboard',
          rules: expressions.map((expr, index) => ({
            record: `ferry:dashboard_${String(index)}`,
            expr: withGrafanaVariables(expr),
          })),
        },
      ],
    };
    writeFileSync(join(workDir, 'dashboard-rules.yaml'), stringify(recording));
    const checked = await promtool(['check', 'rules', '--lint=none', 'dashboard-rules.yaml'], workDir);
    expect(checked.output).toContain(`SUCCESS: ${String(expressions.length)} rules found`);
    expect(checked.code).toBe(0);
  });

  it('ships with the Helm chart: the same rules and dashboard, accepted by the API server', async () => {
    expect(readFileSync(join(chartDir, 'files', 'prometheus_rule.yaml'), 'utf8')).toBe(
      readFileSync(join(prometheusDir, 'prometheus_rule.yaml'), 'utf8'),
    );
    expect(readFileSync(join(chartDir, 'files', 'grafana-dashboard.json'), 'utf8')).toBe(
      readFileSync(join(prometheusDir, 'grafana-dashboard.json'), 'utf8'),
    );
    const rendered = await helmTemplate(
      { name: 'ferry', namespace },
      {
        'metrics.serviceMonitor.enabled': true,
        'metrics.prometheusRule.enabled': true,
        'metrics.grafanaDashboard.enabled': true,
        'metrics.serviceMonitor.labels.release': 'prometheus',
      },
    );
    const monitoring = rendered.filter((object) =>
      ['ServiceMonitor', 'PrometheusRule', 'ConfigMap'].includes(object.kind ?? ''),
    );
    expect(monitoring.map((object) => object.kind).sort()).toEqual([
      'ConfigMap',
      'PrometheusRule',
      'ServiceMonitor',
    ]);
    const rule = monitoring.find((object) => object.kind === 'PrometheusRule') as unknown as {
      spec: RuleSpec;
    };
    expect(rule.spec).toEqual(ruleSpec);
    const monitor = monitoring.find((object) => object.kind === 'ServiceMonitor') as unknown as {
      metadata: { labels: Record<string, string> };
      spec: { endpoints: unknown[]; selector: { matchLabels: Record<string, string> } };
    };
    const builtMonitor = built.find((object) => object.kind === 'ServiceMonitor') as unknown as {
      spec: { endpoints: unknown[] };
    };
    expect(monitor.spec.endpoints).toEqual(builtMonitor.spec.endpoints);
    expect(monitor.metadata.labels).toMatchObject({ release: 'prometheus' });
    const service = rendered.find((object) => object.kind === 'Service');
    expect(service?.metadata?.labels).toMatchObject(monitor.spec.selector.matchLabels);
    const configMap = monitoring.find((object) => object.kind === 'ConfigMap') as unknown as {
      metadata: { labels: Record<string, string> };
      data: Record<string, string>;
    };
    expect(configMap.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
    expect(JSON.parse(configMap.data['ferry.json'] ?? '')).toEqual(dashboard);
    for (const object of monitoring) {
      await objects.patch(
        asClientModel(object),
        undefined,
        'All',
        'ferry-tests',
        true,
        PatchStrategy.ServerSideApply,
      );
    }
  });
});
