// Templates that run away, in time inside one function call or in memory, against a real operator
// process with small render budgets: each fails its own ExternalSecret with BudgetExceeded, keeps
// the Secret it had, and is not retried in a loop, while the process, /healthz and every other
// ExternalSecret (templated or not) carry on.
import {
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';
import { applyObjects, loadExample } from '../support/manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from '../support/namespaced-operator.ts';
import type { OperatorProcess } from '../support/operator-process.ts';
import { decoded, readSecret, readyCondition, waitForReason } from '../support/waiting.ts';

const planted = ['tpl-db-pass-5150', 'tpl-registry-token-7781', 'tpl-smtp-pass-3320'];
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
// Each 4096-bit key takes about a second inside one call, where the template's own deadline cannot
// look at the clock; thirty of them would hold a thread for half a minute.
const slowTemplate = '{{ range until 30 }}{{ genPrivateKey "rsa" }}{{ end }}';
// A hundred lists of a million one-character strings held at once: far more than a 16 MiB budget.
const hoardingTemplate =
  '{{ $l := list }}{{ range $i := until 100 }}{{ $l = append $l (repeat 100000 "abcdefghij" | splitList "") }}{{ end }}{{ len $l }}';

function externalSecret(namespace: string, name: string, template?: string): KubernetesObject {
  return {
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'ExternalSecret',
    metadata: { name, namespace },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { name: 'template-demo' },
      target: template ? { template: { data: { out: template } } } : {},
      data: [{ secretKey: 'password', remoteRef: { key: '/db/credentials', property: 'password' } }],
    },
  } as KubernetesObject;
}

function failedSyncs(metrics: string): number {
  return Number(/ferry_sync_total\{kind="ExternalSecret",result="failed"\} (\d+)/.exec(metrics)?.[1] ?? 0);
}

describe('render isolation', () => {
  const admin = adminKubeConfig();
  const custom = admin.makeApiClient(CustomObjectsApi);
  let namespace: string;
  let operator: OperatorProcess;

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'render-isolation');
    operator = await startNamespacedOperator(namespace, {
      FERRY_BUDGET_RENDER_SECONDS: '3',
      FERRY_BUDGET_RENDER_MEMORY_MIB: '16',
      FERRY_RENDER_WORKERS: '1',
    });
    await applyObjects(admin, [
      ...loadExample('templates/secret-store.yaml', namespace),
      externalSecret(namespace, 'slow', '{{ .password | upper }}'),
    ]);
    await waitForReason(admin, namespace, 'slow', 'SecretSynced');
  });
  afterAll(async () => {
    await stopAndCheckOutput(operator, planted);
    await deleteNamespace(admin, namespace);
  });

  it('fails runaway templates with BudgetExceeded, alone, and never in a loop', async () => {
    // A Secret rendered before the template went wrong keeps its data.
    await custom.patchNamespacedCustomObject(
      {
        group: 'ferry.dev',
        version: 'v1alpha1',
        plural: 'externalsecrets',
        namespace,
        name: 'slow',
        body: { spec: { target: { template: { data: { out: slowTemplate } } } } },
      },
      mergePatch,
    );
    await applyObjects(admin, [
      externalSecret(namespace, 'hoarder', hoardingTemplate),
      externalSecret(namespace, 'plain'),
      externalSecret(namespace, 'templated', 'pw={{ .password }}'),
    ]);

    const slow = readyCondition(await waitForReason(admin, namespace, 'slow', 'BudgetExceeded'));
    // Stopped by the worker's budget check or, past it, by terminating the worker: one failure.
    expect(slow?.message).toMatch(/time budget of 3 s .*--budget-render-seconds$/);
    const hoarder = readyCondition(await waitForReason(admin, namespace, 'hoarder', 'BudgetExceeded'));
    expect(hoarder?.message).toMatch(/memory budget of 16 MiB.*--budget-render-memory-mib$/);
    await waitForReason(admin, namespace, 'plain', 'SecretSynced');
    await waitForReason(admin, namespace, 'templated', 'SecretSynced');
    expect(decoded(await readSecret(admin, namespace, 'templated'))).toEqual({ out: 'pw=tpl-db-pass-5150' });
    expect(decoded(await readSecret(admin, namespace, 'slow'))).toEqual({ out: 'TPL-DB-PASS-5150' });
    expect((await operator.get('/healthz')).status).toBe(200);

    // Retried no sooner than a minute. A retry may follow at once when the watch event of the
    // failure's own status write comes back first; it finds the same failure and writes nothing.
    // With the retry backoff of other errors (1 s, 2 s, 4 s, 8 s, …) each would fail about five times.
    await sleep(20_000);
    expect(failedSyncs((await operator.get('/metrics')).body)).toBeLessThanOrEqual(4);
    expect((await operator.get('/healthz')).status).toBe(200);
  });
});
