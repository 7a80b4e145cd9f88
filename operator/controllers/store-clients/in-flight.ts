/** How many calls of one client are under way, so that it is closed only once none is. */
export class InFlight {
  private count = 0;
  private idle: (() => void)[] = [];

  get calls(): number {
    return this.count;
  }

  async around<T>(call: () => Promise<T>): Promise<T> {
    this.count += 1;
    try {
      return await call();
    } finally {
      this.count -= 1;
      if (this.count === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  /** Resolves when no call is under way (at once if none is). */
  whenIdle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }
}
