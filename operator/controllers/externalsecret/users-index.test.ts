import { describe, expect, it } from 'vitest';
import { UsersIndex } from './users-index.ts';

describe('UsersIndex', () => {
  it('maps an id to the keys that use it, and forgets on update or removal', () => {
    const index = new UsersIndex();
    index.update('a/es1', ['a/db']);
    index.update('a/es2', ['a/db', 'a/cache', 'a/db']);
    expect(index.users('a/db').sort()).toEqual(['a/es1', 'a/es2']);
    expect(index.usersWhere((id) => id.endsWith('/cache'))).toEqual(['a/es2']);
    expect(index.usersWhere(() => true).sort()).toEqual(['a/es1', 'a/es2']);

    index.update('a/es2', ['a/other']);
    expect(index.users('a/db')).toEqual(['a/es1']);
    expect(index.users('a/cache')).toEqual([]);
    index.remove('a/es1');
    index.update('a/es2', []);
    expect(index.usersWhere(() => true)).toEqual([]);
  });
});
