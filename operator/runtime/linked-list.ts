/** A place in a LinkedList, kept by whoever may need to remove or move that value later. */
export interface ListNode<T> {
  readonly value: T;
  prev: ListNode<T> | undefined;
  next: ListNode<T> | undefined;
  list: LinkedList<T> | undefined;
}

/**
 * A doubly linked list: push, shift, and removing or moving any node are O(1), so a queue can take
 * out a key from its middle (a promotion) without leaving a stale entry behind.
 */
export class LinkedList<T> {
  private head: ListNode<T> | undefined;
  private tail: ListNode<T> | undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  first(): T | undefined {
    return this.head?.value;
  }

  push(value: T): ListNode<T> {
    const node: ListNode<T> = { value, prev: undefined, next: undefined, list: undefined };
    this.link(node);
    return node;
  }

  shift(): T | undefined {
    const node = this.head;
    if (!node) return undefined;
    this.remove(node);
    return node.value;
  }

  /** Takes `node` out; a node of another list, or one already removed, is left alone. */
  remove(node: ListNode<T>): void {
    if (node.list !== this) return;
    if (node.prev) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = undefined;
    node.next = undefined;
    node.list = undefined;
    this.count--;
  }

  moveToBack(node: ListNode<T>): void {
    if (node.list !== this || node === this.tail) return;
    this.remove(node);
    this.link(node);
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let node = this.head; node; node = node.next) yield node.value;
  }

  private link(node: ListNode<T>): void {
    node.list = this;
    node.prev = this.tail;
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
    this.count++;
  }
}
