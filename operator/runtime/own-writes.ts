/**
 * The resourceVersion each key's last write of ours produced, so that the watch event of that
 * write can be told from someone else's change and needs no reconcile.
 */
export class OwnWrites {
  private readonly versions = new Map<string, string>();

  remember(key: string, resourceVersion: string | undefined): void {
    if (resourceVersion === undefined) this.versions.delete(key);
    else this.versions.set(key, resourceVersion);
  }

  isOwn(key: string, resourceVersion: string | undefined): boolean {
    return resourceVersion !== undefined && this.versions.get(key) === resourceVersion;
  }

  forget(key: string): void {
    this.versions.delete(key);
  }
}
