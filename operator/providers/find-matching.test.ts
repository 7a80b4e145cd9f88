import { describe, expect, it } from 'vitest';
import { matchesFind, selectedByName, tagsMatch } from './find-matching.ts';

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

  it('checks the path as a case-sensitive prefix', () => {
    expect(matchesFind(name, tags, { path: 'prod/' })).toBe(true);
    expect(matchesFind(name, tags, { path: 'Prod/' })).toBe(false);
  });
});

describe('selectedByName', () => {
  it('keeps, in listed order, what one call of selectNames selects', async () => {
    const calls: (readonly string[])[] = [];
    const selected = await selectedByName(['b/db', 'a/web', 'a/db'], {
      selectNames: (names) => {
        calls.push(names);
        return Promise.resolve(new Set(names.filter((n) => n.endsWith('/db'))));
      },
    });
    expect(selected).toEqual(['b/db', 'a/db']);
    expect(calls).toEqual([['b/db', 'a/web', 'a/db']]);
  });

  it('keeps every candidate without a name regexp, and asks nothing of an empty listing', async () => {
    expect(await selectedByName(['x', 'y'], {})).toEqual(['x', 'y']);
    const refuse = () => Promise.reject(new Error('not to be asked'));
    expect(await selectedByName([], { selectNames: refuse })).toEqual([]);
  });

  it('passes a failed selection on rather than selecting nothing', async () => {
    const failure = new Error('over budget');
    await expect(selectedByName(['x'], { selectNames: () => Promise.reject(failure) })).rejects.toBe(failure);
  });
});

describe('tagsMatch', () => {
  it('takes only the tags own keys, never inherited ones', () => {
    expect(tagsMatch({}, { constructor: 'x' })).toBe(false);
    expect(tagsMatch({ a: 'b' }, undefined)).toBe(true);
  });
});
