/**
 * The resourceVersion each key's last write of ours produced, so that the watch event of that
 * write can be told from someone else's change and needs no reconcile; and, optionally, what we
 * know of the object at that version (`T`), valid for as long as the object stays at it.
 */
export class OwnWrites<T = void> {
  private readonly versions = new Map<string, { resourceVersion: string; value: T }>();

  remember(key: string, resourceVersion: string | undefined, value: T): void {
    if (resourceVersion === undefined) this.versions.delete(key);
    else this.versions.set(key, { resourceVersion, value });
  }

  isOwn(key: string, resourceVersion: string | undefined): boolean {
    return resourceVersion !== undefined && this.versions.get(key)?.resourceVersion === resourceVersion;
  }

  /** What was remembered with `resourceVersion`, if the key's last write or read is at that version. */
  recall(key: string, resourceVersion: string | undefined): T | undefined {
    const known = this.versions.get(key);
    return known !== undefined && known.resourceVersion === resourceVersion ? known.value : undefined;
  }

  forget(key: string): void {
    this.versions.delete(key);
  }
}
