import { describe, expect, it } from 'vitest';
import { listFiltersFor, literalPrefixOf } from './find-filters.ts';

describe('literalPrefixOf', () => {
  it.each([
    ['^team-a/db-.*', 'team-a/db-'],
    ['^prod/', 'prod/'],
    ['^app\\.config', 'app.config'],
    ['^abc?', 'ab'],
    ['^ab*c', 'a'],
    ['^ab{2}', 'a'],
    ['^ab+', 'a'],
    ['^db[0-9]', 'db'],
    ['^x\\d', 'x'],
  ])('%s starts every match with %j', (expression, prefix) => {
    expect(literalPrefixOf(expression)).toBe(prefix);
  });

  it.each([['team-a'], ['^a|^b'], ['(?i)^abc'], ['^.*'], ['^(a|b)'], ['^[ab]']])(
    'gives no prefix for %s',
    (expression) => {
      expect(literalPrefixOf(expression)).toBeUndefined();
    },
  );
});

describe('listFiltersFor', () => {
  it('filters by path and tags server-side', () => {
    expect(listFiltersFor({ path: 'prod/', tags: { team: 'payments', tier: 'gold' } })).toEqual([
      { key: 'name', values: ['prod/'] },
      { key: 'tag-key', values: ['team'] },
      { key: 'tag-value', values: ['payments'] },
      { key: 'tag-key', values: ['tier'] },
      { key: 'tag-value', values: ['gold'] },
    ]);
  });

  it("uses the regexp's literal prefix, or the longer of it and the path", () => {
    expect(listFiltersFor({ nameRegexp: '^prod/db-' })).toEqual([{ key: 'name', values: ['prod/db-'] }]);
    expect(listFiltersFor({ path: 'prod/', nameRegexp: '^prod/db-' })).toEqual([
      { key: 'name', values: ['prod/db-'] },
    ]);
    expect(listFiltersFor({ path: 'prod/db-1', nameRegexp: '^prod/' })).toEqual([
      { key: 'name', values: ['prod/db-1'] },
    ]);
    // Disagreeing prefixes: both, AND-ed, so AWS answers nothing, as nothing can match.
    expect(listFiltersFor({ path: 'dev/', nameRegexp: '^prod/' })).toHaveLength(2);
  });

  it('leaves to the client side what a filter cannot say: negations and characters AWS refuses', () => {
    expect(listFiltersFor({ path: '!secret', tags: { 'owner#': 'x', team: 'ünïcode' } })).toEqual([
      { key: 'tag-value', values: ['x'] },
      { key: 'tag-key', values: ['team'] },
    ]);
  });

  it('sends at most ten filters', () => {
    const tags = Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`k${String(index)}`, 'v']));
    expect(listFiltersFor({ path: 'p', tags })).toHaveLength(10);
  });
});
