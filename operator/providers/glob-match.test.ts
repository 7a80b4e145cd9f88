import { describe, expect, it } from 'vitest';
import { compileGlob, globMatchCounted, globMatches } from './glob-match.ts';
import { selectProperty } from './json-property.ts';

const matches = (source: string, key: string): boolean => globMatches(compileGlob(source), key);

describe('globMatches', () => {
  it.each([
    // * any run, ? any one character, everything else literally, over the whole key
    ['password-*', 'password-v1', true],
    ['password-*', 'password-', true],
    ['password-*', 'xpassword-v1', false],
    ['*-v1', 'password-v1', true],
    ['*-v1', 'password-v12', false],
    ['p?ss', 'pass', true],
    ['p?ss', 'pss', false],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxcyyb', false],
    ['*', '', true],
    ['?', '', false],
    ['**a', 'a', true],
    // characters special to a RegExp are plain characters here
    ['a.b*', 'a.bc', true],
    ['a.b*', 'axbc', false],
    ['(x)+[y]$*', '(x)+[y]$z', true],
    // a backslash makes the next character literal; a trailing one matches nothing
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['a\\?*', 'a?z', true],
    ['a\\?*', 'abz', false],
    ['a\\\\*', 'a\\z', true],
    ['a*\\', 'abc', true],
    // a character is one code point, newlines and astral characters included
    ['a?b', 'a😀b', true],
    ['a??b', 'a😀b', false],
    ['a?b', 'a\nb', true],
    ['*😀', 'x😀', true],
    ['\\😀*', '😀x', true],
    ['*b', 'a\uD800b', true],
  ])('%j against %j is %s', (source, key, expected) => {
    expect(matches(source, key)).toBe(expected);
  });

  it('rejects *a*a*a*a*a*a*a*a*c on a 300-character key within (key+1)×(pattern+1) steps', () => {
    const glob = compileGlob('*a*a*a*a*a*a*a*a*c');
    const key = 'a'.repeat(300);
    const { matched, steps } = globMatchCounted(glob, key);
    expect(matched).toBe(false);
    expect(steps).toBeLessThanOrEqual((key.length + 1) * (glob.length + 1));
    expect(globMatchCounted(glob, `${key}c`).matched).toBe(true);
  });

  it('lets selectProperty answer a hostile property against a long key at once', () => {
    const value = new TextEncoder().encode(JSON.stringify({ ['a'.repeat(300)]: 'x', ab: 'y' }));
    expect(() => selectProperty(value, '*a*a*a*a*a*a*a*a*c', 'test')).toThrow(
      'test has no property "*a*a*a*a*a*a*a*a*c"',
    );
  });
});
