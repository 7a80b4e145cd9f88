/** Something that falls due; `sequence` orders things with the same due time by when they were added. */
export interface Scheduled {
  dueAt: number;
  sequence: number;
}

/** A binary min-heap by due time, then by the order things were added. */
export class DueTimeHeap<T extends Scheduled> {
  private items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    this.items.push(item);
    this.siftUp(this.items.length - 1);
  }

  pop(): T | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (top !== last && last !== undefined) {
      this.items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  rebuild(items: T[]): void {
    this.items = items;
    for (let index = Math.floor(items.length / 2) - 1; index >= 0; index--) this.siftDown(index);
  }

  private siftUp(index: number): void {
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(index, parent)) return;
      this.swap(index, parent);
      index = parent;
    }
  }

  private siftDown(index: number): void {
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let first = index;
      if (left < this.items.length && this.before(left, first)) first = left;
      if (right < this.items.length && this.before(right, first)) first = right;
      if (first === index) return;
      this.swap(index, first);
      index = first;
    }
  }

  private before(a: number, b: number): boolean {
    const x = this.items[a];
    const y = this.items[b];
    if (!x || !y) return false;
    return x.dueAt < y.dueAt || (x.dueAt === y.dueAt && x.sequence < y.sequence);
  }

  private swap(a: number, b: number): void {
    const x = this.items[a];
    const y = this.items[b];
    if (!x || !y) return;
    this.items[a] = y;
    this.items[b] = x;
  }
}
