import { describe, expect, it } from 'vitest';
import type { Rewrite } from '../../api/v1alpha1/index.ts';
import { InvalidSpecError } from './invalid-spec.ts';
import { ParsedTemplates } from './parsed-templates.ts';
import { compileRegexp, rewriteKeys as rewriteWith } from './rewrite.ts';
import { TemplateProblem } from './template-failure.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (value: Uint8Array | undefined): string | undefined =>
  value === undefined ? undefined : new TextDecoder().decode(value);
const field = 'spec.dataFrom[2]';
const regexp = (source: string, target: string): Rewrite => ({ regexp: { source, target } });
const transform = (template: string): Rewrite => ({ transform: { template } });
const templates = new ParsedTemplates();
const rewriteKeys = (data: Record<string, Uint8Array>, rewrites: Rewrite[], at: string) =>
  rewriteWith(data, rewrites, at, templates);

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
