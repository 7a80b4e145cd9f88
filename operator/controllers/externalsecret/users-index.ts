/**
 * Which ExternalSecrets (by key) use which objects (by an id such as `namespace/name`): kept up to
 * date from the ExternalSecret watch, asked when a watched object changes, so that only the
 * ExternalSecrets concerned are queued. Only keys that use something are held.
 */
export class UsersIndex {
  private readonly usedBy = new Map<string, readonly string[]>();
  private readonly usersOf = new Map<string, Set<string>>();

  /** Records what `key` uses now, forgetting what it used before. */
  update(key: string, ids: readonly string[]): void {
    this.remove(key);
    if (ids.length === 0) return;
    const unique = [...new Set(ids)];
    this.usedBy.set(key, unique);
    for (const id of unique) {
      let users = this.usersOf.get(id);
      if (!users) this.usersOf.set(id, (users = new Set()));
      users.add(key);
    }
  }

  remove(key: string): void {
    for (const id of this.usedBy.get(key) ?? []) {
      const users = this.usersOf.get(id);
      users?.delete(key);
      if (users?.size === 0) this.usersOf.delete(id);
    }
    this.usedBy.delete(key);
  }

  users(id: string): string[] {
    return [...(this.usersOf.get(id) ?? [])];
  }

  /** Every key that uses an object whose id passes `test` (each key once). */
  usersWhere(test: (id: string) => boolean): string[] {
    const keys = new Set<string>();
    for (const [id, users] of this.usersOf) if (test(id)) for (const key of users) keys.add(key);
    return [...keys];
  }
}
