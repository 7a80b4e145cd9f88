// The render sandbox with real worker threads: the same Secret, and the same failures, as the steps
// inline; a rendering over its time or memory budget stopped, failing as BudgetExceeded.
import { afterAll, describe, expect, it } from 'vitest';
import { ExternalSecretSpec } from '../../api/v1alpha1/index.ts';
import { ParsedTemplates } from './parsed-templates.ts';
import { RenderSandbox } from './render-sandbox.ts';
import type { TemplateSourceData } from './secret-template.ts';
import { BudgetExceededError, createSyncBudget, defaultSyncBudgetLimits } from './sync-budget.ts';
import { syncSteps } from './sync-steps.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const spec = (fields: Record<string, unknown>): ExternalSecretSpec =>
  ExternalSecretSpec.parse({ secretStoreRef: { name: 'main' }, ...fields });
const signal = new AbortController().signal;
const templates = new ParsedTemplates();
const sandboxes: RenderSandbox[] = [];

function sandbox(limits = defaultSyncBudgetLimits, workers = 1): RenderSandbox {
  const created = new RenderSandbox({ workers, limits });
  sandboxes.push(created);
  return created;
}

afterAll(async () => {
  await Promise.all(sandboxes.map((each) => each.close()));
});

interface Case {
  spec: ExternalSecretSpec;
  reads: { dataFrom: (Record<string, Uint8Array> | undefined)[]; data: (Uint8Array | undefined)[] };
  sources?: TemplateSourceData[];
}

/** Both steps of a sync, as plain values, or the failure as the reconciler sees it. */
async function outcomeOf(sync: Case, where: RenderSandbox | undefined): Promise<unknown> {
  const steps = syncSteps(sync.spec, templates, where, signal, createSyncBudget(defaultSyncBudgetLimits));
  try {
    const fetched = await steps.assemble(sync.reads);
    const rendered = await steps.render({
      fetched,
      template: sync.spec.target.template,
      sources: sync.sources ?? [],
    });
    // Entries in order, values as bytes (a Buffer comes back from a worker as the Uint8Array it is),
    // and the prototype: a record of store keys has none.
    const shape = (record: Record<string, string | Uint8Array>) => ({
      entries: Object.entries(record).map(([key, value]) => [
        key,
        typeof value === 'string' ? value : new Uint8Array(value),
      ]),
      prototype: Object.getPrototypeOf(record) as unknown,
    });
    return {
      data: shape(rendered.data),
      labels: shape(rendered.labels),
      annotations: shape(rendered.annotations),
    };
  } catch (error) {
    const { name, message } = error as Error;
    return { failed: error?.constructor, name, message, reason: (error as { reason?: string }).reason };
  }
}

const keystoreLike = Uint8Array.from([0, 255, 1, 128, 0x3c, 0x7b]);
const cases: Record<string, Case> = {
  'a template with functions, labels and annotations, over binary values and a __proto__ key': {
    spec: spec({
      target: {
        template: {
          data: {
            url: 'postgres://{{ .user | lower }}:{{ .pass | urlquery }}@db',
            raw: '{{ .blob }}',
            keys: '{{ keys . | sortAlpha | join "," }}',
            proto: '{{ index . "__proto__" }}',
          },
          metadata: { labels: { tier: '{{ .user | lower }}' }, annotations: { note: 'v{{ len .pass }}' } },
        },
      },
    }),
    reads: {
      dataFrom: [],
      data: [bytes('ADMIN'), bytes('p@ss w/rd'), keystoreLike, bytes('not a prototype')],
    },
  },
  'templateFrom: a ConfigMap template, a literal, valuesDecodingStrategy': {
    spec: spec({
      target: {
        template: {
          mergePolicy: 'Merge',
          templateFrom: [
            { configMap: { name: 'cm', items: [{ key: 'config.yaml', templateAs: 'Values' }] } },
            { literal: 'decoded: {{ .user | b64enc }}', valuesDecodingStrategy: 'Base64' },
          ],
        },
      },
    }),
    reads: { dataFrom: [], data: [bytes('admin'), bytes('secret'), keystoreLike, bytes('x')] },
    sources: [{ configMap: { 'config.yaml': 'user: {{ .user }}' } }, {}],
  },
  'regexp and transform rewrites, then decodingStrategy, then data entries overwrite': {
    spec: spec({
      dataFrom: [
        {
          extract: { key: 'app', decodingStrategy: 'Base64' },
          rewrite: [
            { regexp: { source: '^db[-_](?P<rest>.*)$', target: 'database_${rest}' } },
            { transform: { template: '{{ .value | upper }}' } },
          ],
        },
      ],
    }),
    reads: {
      dataFrom: [{ 'db-user': bytes(btoa('u')), db_pass: bytes(btoa('p')), USER: bytes(btoa('old')) }],
      data: [bytes('ADMIN'), bytes('x'), bytes('y'), bytes('z')],
    },
  },
  'a template that does not parse (InvalidSpec, TemplateError)': {
    spec: spec({ target: { template: { data: { broken: '{{ .user ' } } } }),
    reads: { dataFrom: [], data: [bytes('a'), bytes('b'), bytes('c'), bytes('d')] },
  },
  'a template that fails on the data (a missing key)': {
    spec: spec({ target: { template: { data: { missing: '{{ .nowhere }}' } } } }),
    reads: { dataFrom: [], data: [bytes('a'), bytes('b'), bytes('c'), bytes('d')] },
  },
  'a KeysAndValues template that renders an invalid key': {
    spec: spec({ target: { template: { templateFrom: [{ literal: '"bad key!": {{ .user }}' }] } } }),
    reads: { dataFrom: [], data: [bytes('a'), bytes('b'), bytes('c'), bytes('d')] },
  },
  'an invalid rewrite regexp': {
    spec: spec({
      dataFrom: [{ extract: { key: 'app' }, rewrite: [{ regexp: { source: '(', target: 'x' } }] }],
    }),
    reads: { dataFrom: [{ a: bytes('1') }], data: [] },
  },
  'a rewritten value that is not the base64 its decodingStrategy says': {
    spec: spec({
      dataFrom: [
        {
          extract: { key: 'app', decodingStrategy: 'Base64' },
          rewrite: [{ regexp: { source: 'a', target: 'b' } }],
        },
      ],
    }),
    reads: { dataFrom: [{ a: bytes('not base64!') }], data: [] },
  },
};

// The data entries the template cases read, in order.
for (const sync of Object.values(cases)) {
  if (sync.spec.data === undefined && sync.reads.data.length === 4) {
    sync.spec = spec({
      ...sync.spec,
      data: ['user', 'pass', 'blob', '__proto__'].map((secretKey) => ({
        secretKey,
        remoteRef: { key: secretKey },
      })),
    });
  }
}

describe('RenderSandbox', () => {
  const shared = sandbox(defaultSyncBudgetLimits, 2);

  it.each(Object.keys(cases))('%s: the same outcome in a render worker as inline', async (name) => {
    const sync = cases[name] as Case;
    const inline = await outcomeOf(sync, undefined);
    expect(await outcomeOf(sync, shared)).toEqual(inline);
    expect(shared.workers).toBeGreaterThan(0);
  });

  it('starts no worker for an ExternalSecret without templates or regexp/transform rewrites', async () => {
    const idle = sandbox();
    const plain: Case = {
      spec: spec({
        dataFrom: [{ extract: { key: 'app' }, rewrite: [{ merge: {} }] }],
        data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
        target: { template: { type: 'kubernetes.io/tls' } },
      }),
      reads: { dataFrom: [{ a: bytes('{"x":"1"}') }], data: [bytes('v')] },
    };
    expect(await outcomeOf(plain, idle)).toMatchObject({
      data: {
        entries: [
          ['x', bytes('1')],
          ['k', bytes('v')],
        ],
      },
    });
    expect(idle.workers).toBe(0);
    await outcomeOf(cases['a template that fails on the data (a missing key)'] as Case, idle);
    expect(idle.workers).toBe(1);
  });
});

describe('RenderSandbox budgets', () => {
  // A 1 s time budget; 16 MiB of memory (a 64 MiB worker heap) with all the time it needs.
  const quick = sandbox({ ...defaultSyncBudgetLimits, renderMs: 1000 });
  const small = sandbox({
    ...defaultSyncBudgetLimits,
    renderMs: 60_000,
    renderMemoryBytes: 16 * 1024 * 1024,
  });
  const harmless = cases[
    'a template with functions, labels and annotations, over binary values and a __proto__ key'
  ] as Case;
  const templated = (text: string): Case => ({
    spec: spec({ target: { template: { data: { out: text } } } }),
    reads: { dataFrom: [], data: [] },
  });

  it('stops a rendering that outlasts the time budget inside one function call, and keeps serving', async () => {
    await outcomeOf(harmless, quick); // the worker is loaded: the budget times the rendering alone
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 50);
    const started = performance.now();
    // Each 4096-bit key takes about a second inside one call, where the template's own deadline
    // cannot look at the clock.
    const outcome = await outcomeOf(
      templated('{{ range until 30 }}{{ genPrivateKey "rsa" }}{{ end }}'),
      quick,
    );
    const tookMs = performance.now() - started;
    clearInterval(ticker);
    // Stopped by the worker's own budget check after the call, or by terminating the worker if the
    // call outlives the budget by the grace: the same failure, the event loop free either way.
    expect(outcome).toEqual({
      failed: BudgetExceededError,
      name: 'BudgetExceededError',
      reason: 'BudgetExceeded',
      message: expect.stringMatching(/time budget of 1 s .*--budget-render-seconds$/) as unknown,
    });
    expect(tookMs).toBeLessThan(5_000);
    expect(ticks).toBeGreaterThanOrEqual(10);
    expect(await outcomeOf(harmless, quick)).toEqual(await outcomeOf(harmless, undefined));
  }, 30_000);

  it('stops a rendering that holds more than the memory budget; the main thread’s heap is untouched', async () => {
    await outcomeOf(harmless, small);
    const heapBefore = process.memoryUsage().heapUsed;
    const hoarding = templated(
      '{{ $l := list }}{{ range $i := until 100 }}{{ $l = append $l (repeat 100000 "abcdefghij" | splitList "") }}{{ end }}{{ len $l }}',
    );
    const outcome = (await outcomeOf(hoarding, small)) as { failed: unknown; message: string };
    expect(outcome.failed).toBe(BudgetExceededError);
    // Caught by the worker's memory account, or by the worker's heap limit where the account is short.
    expect(outcome.message).toMatch(/memory budget of 16 MiB.*--budget-render-memory-mib$/);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(16 * 1024 * 1024);
    expect(await outcomeOf(harmless, small)).toEqual(await outcomeOf(harmless, undefined));
  }, 30_000);
});
