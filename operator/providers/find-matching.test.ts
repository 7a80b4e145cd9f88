import { describe, expect, it } from 'vitest';
import { matchesFind, tagsMatch } from './find-matching.ts';

describe('matchesFind', () => {
  const name = 'prod/db';
  const tags = { team: 'payments', tier: 'gold' };

  it('checks tags exactly, which prefix filters do not', () => {
    expect(matchesFind(name, tags, { tags: { team: 'payments' } })).toBe(true);
    expect(matchesFind(name, tags, { tags: { team: 'pay' } })).toBe(false);
    // A tag-key filter and a tag-value filter also match when the value belongs to another key.
    expect(matchesFind(name, tags, { tags: { team: 'gold' } })).toBe(false);
    expect(matchesFind(name, tags, { tags: { owner: 'payments' } })).toBe(false);
  });

  it('checks the path as a case-sensitive prefix and asks the name matcher', () => {
    expect(matchesFind(name, tags, { path: 'prod/' })).toBe(true);
    expect(matchesFind(name, tags, { path: 'Prod/' })).toBe(false);
    expect(matchesFind(name, tags, { nameMatches: (n) => n.endsWith('/db') })).toBe(true);
    expect(matchesFind(name, tags, { path: 'prod/', nameMatches: () => false })).toBe(false);
  });
});

describe('tagsMatch', () => {
  it('takes only the tags own keys, never inherited ones', () => {
    expect(tagsMatch({}, { constructor: 'x' })).toBe(false);
    expect(tagsMatch({ a: 'b' }, undefined)).toBe(true);
  });
});
