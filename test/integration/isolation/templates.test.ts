// Issue #14, templates: a tenant's template that would exhaust the heap, take the clock, or put a
// value into an error. Each runs beside 50 ordinary ExternalSecrets of another namespace, against
// one real operator process (see test/support/tenant-isolation.ts for what every scenario checks).
import { beforeAll, describe, expect, it } from 'vitest';
import { externalSecretReasons } from '../../../operator/api/v1alpha1/index.ts';
import {
  execute,
  parseTemplate,
  stringMap,
  systemEnvironment,
  templateFunctions,
} from '../../../operator/template/index.ts';
import { expectFailsAlone, type TenantContext, useIsolationHarness } from '../../support/tenant-isolation.ts';
import { ferry } from '../cli/ferry-process.ts';
import { expectNoSecretWritten, plantAdmittedExternalSecret, plantFakeStore } from './hostile-objects.ts';

const { budgetExceeded, templateError, invalidSpec } = externalSecretReasons;
/** The operator's default --budget-render-seconds, which this suite runs with. */
const renderBudgetMs = 10_000;

// The manifests of the issue, as written there.
const listGrowth =
  '{{ $s := repeat 1000000 "a" }}{{ $l := list }}{{ range until 100 }}{{ $l = append $l (printf "%s%d" $s .) }}{{ end }}{{ len $l }}';
const megabyteKey = '{{ repeat 1000000 "a" }}';
// Another of the same class: the heap filled through a dict instead of a list.
const dictGrowth =
  '{{ $d := dict }}{{ range $i := until 100 }}{{ $_ := set $d (toString $i) (repeat 1000000 "b") }}{{ end }}{{ len $d }}';

/** A fake store holding one planted value, read into the template's data as `.seed`. */
async function seededStore(ctx: TenantContext): Promise<{ data: object[] }> {
  await plantFakeStore(ctx, [{ key: 'seed', value: ctx.plant('seed') }]);
  return { data: [{ secretKey: 'seed', remoteRef: { key: 'seed' } }] };
}

/**
 * Iterations of a 1 MB sha256sum that take about 60% of the render budget on this machine: each of
 * four keys stays under any per-template deadline, the four together are far over the sync's budget.
 */
function hashLoopIterations(): number {
  const template = (n: number): string =>
    `{{ $s := repeat 1000000 "g" }}{{ range until ${n} }}{{ $_ := sha256sum $s }}{{ end }}done`;
  const functions = templateFunctions(systemEnvironment);
  const sample = 40;
  const startedAt = performance.now();
  execute(parseTemplate('calibration', template(sample), { functions }), stringMap({}));
  const perIterationMs = (performance.now() - startedAt) / sample;
  return Math.max(sample, Math.ceil((0.6 * renderBudgetMs) / perIterationMs));
}

describe('tenant isolation: templates (issue #14)', () => {
  const harness = useIsolationHarness('isolation-templates');
  let hashIterations: number;

  beforeAll(() => {
    hashIterations = hashLoopIterations();
  });

  it('a: a template that grows a list of 1 MB strings fails alone with BudgetExceeded (memory)', async () => {
    await harness().run({
      async plant(ctx) {
        const seed = await seededStore(ctx);
        await plantAdmittedExternalSecret(ctx, 'list-growth', {
          ...seed,
          target: { template: { data: { count: listGrowth } } },
        });
        await plantAdmittedExternalSecret(ctx, 'dict-growth', {
          ...seed,
          target: { template: { data: { count: dictGrowth } } },
        });
      },
      async verify(ctx) {
        for (const name of ['list-growth', 'dict-growth']) {
          await expectFailsAlone(ctx, name, [budgetExceeded], '--budget-render-memory-mib');
          await expectNoSecretWritten(ctx, name);
        }
      },
    });
  });

  it('b: 150 keys of 1 MB each fail alone with BudgetExceeded', async () => {
    await harness().run({
      async plant(ctx) {
        const keys = Object.fromEntries(
          Array.from({ length: 150 }, (_, index) => [`k${index}`, megabyteKey]),
        );
        await plantAdmittedExternalSecret(ctx, 'wide-output', {
          ...(await seededStore(ctx)),
          target: { template: { data: keys } },
        });
      },
      async verify(ctx) {
        // Memory or output, whichever trips first: both are budgets of the sync, neither stops Ferry.
        await expectFailsAlone(ctx, 'wide-output', [budgetExceeded]);
        await expectNoSecretWritten(ctx, 'wide-output');
      },
    });
  });

  it('g: four keys each just under a deadline fail alone with BudgetExceeded (time)', async () => {
    const slowKey = `{{ $s := repeat 1000000 "g" }}{{ range until ${hashIterations} }}{{ $_ := sha256sum $s }}{{ end }}done`;
    await harness().run({
      async plant(ctx) {
        await plantAdmittedExternalSecret(ctx, 'split-deadline', {
          ...(await seededStore(ctx)),
          target: { template: { data: { k1: slowKey, k2: slowKey, k3: slowKey, k4: slowKey } } },
        });
      },
      async verify(ctx) {
        await expectFailsAlone(ctx, 'split-deadline', [budgetExceeded], '--budget-render-seconds');
        await expectNoSecretWritten(ctx, 'split-deadline');
      },
    });
  });

  it('k: fail and required never carry a value into status, Events, logs or `ferry explain`', async () => {
    const hostile = {
      'fail-password': '{{ fail .password }}',
      'required-missing': '{{ required "x" .missing }}',
      // Another of the same class: the value as required's message.
      'required-message': '{{ required .password .missing }}',
    };
    await harness().run({
      async plant(ctx) {
        await plantFakeStore(ctx, [{ key: 'password', value: ctx.plant('password') }]);
        for (const [name, template] of Object.entries(hostile)) {
          await plantAdmittedExternalSecret(ctx, name, {
            data: [{ secretKey: 'password', remoteRef: { key: 'password' } }],
            target: { template: { data: { out: template } } },
          });
        }
      },
      async verify(ctx) {
        for (const name of Object.keys(hostile)) {
          await expectFailsAlone(ctx, name, [templateError, invalidSpec]);
          for (const output of [[], ['-o', 'json']]) {
            const run = await ferry([
              'explain',
              name,
              '-n',
              ctx.tenant,
              ...output,
              '--kubeconfig',
              ctx.kubeconfigPath,
            ]);
            expect.soft(run.code, `ferry explain ${name} ${output.join(' ')}: ${run.stderr}`).toBe(0);
            ctx.recordOutput(`ferry explain ${name} ${output.join(' ')}`, run.stdout + run.stderr);
          }
        }
      },
    });
  });
});
