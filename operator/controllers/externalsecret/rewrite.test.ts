import { describe, expect, it } from 'vitest';
import type { Rewrite, RewriteMerge } from '../../api/v1alpha1/index.ts';
import { InvalidSpecError, RemoteValueError } from './invalid-spec.ts';
import { ParsedTemplates } from './parsed-templates.ts';
import { applyRewrites, compileRegexp } from './rewrite.ts';
import { BudgetExceededError, createSyncBudget, defaultSyncBudgetLimits } from './sync-budget.ts';
import { TemplateProblem } from './template-failure.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (value: Uint8Array | undefined): string | undefined =>
  value === undefined ? undefined : new TextDecoder().decode(value);
const field = 'spec.dataFrom[2]';
const regexp = (source: string, target: string): Rewrite => ({ regexp: { source, target } });
const transform = (template: string): Rewrite => ({ transform: { template } });
const templates = new ParsedTemplates();
const merge = (options: RewriteMerge): Rewrite => ({ merge: options });
const rewriteKeys = (data: Record<string, Uint8Array>, rewrites: Rewrite[], at: string) =>
  applyRewrites(data, rewrites, at, templates, createSyncBudget(defaultSyncBudgetLimits));

/** The new name of one key after the rewrites. */
function rewriteKey(key: string, ...rewrites: Rewrite[]): string {
  const keys = Object.keys(rewriteKeys({ [key]: bytes('value') }, rewrites, field));
  expect(keys).toHaveLength(1);
  return keys[0] ?? '';
}

describe('rewriteKeys with regexp (Go regexp.ReplaceAllString semantics)', () => {
  it('replaces every match, keeping the values with their keys', () => {
    const out = rewriteKeys(
      { 'db/user': bytes('u'), 'db/pass': bytes('p') },
      [regexp('^db/', 'database-')],
      field,
    );
    expect(Object.keys(out).sort()).toEqual(['database-pass', 'database-user']);
    expect(text(out['database-user'])).toBe('u');
    expect(text(out['database-pass'])).toBe('p');
    expect(rewriteKey('a/b/c', regexp('/', '_'))).toBe('a_b_c');
  });

  it('expands $1 and ${1}', () => {
    expect(rewriteKey('/api/token', regexp('^/api/(.*)$', 'api-$1'))).toBe('api-token');
    expect(rewriteKey('/api/token', regexp('^/api/(.*)$', '${1}_key'))).toBe('token_key');
  });

  it('reads $1x as the group named "1x" (empty), as Go does: ${1}x is how to write it', () => {
    expect(rewriteKey('ab', regexp('(a)b', '$1x'))).toBe('');
    expect(rewriteKey('ab', regexp('(a)b', '${1}x'))).toBe('ax');
  });

  it('expands ${name} and $name from named groups, in both RE2 spellings', () => {
    expect(rewriteKey('prod/db', regexp('^(?P<env>[a-z]+)/(?P<name>.*)$', '${name}-$env'))).toBe('db-prod');
    expect(rewriteKey('prod/db', regexp('^(?<env>[a-z]+)/(?<name>.*)$', '${name}_${env}'))).toBe('db_prod');
  });

  it('writes $$ as a literal $ and leaves a malformed $ as it is', () => {
    expect(rewriteKey('key', regexp('^key$', '$$1'))).toBe('$1');
    expect(rewriteKey('key', regexp('^key$', 'a$-b'))).toBe('a$-b');
    expect(rewriteKey('key', regexp('^key$', '${unclosed'))).toBe('${unclosed');
  });

  it('expands groups that do not exist, or did not take part, to nothing', () => {
    expect(rewriteKey('key', regexp('^(k)(x)?ey$', '[$2][$9][$missing]'))).toBe('[][][]');
    // Object.prototype's names are not groups either.
    expect(rewriteKey('key', regexp('^key$', '[$constructor][${__proto__}]'))).toBe('[][]');
  });

  it('applies several rewrites in order, each to the result of the one before', () => {
    const rewrites = [regexp('^/', ''), regexp('/', '-'), regexp('^(.*)$', 'app-$1')];
    expect(rewriteKey('/team/db/password', ...rewrites)).toBe('app-team-db-password');
    // The other order gives another result: order is part of the spec.
    expect(rewriteKey('/team/db', regexp('^(.*)$', 'app-$1'), regexp('^/', ''))).toBe('app-/team/db');
  });

  it('inserts at empty matches, ignoring an empty match right after a match (as Go does)', () => {
    expect(rewriteKey('key', regexp('^', 'prefix-'))).toBe('prefix-key');
    expect(rewriteKey('key', regexp('$', '-suffix'))).toBe('key-suffix');
    expect(rewriteKey('abc', regexp('', '-'))).toBe('-a-b-c-');
    // Go: regexp.MustCompile("a*").ReplaceAllString("baaac", "-") == "-b-c-"
    expect(rewriteKey('baaac', regexp('a*', '-'))).toBe('-b-c-');
    expect(rewriteKey('ab', regexp('a|', '-'))).toBe('-b-');
    expect(rewriteKey('xyz', regexp('q*', ''))).toBe('xyz');
  });

  it('leaves keys that do not match as they are', () => {
    expect(rewriteKey('other', regexp('^db/', 'x-'))).toBe('other');
  });

  it('an empty list of rewrites returns the data as it is', () => {
    const data = { 'a/b': bytes('v') };
    expect(rewriteKeys(data, [], field)).toEqual(data);
  });

  it('reports invalid RE2 syntax as InvalidSpec, naming the rewrite', () => {
    const cases = ['(unclosed', '[a-', 'a**', '(?=lookahead)', '\\1'];
    for (const source of cases) {
      const run = () => rewriteKeys({ k: bytes('v') }, [regexp('ok', 'ok'), regexp(source, 'x')], field);
      expect(run).toThrow(InvalidSpecError);
      expect(run).toThrow(`${field}.rewrite[1].regexp.source: invalid regular expression`);
    }
  });

  it('runs a pattern that is catastrophic for a backtracking engine on a long key to the end', () => {
    // `(a+)+$` against "aaa…ab" takes exponential time in JavaScript's RegExp; RE2 is linear.
    const key = `${'a'.repeat(5_000)}b`;
    expect(rewriteKey(key, regexp('(a+)+$', 'x'))).toBe(key);
    expect(rewriteKey(key, regexp('(a+)+b$', 'x'))).toBe('x');
  });
});

describe('rewriteKeys with transform (a template over the key as .value)', () => {
  it('renders each key through the template, keeping the values with their keys', () => {
    const out = rewriteKeys(
      { 'db-user': bytes('u'), 'db-pass': bytes('p') },
      [transform('{{ .value | upper | replace "-" "_" }}')],
      field,
    );
    expect(Object.keys(out).sort()).toEqual(['DB_PASS', 'DB_USER']);
    expect(text(out['DB_USER'])).toBe('u');
  });

  it('applies regexp and transform rewrites in order, each to the result of the one before', () => {
    expect(
      rewriteKey('/app/db/password', regexp('^/app/', ''), transform('{{ .value | replace "/" "." }}')),
    ).toBe('db.password');
    expect(rewriteKey('a-b', transform('{{ .value }}-x'), regexp('-', '_'))).toBe('a_b_x');
  });

  it('drops nothing itself: a key rendered empty is left for the caller to drop, as ESO does', () => {
    const out = rewriteKeys(
      { keep: bytes('1'), drop: bytes('2') },
      [transform('{{ if eq .value "keep" }}{{ .value }}{{ end }}')],
      field,
    );
    expect(Object.keys(out).sort()).toEqual(['', 'keep']);
  });

  it('refuses two keys that a rewrite makes one: one value would be lost (ESO keeps a random one)', () => {
    const data = { 'team-a/password': bytes('a'), 'team-b/password': bytes('b') };
    for (const rewrite of [regexp('^[^/]*/', ''), transform('{{ .value | base }}')]) {
      const run = () => rewriteKeys(data, [regexp('^x', 'x'), rewrite], field);
      expect(run).toThrow(RemoteValueError);
      expect(run).toThrow(
        `${field}.rewrite[1]: the keys "team-a/password" and "team-b/password" both become "password", so one value would be lost`,
      );
    }
  });

  it('lets any number of keys become "" (dropped by the caller), and keys swap without colliding', () => {
    const out = rewriteKeys(
      { a: bytes('1'), b: bytes('2'), c: bytes('3') },
      [transform('{{ if eq .value "c" }}c{{ end }}')],
      field,
    );
    expect(Object.keys(out).sort()).toEqual(['', 'c']);
    const swapped = rewriteKeys(
      { a: bytes('1'), b: bytes('2') },
      [transform('{{ if eq .value "a" }}b{{ else }}a{{ end }}')],
      field,
    );
    expect(text(swapped['b'])).toBe('1');
    expect(text(swapped['a'])).toBe('2');
  });

  it('reports a template that does not parse as TemplateError, naming the field, line and column', () => {
    const run = () =>
      rewriteKeys({ k: bytes('v') }, [regexp('a', 'b'), transform('{{ .value | nope }}')], field);
    expect(run).toThrow(InvalidSpecError);
    expect(run).toThrow(
      `${field}.rewrite[1].transform.template: template: transform:1:12: function "nope" not defined`,
    );
  });

  it('reports a failing template as a TemplateProblem that never quotes the key', () => {
    let caught: unknown;
    try {
      rewriteKeys({ 'hunter2-key': bytes('v') }, [transform('{{ .value | b64dec | fail }}')], field);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    const message = (caught as Error).message;
    expect(message).not.toContain('hunter2');
    expect(message).toMatch(
      /^spec\.dataFrom\[2\]\.rewrite\[0\]\.transform\.template: template: transform:1:/,
    );
    expect(caught instanceof TemplateProblem || caught instanceof InvalidSpecError).toBe(true);
  });
});

// The inputs of ESO's TestRewriteMerge (runtime/esutils/utils_test.go).
const mongo = '{"username": "foz", "password": "baz"}';
const redis = '{"host": "redis.example.com", "port": "6379"}';
const texts = (data: Record<string, Uint8Array>): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [key, text(value)]));
const input = (data: Record<string, string>): Record<string, Uint8Array> =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [key, bytes(value)]));

interface MergeCase {
  name: string;
  /** Where the expectation comes from. */
  source: string;
  merge: RewriteMerge;
  in: Record<string, string>;
  want?: Record<string, string>;
  /** A part of the message; the failure is a RemoteValueError unless `spec` is set. */
  error?: string;
  spec?: true;
}

const mergeCases: MergeCase[] = [
  {
    name: 'an empty merge hoists every field of every value',
    source: 'ESO TestRewriteMerge "using empty merge"',
    merge: {},
    in: { 'mongo-credentials': mongo, 'redis-credentials': redis },
    want: { username: 'foz', password: 'baz', host: 'redis.example.com', port: '6379' },
  },
  {
    name: 'priority keys are merged last, in their order, so their fields win',
    source: 'ESO TestRewriteMerge "using priority"',
    merge: { conflictPolicy: 'Ignore', priority: ['mongo-credentials', 'redis-credentials'] },
    in: {
      'redis-credentials': redis,
      'mongo-credentials': mongo,
      'other-credentials': '{"key": "value", "host": "other.example.com"}',
    },
    want: { username: 'foz', password: 'baz', host: 'redis.example.com', port: '6379', key: 'value' },
  },
  {
    name: 'a priority key that is not there fails by default (Strict)',
    source: 'ESO TestRewriteMerge "using priority with keys not in input (default strict)"',
    merge: {
      conflictPolicy: 'Ignore',
      priority: ['non-existent-key', 'another-missing-key', 'mongo-credentials'],
    },
    in: { 'mongo-credentials': mongo, 'redis-credentials': redis },
    error: `${field}.rewrite[0].merge.priority[0]: the key "non-existent-key" is not among the keys to merge`,
  },
  {
    name: 'priorityPolicy IgnoreNotFound skips a priority key that is not there',
    source: 'ESO TestRewriteMerge "using priority with keys not in input and ignore policy"',
    merge: {
      conflictPolicy: 'Ignore',
      priority: ['non-existent-key', 'mongo-credentials'],
      priorityPolicy: 'IgnoreNotFound',
    },
    in: { 'mongo-credentials': mongo, 'redis-credentials': redis },
    want: { username: 'foz', password: 'baz', host: 'redis.example.com', port: '6379' },
  },
  {
    name: 'a field in two values fails with conflictPolicy Error, naming the field and the keys',
    source: 'ESO TestRewriteMerge "using conflict policy error"',
    merge: { conflictPolicy: 'Error' },
    in: { 'mongo-credentials': mongo, 'redis-credentials': '{"username": "redis", "port": "6379"}' },
    error: `${field}.rewrite[0].merge: the field "username" (in "mongo-credentials", "redis-credentials") appears in more than one value`,
  },
  {
    name: 'strategy JSON keeps the keys and adds the merged object under into, as Go marshals a map',
    source: 'ESO TestRewriteMerge "using JSON strategy" (json.Marshal sorts the keys)',
    merge: { strategy: 'JSON', into: 'credentials' },
    in: { 'mongo-credentials': mongo, 'redis-credentials': redis },
    want: {
      'mongo-credentials': mongo,
      'redis-credentials': redis,
      credentials: '{"host":"redis.example.com","password":"baz","port":"6379","username":"foz"}',
    },
  },
  {
    name: 'strategy JSON without into is a spec error (also refused at admission)',
    source: 'ESO TestRewriteMerge "using JSON strategy without into"',
    merge: { strategy: 'JSON' },
    in: { 'mongo-credentials': mongo, 'redis-credentials': redis },
    error: `${field}.rewrite[0].merge.into: required with strategy JSON`,
    spec: true,
  },
  {
    name: 'a value that is not valid JSON fails, naming the key',
    source: 'ESO TestRewriteMerge "with invalid JSON"',
    merge: {},
    in: { 'invalid-json': '{"username": "foz", "password": "baz"' },
    error: `${field}.rewrite[0].merge: the value of key "invalid-json" is not valid JSON (unexpected end of JSON input)`,
  },
  {
    name: 'conflictPolicy is Error when unset',
    source: 'ESO RewriteMerge: anything but Ignore reports conflicts',
    merge: {},
    in: { a: '{"x": "1"}', b: '{"x": "2"}' },
    error: 'the field "x" (in "a", "b") appears in more than one value',
  },
  {
    name: 'without priority, keys merge in Go string order: the last one wins an ignored conflict',
    source: 'ESO sortKeysWithPriority (sort.Strings)',
    merge: { conflictPolicy: 'Ignore' },
    in: { b: '{"x": "from b"}', a: '{"x": "from a"}', B: '{"x": "from B", "y": "B"}' },
    want: { x: 'from b', y: 'B' },
  },
  {
    name: 'Extract writes numbers without exponent, booleans, null as empty, objects and arrays as json.Marshal',
    source: 'ESO GetByteValue (FormatFloat f -1; json.Marshal escapes <, > and &)',
    merge: {},
    in: {
      values:
        '{"port": 5432, "ratio": 1.50, "big": 1e21, "on": true, "none": null, "list": ["a", 1], "nested": {"z": 1, "a": "<&>"}}',
    },
    want: {
      port: '5432',
      ratio: '1.5',
      big: '1000000000000000000000',
      on: 'true',
      none: '',
      list: '["a",1]',
      nested: '{"a":"\\u003c\\u0026\\u003e","z":1}',
    },
  },
  {
    name: 'strategy JSON writes the merged object without HTML escaping, floats as Go does',
    source: 'ESO JSONMarshal (SetEscapeHTML false)',
    merge: { strategy: 'JSON', into: 'all' },
    in: { values: '{"html": "<&>", "big": 1e21, "n": 2.50}' },
    want: { values: '{"html": "<&>", "big": 1e21, "n": 2.50}', all: '{"big":1e+21,"html":"<&>","n":2.5}' },
  },
  {
    name: 'into replaces a key of the same name; with Extract, into is ignored',
    source: 'ESO docs/guides/datafrom-rewrite.md ("it will be overwritten"); Extract ignores into',
    merge: { strategy: 'JSON', into: 'a' },
    in: { a: '{"x": "1"}', b: '{"y": "2"}' },
    want: { a: '{"x":"1","y":"2"}', b: '{"y": "2"}' },
  },
  {
    name: 'a null value adds nothing, as Go unmarshals null into a map',
    source: 'ESO merge (json.Unmarshal into map[string]any)',
    merge: {},
    in: { a: 'null', b: '{"x": "1"}' },
    want: { x: '1' },
  },
  {
    name: 'a value that is JSON but not an object fails, naming its kind',
    source: 'ESO merge (json.Unmarshal into map[string]any refuses arrays and strings)',
    merge: {},
    in: { list: '["hunter2"]' },
    error: `${field}.rewrite[0].merge: the value of key "list" is a JSON array; merge needs every value`,
  },
  {
    name: 'a priority key listed twice counts once, at its last place (Ferry: ESO merges it twice)',
    source: 'Ferry; under Ignore the result ESO gives',
    merge: { priority: ['a', 'b', 'a'], conflictPolicy: 'Ignore' },
    in: { a: '{"x": "from a"}', b: '{"x": "from b"}' },
    want: { x: 'from a' },
  },
  {
    name: 'no values merge to nothing',
    source: 'ESO RewriteMerge on an empty map',
    merge: { strategy: 'JSON', into: 'all' },
    in: {},
    want: { all: '{}' },
  },
];

describe('applyRewrites with merge (ESO RewriteMerge semantics)', () => {
  it.each(mergeCases)('$name ($source)', (testCase) => {
    const run = () => texts(rewriteKeys(input(testCase.in), [merge(testCase.merge)], field));
    if (testCase.error === undefined) {
      expect(run()).toEqual(testCase.want);
      return;
    }
    expect(run).toThrow(testCase.spec ? InvalidSpecError : RemoteValueError);
    expect(run).toThrow(testCase.error);
  });

  it('Extract ignores into', () => {
    const out = rewriteKeys(input({ a: '{"x": "1"}' }), [merge({ into: 'all' })], field);
    expect(texts(out)).toEqual({ x: '1' });
  });

  it('merges what the rewrites before it produced, and the ones after see the merged keys', () => {
    const out = rewriteKeys(
      input({ 'app/db': '{"user": "u"}', 'app/cache': '{"url": "redis://c", "user": "c"}' }),
      [
        regexp('^app/', ''),
        merge({ priority: ['db'], conflictPolicy: 'Ignore' }),
        transform('{{ .value | upper }}'),
      ],
      field,
    );
    expect(texts(out)).toEqual({ USER: 'u', URL: 'redis://c' });
  });

  it('never puts a value in a message', () => {
    const secretValues = [
      { k: '{"password": "hunter2"' },
      { k: '"hunter2"' },
      { k: 'hunter2' },
      { k: '{"hunter2": 1e999}' },
    ];
    for (const data of secretValues) {
      const run = () => rewriteKeys(input(data), [merge({})], field);
      expect(run).toThrow(RemoteValueError);
      expect(run).not.toThrow(/hunter2/);
    }
  });

  it('names at most ten conflicting fields', () => {
    const fields = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`f${String(i).padStart(2, '0')}`, 1]),
    );
    const value = JSON.stringify(fields);
    const run = () => rewriteKeys(input({ a: value, b: value }), [merge({})], field);
    expect(run).toThrow('"f09" (in "a", "b") and 2 more appear in more than one value');
  });
});

describe('compileRegexp', () => {
  it('compiles RE2 and matches anywhere in the input, as Go MatchString does', () => {
    const compiled = compileRegexp('db', 'spec.dataFrom[0].find.name.regexp');
    expect(compiled.test('prod-db-password')).toBe(true);
    expect(compiled.test('api')).toBe(false);
  });

  it('names the field in its error', () => {
    expect(() => compileRegexp('(', 'spec.dataFrom[0].find.name.regexp')).toThrow(
      /^spec\.dataFrom\[0\]\.find\.name\.regexp: invalid regular expression/,
    );
  });
});

describe('rewrites draw on the sync’s budget', () => {
  const heavy = '(a|aa|aaa|aaaa){1000}$'; // 12003 instructions: each 2 KB key costs about 2.4×10⁷ units
  const keys = (count: number): Record<string, Uint8Array> =>
    Object.fromEntries(
      Array.from({ length: count }, (_, index) => [`${index}-${'a'.repeat(2000)}`, bytes('v')]),
    );

  function overBudget(run: () => unknown): BudgetExceededError {
    try {
      run();
    } catch (error) {
      if (error instanceof BudgetExceededError) return error;
      throw error;
    }
    throw new Error('expected the budget to run out');
  }

  it('the issue’s regexp over ten 2 KB keys: regexp work summed over keys, refused before the search', () => {
    // One key alone fits (about 2.4×10⁷ units); the second is refused before its search runs.
    const budget = createSyncBudget({ ...defaultSyncBudgetLimits, regexpWork: 30_000_000 });
    const error = overBudget(() => applyRewrites(keys(10), [regexp(heavy, 'x')], field, templates, budget));
    expect(error).toMatchObject({ reason: 'BudgetExceeded', budget: 'regexp' });
    expect(error.message).toMatch(
      /^spec\.dataFrom\[2\]\.rewrite\[0\]\.regexp\.source: regexp matching exceeds the regexp budget of 30000000 units .* or raise --budget-regexp-work$/,
    );
    expect(error.message).not.toContain('aaaa-');
    expect(budget.spent.regexpWork).toBeGreaterThan(20_000_000);
    expect(budget.spent.regexpWork).toBeLessThanOrEqual(30_000_000);
  });

  it('counts the time rewrites take against the sync', () => {
    const budget = createSyncBudget({ ...defaultSyncBudgetLimits, renderMs: 1 });
    const error = overBudget(() =>
      applyRewrites(keys(200), [regexp('^(\\d+)-(a+)$', '$2-$1')], field, templates, budget),
    );
    expect(error.budget).toBe('time');
    expect(error.message).toContain('simplify the regular expression or raise --budget-render-seconds');
    expect(budget.spent.durationMs).toBeGreaterThan(1);
  });

  it('a transform template shares the budget with the others', () => {
    const budget = createSyncBudget({ ...defaultSyncBudgetLimits, renderMemoryBytes: 3_000_000 });
    const error = overBudget(() =>
      applyRewrites(
        keys(5),
        [transform('{{ $x := repeat 1000000 "a" }}{{ .value }}')],
        field,
        templates,
        budget,
      ),
    );
    expect(error.message).toContain('spec.dataFrom[2].rewrite[0].transform.template');
    expect(error.budget).toBe('memory');
  });
});
