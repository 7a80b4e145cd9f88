import { describe, expect, it } from 'vitest';
import { Template } from '../../api/v1alpha1/index.ts';
import { InvalidSpecError } from './invalid-spec.ts';
import { ParsedTemplates } from './parsed-templates.ts';
import { renderSecret, type RenderedSecret, type TemplateSourceData } from './secret-template.ts';
import {
  BudgetExceededError,
  createSyncBudget,
  defaultSyncBudgetLimits,
  type SyncBudgetLimits,
} from './sync-budget.ts';
import { TemplateProblem } from './template-failure.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const texts = (data: Record<string, Uint8Array>): Record<string, string> =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Buffer.from(value).toString('utf8')]));
const templates = new ParsedTemplates();
const planted = 'hunter2-planted';
const fetched = { user: bytes('admin'), password: bytes(planted), 'api-token': bytes('tok') };

function render(
  template: Record<string, unknown> | undefined,
  sources: (TemplateSourceData | undefined)[] = [],
  data: Record<string, Uint8Array> = fetched,
): RenderedSecret {
  return renderSecret({
    fetched: data,
    template: template === undefined ? undefined : Template.parse(template),
    sources,
    templates,
    budget: createSyncBudget(defaultSyncBudgetLimits),
  });
}

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the template to fail');
}

describe('renderSecret: which keys the Secret gets (ESO’s order of application)', () => {
  it('without a template, the fetched data as it is', () => {
    const rendered = render(undefined);
    expect(texts(rendered.data)).toEqual({ user: 'admin', password: planted, 'api-token': 'tok' });
    expect(rendered.labels).toEqual({});
  });

  it('Replace (the default): only what the templates render', () => {
    const rendered = render({ data: { dsn: 'postgres://{{ .user }}:{{ .password }}@db/app' } });
    expect(texts(rendered.data)).toEqual({ dsn: `postgres://admin:${planted}@db/app` });
  });

  it('Merge: the fetched data, with the rendered keys over it', () => {
    const rendered = render({ mergePolicy: 'Merge', data: { user: '{{ .user | upper }}', extra: 'x' } });
    expect(texts(rendered.data)).toEqual({
      user: 'ADMIN',
      password: planted,
      'api-token': 'tok',
      extra: 'x',
    });
  });

  it('a template with neither data nor templateFrom keeps the fetched data and templates the metadata', () => {
    const rendered = render({
      type: 'kubernetes.io/basic-auth',
      metadata: { labels: { owner: '{{ .user }}' }, annotations: { note: 'user {{ .user }}' } },
    });
    expect(texts(rendered.data)).toEqual({ user: 'admin', password: planted, 'api-token': 'tok' });
    expect(rendered.labels).toEqual({ owner: 'admin' });
    expect(rendered.annotations).toEqual({ note: 'user admin' });
  });

  it('templateFrom in order (configMap items, secret items, literal), then data wins over all of them', () => {
    const rendered = render(
      {
        data: { shared: 'from data' },
        templateFrom: [
          {
            configMap: { name: 'cm', items: [{ key: 'first' }, { key: 'shared' }] },
            secret: { name: 's', items: [{ key: 'first' }] },
            literal: 'fromLiteral: "{{ .user }}"\nfirst: literal',
          },
          { literal: 'fromLiteral: second' },
        ],
      },
      [
        {
          configMap: { first: 'cm {{ .user }}', shared: 'cm shared' },
          secret: { first: bytes('secret {{ index . "api-token" }}') },
        },
        undefined,
      ],
    );
    expect(texts(rendered.data)).toEqual({ first: 'literal', shared: 'from data', fromLiteral: 'second' });
  });

  it('Values renders one key named as the item; KeysAndValues renders a YAML map of keys', () => {
    const rendered = render(
      {
        templateFrom: [
          {
            configMap: {
              name: 'cm',
              items: [{ key: 'config.yaml' }, { key: 'keys', templateAs: 'KeysAndValues' }],
            },
          },
        ],
      },
      [
        {
          configMap: {
            'config.yaml': 'user: {{ .user }}\n',
            keys: '{{ range $k, $v := . }}{{ $k | replace "-" "_" }}: {{ $v | quote }}\n{{ end }}',
          },
        },
      ],
    );
    expect(texts(rendered.data)).toEqual({
      'config.yaml': 'user: admin\n',
      api_token: 'tok',
      password: planted,
      user: 'admin',
    });
  });

  it('templateFrom can write labels and annotations; metadata templates win a clash', () => {
    const rendered = render(
      {
        metadata: { labels: { team: '{{ .user }}-team' } },
        templateFrom: [
          { target: 'Labels', literal: 'team: from-literal\ntier: backend' },
          {
            target: 'Annotations',
            configMap: { name: 'cm', items: [{ key: 'note' }] },
          },
        ],
      },
      [undefined, { configMap: { note: 'owned by {{ .user }}' } }],
    );
    expect(rendered.labels).toEqual({ team: 'admin-team', tier: 'backend' });
    expect(rendered.annotations).toEqual({ note: 'owned by admin' });
    expect(rendered.data).toEqual({});
  });

  it('keeps bytes that are not UTF-8 exactly, as Go strings do', () => {
    const binary = new Uint8Array([0x00, 0xff, 0xfe, 0x80, 0x41]);
    const rendered = render({ data: { copy: '{{ .bin }}', decoded: '{{ .encoded | b64dec }}' } }, [], {
      bin: binary,
      encoded: bytes(Buffer.from(binary).toString('base64')),
    });
    expect([...(rendered.data['copy'] ?? [])]).toEqual([...binary]);
    expect([...(rendered.data['decoded'] ?? [])]).toEqual([...binary]);
  });

  it('valuesDecodingStrategy decodes what a templateFrom entry renders, for Values and KeysAndValues alike', () => {
    const binary = new Uint8Array([0x00, 0xff, 0xfe, 0x80, 0x41]);
    const encoded = Buffer.from(binary).toString('base64');
    const rendered = render(
      {
        templateFrom: [
          {
            configMap: { name: 'tpl', items: [{ key: 'keystore', templateAs: 'Values' }] },
            valuesDecodingStrategy: 'Base64',
          },
          {
            literal: `raw: ${encoded}\nurl: {{ "??>>" | b64enc | replace "+" "-" | replace "/" "_" }}`,
            valuesDecodingStrategy: 'Auto',
          },
          { literal: `kept: ${encoded}` },
          { target: 'Annotations', literal: 'note: {{ "ok ✓" | b64enc }}', valuesDecodingStrategy: 'Base64' },
        ],
      },
      [{ configMap: { keystore: `{{ .bin | b64enc }}` } }],
      { bin: binary },
    );
    expect([...(rendered.data['keystore'] ?? [])]).toEqual([...binary]);
    expect([...(rendered.data['raw'] ?? [])]).toEqual([...binary]);
    expect(texts(rendered.data)['url']).toBe('??>>');
    expect(texts(rendered.data)['kept']).toBe(encoded); // None when unset
    expect(rendered.annotations).toEqual({ note: 'ok ✓' });
  });

  it('a rendered value that is not of the valuesDecodingStrategy is named by entry, not by content', () => {
    const error = failure(() =>
      render({ templateFrom: [{ literal: 'token: {{ .password }}', valuesDecodingStrategy: 'Base64' }] }),
    );
    expect(error).toBeInstanceOf(TemplateProblem);
    expect(error.message).toBe(
      'spec.target.template.templateFrom[0].literal: valuesDecodingStrategy Base64, but a value the template rendered is not valid base64; render base64 text (b64enc) or set valuesDecodingStrategy None',
    );
    expect(error.message).not.toContain(planted);
  });

  it('renders a kubernetes.io/dockerconfigjson from a user and a password', () => {
    const rendered = render({
      type: 'kubernetes.io/dockerconfigjson',
      data: {
        '.dockerconfigjson':
          '{"auths":{"registry.example":{"auth":"{{ printf "%s:%s" .user .password | b64enc }}"}}}',
      },
    });
    const config = JSON.parse(texts(rendered.data)['.dockerconfigjson'] ?? '') as {
      auths: Record<string, { auth: string }>;
    };
    expect(Buffer.from(config.auths['registry.example']?.auth ?? '', 'base64').toString()).toBe(
      `admin:${planted}`,
    );
  });

  it('treats a fetched key __proto__ as a key like any other', () => {
    const data = Object.create(null) as Record<string, Uint8Array>;
    data['__proto__'] = bytes('p');
    const rendered = render({ mergePolicy: 'Merge', data: { copy: '{{ index . "__proto__" }}' } }, [], data);
    expect(Buffer.from(rendered.data['__proto__'] ?? []).toString()).toBe('p');
    expect(Buffer.from(rendered.data['copy'] ?? []).toString()).toBe('p');
    expect(Object.keys(rendered.data).sort()).toEqual(['__proto__', 'copy']);
  });
});

describe('renderSecret: failures name the template and never a value', () => {
  it('a missing key is an execution error with the template, line and column (missingkey=error)', () => {
    const error = failure(() => render({ data: { dsn: 'line one\n{{ .user }}:{{ .missing }}' } }));
    expect(error).toBeInstanceOf(TemplateProblem);
    expect(error.message).toBe(
      'spec.target.template.data["dsn"]: template: dsn:2:15: executing "dsn" at <.missing>: map has no entry for key "missing"',
    );
  });

  it('a template that does not parse is an InvalidSpecError with reason TemplateError and a column', () => {
    const error = failure(() => render({ data: { dsn: '{{ .user | nosuch }}' } }));
    expect(error).toBeInstanceOf(InvalidSpecError);
    expect((error as InvalidSpecError).reason).toBe('TemplateError');
    expect(error.message).toBe(
      'spec.target.template.data["dsn"]: template: dsn:1:11: function "nosuch" not defined',
    );
  });

  it('a function that fails on the data names the function, not the data', () => {
    const error = failure(() => render({ data: { x: '{{ .password | pkcs12key }}' } }));
    expect(error.message).toMatch(
      /^spec\.target\.template\.data\["x"\]: template: x:1:\d+: executing "x" at <pkcs12key>: error calling pkcs12key: /,
    );
    expect(error.message).not.toContain(planted);
  });

  it('a templateFrom key the ConfigMap lacks names the ConfigMap and the key', () => {
    const error = failure(() =>
      render({ templateFrom: [{ configMap: { name: 'tpl', items: [{ key: 'absent' }] } }] }, [
        { configMap: {} },
      ]),
    );
    expect(error).toBeInstanceOf(TemplateProblem);
    expect(error.message).toBe(
      'spec.target.template.templateFrom[0] (ConfigMap "tpl", key "absent"): the ConfigMap has no such key',
    );
  });

  it('KeysAndValues output that is not a map of text, or that makes a bad key, is named without its content', () => {
    const notMap = failure(() => render({ templateFrom: [{ literal: '- {{ .password }}' }] }));
    expect(notMap.message).toBe(
      'spec.target.template.templateFrom[0].literal: the template must render a YAML map of keys to text values: json: cannot unmarshal array into Go value of type map[string]string',
    );
    const badKey = failure(() => render({ templateFrom: [{ literal: '"{{ .password }}!": x' }] }));
    expect(badKey.message).toBe(
      'spec.target.template.templateFrom[0].literal: the template rendered a key that is not a valid Secret key (letters, digits, "-", "_", "." only)',
    );
    for (const error of [notMap, badKey]) expect(error.message).not.toContain(planted);
  });

  it('a rendered label the API server would refuse is reported without its value', () => {
    const error = failure(() => render({ metadata: { labels: { team: '{{ .password }} with spaces' } } }));
    expect(error).toBeInstanceOf(TemplateProblem);
    expect(error.message).toContain(
      'spec.target.template.metadata.labels["team"]: the rendered value of label "team"',
    );
    expect(error.message).not.toContain(planted);
    const key = failure(() =>
      render({ templateFrom: [{ target: 'Labels', literal: '"{{ .password }} x": v' }] }),
    );
    expect(key.message).toContain('the label key is not a valid label key');
    expect(key.message).not.toContain(planted);
  });

  it.each([
    ['Labels', 'ferry.dev/owner: 0123456789abcdef0123456789abcdef01234567', 'label'],
    ['Labels', 'ferry.dev/managed: "true"', 'label'],
    ['Annotations', 'ferry.dev/data-hash: forged', 'annotation'],
    ['Annotations', 'ferry.dev/template-inputs-hash: forged', 'annotation'],
  ])(
    'refuses a templateFrom target %s that renders Ferry’s marker %s, naming the field',
    (target, literal, kind) => {
      const error = failure(() =>
        render({
          templateFrom: [
            { target: 'Data', literal: 'k: v' },
            { target, literal },
          ],
        }),
      );
      expect(error).toBeInstanceOf(TemplateProblem);
      expect(error.message).toBe(
        `spec.target.template.templateFrom[1].literal: the ${kind} key the template rendered is under ferry.dev/, which Ferry reserves for its own markers (they decide the ExternalSecret that owns a Secret); use another prefix`,
      );
    },
  );

  it('refuses Ferry’s markers in template.metadata of an object admitted before the rule, naming the key', () => {
    // Template.parse refuses them too; renderSecret is also handed templates read before that rule.
    const template = Template.parse({ metadata: { labels: { app: 'web' } } });
    const forged = { ...template, metadata: { labels: { 'ferry.dev/owner': 'x' } } };
    const error = failure(() =>
      renderSecret({
        fetched,
        template: forged,
        sources: [],
        templates,
        budget: createSyncBudget(defaultSyncBudgetLimits),
      }),
    );
    expect(error.message).toBe(
      'spec.target.template.metadata.labels["ferry.dev/owner"]: the label key "ferry.dev/owner" is under ferry.dev/, which Ferry reserves for its own markers (they decide the ExternalSecret that owns a Secret); use another prefix',
    );
  });
});

describe('renderSecret: one budget per sync, shared by every template', () => {
  /** The failure of rendering `data` templates (over a 1 MB password) under `limits`, and how long it took. */
  function overBudget(
    template: Record<string, unknown>,
    limits: SyncBudgetLimits = defaultSyncBudgetLimits,
  ): { error: BudgetExceededError; ms: number } {
    const started = performance.now();
    const error = failure(() =>
      renderSecret({
        fetched: { password: bytes(planted.repeat(50_000)) },
        template: Template.parse(template),
        sources: [],
        templates,
        budget: createSyncBudget(limits),
      }),
    );
    if (!(error instanceof BudgetExceededError)) throw error;
    expect(error.reason).toBe('BudgetExceeded');
    expect(error.message).not.toContain(planted);
    return { error, ms: performance.now() - started };
  }

  it('the issue’s list of a hundred 1 MB strings: memory, long before the heap is at risk', () => {
    const { error, ms } = overBudget({
      data: {
        x: '{{ $s := repeat 1000000 "a" }}{{ $l := list }}{{ range until 100 }}{{ $l = append $l (printf "%s%d" $s .) }}{{ end }}{{ len $l }}',
      },
    });
    expect(error.budget).toBe('memory');
    expect(error.message).toMatch(
      /^spec\.target\.template\.data\["x"\]: template: x:1:\d+: executing "x": rendering exceeds the memory budget of 64 MiB per sync; simplify the template or raise --budget-render-memory-mib$/,
    );
    expect(ms).toBeLessThan(5000);
  });

  it('the issue’s 150 keys of 1 MB each: every key fits its own limits, the sync does not', () => {
    const data = Object.fromEntries(
      Array.from({ length: 150 }, (_, index) => [
        `k${String(index).padStart(3, '0')}`,
        '{{ repeat 1000000 "a" }}',
      ]),
    );
    const { error, ms } = overBudget({ data });
    expect(error.budget).toBe('output');
    expect(error.message).toContain('spec.target.template.data["k002"]');
    expect(error.message).toContain(
      'output budget of 2 MiB per sync; render less: a Secret holds at most 1 MiB',
    );
    expect(ms).toBeLessThan(5000);
  });

  it('sums what templates hold across keys, though they print nothing', () => {
    const data = Object.fromEntries(
      Array.from({ length: 150 }, (_, index) => [
        `k${String(index).padStart(3, '0')}`,
        '{{ $x := repeat 1000000 "a" }}',
      ]),
    );
    const { error } = overBudget({ data });
    expect(error.budget).toBe('memory');
    expect(error.message).toContain('spec.target.template.data["k06');
  });

  it('the issue’s regexp over 1 MB is refused before it runs, not six minutes later', () => {
    const { error, ms } = overBudget({
      data: { x: '{{ regexMatch "(a|aa|aaa|aaaa){1000}$" .password }}' },
    });
    expect(error.budget).toBe('regexp');
    expect(error.message).toContain(
      'regexp matching exceeds the regexp budget of 100000000 units (program size × input length) per sync; simplify the regular expression or raise --budget-regexp-work',
    );
    expect(ms).toBeLessThan(3000);
  });

  it('one clock for the sync: keys that each take well under the limit fail together', () => {
    const data = Object.fromEntries(
      Array.from({ length: 100 }, (_, index) => [`k${index}`, '{{ range until 100000 }}{{ end }}']),
    );
    const { error } = overBudget({ data }, { ...defaultSyncBudgetLimits, renderMs: 300 });
    expect(error.budget).toBe('time');
    expect(error.message).toContain(
      'time budget of 300 ms per sync; simplify the template or raise --budget-render-seconds',
    );
  });

  it('labels and annotations draw on the same budget as the data', () => {
    const megabyte = '{{ $x := repeat 1000000 "a" }}';
    const { error } = overBudget({
      data: { a: megabyte.repeat(30) },
      metadata: { annotations: { b: megabyte.repeat(40) } },
    });
    expect(error.message).toContain('spec.target.template.metadata.annotations["b"]');
  });
});
