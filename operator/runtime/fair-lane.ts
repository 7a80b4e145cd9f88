import { LinkedList, type ListNode } from './linked-list.ts';

/**
 * Who a key's work is for: a flow (the namespace) and, inside it, a sub-flow (e.g. the store it
 * reads). Keys of one sub-flow run in arrival order; flows, and sub-flows inside a flow, take turns.
 */
export type FlowPath = readonly [flow: string, subflow?: string];

class Flow<T> {
  readonly name: string;
  readonly subflows = new Map<string, SubFlow<T>>();
  readonly turns = new LinkedList<SubFlow<T>>();
  /** Its place in the lane's round. */
  readonly turn: ListNode<Flow<T>>;

  constructor(name: string, round: LinkedList<Flow<T>>) {
    this.name = name;
    this.turn = round.push(this);
  }
}

class SubFlow<T> {
  readonly name: string;
  readonly flow: Flow<T>;
  readonly items = new LinkedList<T>();
  /** Its place in its flow's round. */
  readonly turn: ListNode<SubFlow<T>>;

  constructor(name: string, flow: Flow<T>) {
    this.name = name;
    this.flow = flow;
    this.turn = flow.turns.push(this);
  }
}

/** Where an item waits in a FairLane, so that it can be taken out again in O(1). */
export interface LaneSlot<T> {
  readonly item: T;
  readonly subflow: SubFlow<T>;
  readonly node: ListNode<T>;
}

/**
 * One priority lane, fair across flows: round robin over the flows that have items waiting, and
 * inside the flow whose turn it is, round robin over its sub-flows — fair queuing across flows, as
 * the API server's Priority and Fairness does across users and namespaces. A flow that arrives
 * joins the end of the round, so its first item waits at most one turn of each other flow — not
 * behind another flow's burst — and a flow alone is served back to back. Every operation is O(1);
 * a flow or sub-flow whose last item leaves is forgotten, so memory follows the items waiting, not
 * the namespaces ever seen.
 */
export class FairLane<T> {
  private readonly flows = new Map<string, Flow<T>>();
  private readonly turns = new LinkedList<Flow<T>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Flows with at least one item waiting. */
  get activeFlows(): number {
    return this.flows.size;
  }

  push(item: T, [flowName, subflowName = '']: FlowPath): LaneSlot<T> {
    let flow = this.flows.get(flowName);
    if (!flow) {
      flow = new Flow(flowName, this.turns);
      this.flows.set(flowName, flow);
    }
    let subflow = flow.subflows.get(subflowName);
    if (!subflow) {
      subflow = new SubFlow(subflowName, flow);
      flow.subflows.set(subflowName, subflow);
    }
    this.count++;
    return { item, subflow, node: subflow.items.push(item) };
  }

  /** The next item: the oldest of the sub-flow whose turn it is, in the flow whose turn it is. */
  shift(): T | undefined {
    const subflow = this.turns.first()?.turns.first();
    const item = subflow?.items.shift();
    if (!subflow || item === undefined) return undefined;
    this.count--;
    const { flow } = subflow;
    if (!this.forgetIfEmpty(subflow)) flow.turns.moveToBack(subflow.turn);
    if (flow.turns.size > 0) this.turns.moveToBack(flow.turn);
    return item;
  }

  /** Takes an item out where it stands (it moved to another lane); the others keep their turns. */
  remove({ subflow, node }: LaneSlot<T>): void {
    if (node.list !== subflow.items) return;
    subflow.items.remove(node);
    this.count--;
    this.forgetIfEmpty(subflow);
  }

  *[Symbol.iterator](): Iterator<T> {
    for (const flow of this.turns) for (const subflow of flow.turns) yield* subflow.items;
  }

  /** Drops an empty sub-flow, and its flow once that was the last one; says whether it dropped it. */
  private forgetIfEmpty(subflow: SubFlow<T>): boolean {
    if (subflow.items.size > 0) return false;
    const { flow } = subflow;
    if (flow.subflows.get(subflow.name) !== subflow) return false;
    flow.subflows.delete(subflow.name);
    flow.turns.remove(subflow.turn);
    if (flow.turns.size === 0) {
      this.flows.delete(flow.name);
      this.turns.remove(flow.turn);
    }
    return true;
  }
}
