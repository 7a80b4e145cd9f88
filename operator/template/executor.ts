// Walks a parsed template and writes its output, following Go's text/template exec.go: if/with
// truth, range over slices, maps (in sorted key order) and integers, break/continue, variable scopes,
// {{template}} calls with a fresh `$`, and printing an action's value as fmt.Fprint does, with
// "<no value>" for nil. Counts steps, template depth and output bytes against the limits.
import { TemplateError } from './errors.ts';
import { FormatLimitError, goTypeName, quoteGoString, sprint } from './fmt.ts';
import { compareGoStrings } from './go-string.ts';
import { Evaluator } from './evaluate.ts';
import { formatByteSize, utf8Length } from './limits.ts';
import type { BranchNode, ListNode, Node, TemplateNode } from './nodes.ts';
import { RenderBudgetExceeded } from './render-budget.ts';
import { concrete, type Slot } from './slot.ts';
import { isTrue } from './truth.ts';
import { GoMap, type GoValue } from './values.ts';

/** How a walk ended: normally, or by {{break}} / {{continue}} on its way to the enclosing range. */
type Flow = 'break' | 'continue' | undefined;

export class Executor extends Evaluator {
  private readonly output: string[] = [];
  private outputBytes = 0;
  private depth = 0;

  /** Executes the program's own tree over the data it was constructed with. */
  run(): string {
    const root = this.program.trees.get(this.program.name);
    const dot = this.vars[0]?.slot ?? concrete(null);
    try {
      if (root === undefined)
        this.errorf(`${quoteGoString(this.program.name)} is an incomplete or empty template`);
      this.walk(dot, root);
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      if (error instanceof RenderBudgetExceeded) this.budgetError(error);
      // The interpreter recurses as the template nests: a stack overflow is a limit, not a crash.
      if (error instanceof RangeError) this.limitError('template nests too deeply to execute');
      if (error instanceof FormatLimitError) this.limitError(error.message);
      this.errorf(`internal error (${error instanceof Error ? error.name : 'exception'})`);
    }
    return this.output.join('');
  }

  private write(text: string): void {
    const bytes = utf8Length(text);
    this.outputBytes += bytes;
    if (this.outputBytes > this.limits.maxOutputBytes) {
      this.limitError(`output exceeds ${formatByteSize(this.limits.maxOutputBytes)}`);
    }
    this.budget.chargeOutput(bytes);
    this.output.push(text);
  }

  private walk(dot: Slot, node: Node): Flow {
    this.step();
    this.at(node);
    switch (node.kind) {
      case 'action': {
        // An action that declares variables prints nothing.
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, value);
        return undefined;
      }
      case 'break':
      case 'continue':
        return node.kind;
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'list':
        return this.walkList(dot, node);
      case 'range':
        this.walkRange(dot, node);
        return undefined;
      case 'template':
        this.walkTemplate(dot, node);
        return undefined;
      case 'text':
        this.write(node.text);
        return undefined;
      default:
        return this.errorf(`unknown node: ${node.kind}`);
    }
  }

  private walkList(dot: Slot, list: ListNode): Flow {
    for (const node of list.nodes) {
      const flow = this.walk(dot, node);
      if (flow !== undefined) return flow;
    }
    return undefined;
  }

  private walkIfOrWith(dot: Slot, node: BranchNode): Flow {
    const mark = this.mark();
    const value = this.evalPipeline(dot, node.pipe);
    let flow: Flow;
    if (isTrue(value)) flow = this.walk(node.kind === 'with' ? concrete(value) : dot, node.list);
    else if (node.elseList !== undefined) flow = this.walk(dot, node.elseList);
    this.pop(mark);
    return flow;
  }

  private walkRange(dot: Slot, range: BranchNode): void {
    this.at(range);
    const outerMark = this.mark();
    const value = this.evalPipeline(dot, range.pipe);
    const bodyMark = this.mark();
    const { decl, isAssign } = range.pipe;
    const names = decl.map((variable) => variable.ident[0] ?? '');
    const iterate = (index: Slot, element: Slot): Flow => {
      // A declaration set the variables to the whole value; each iteration overwrites them.
      const [first, second] = names;
      if (first !== undefined) {
        if (isAssign) this.setVar(first, second !== undefined ? index : element);
        else this.setTopVar(1, element);
      }
      if (second !== undefined) {
        if (isAssign) this.setVar(second, element);
        else this.setTopVar(2, index);
      }
      const flow = this.walk(element, range.list);
      this.pop(bodyMark);
      return flow;
    };
    const ran = this.rangeOver(value, names.length, iterate);
    if (!ran && range.elseList !== undefined) this.walk(dot, range.elseList);
    this.pop(outerMark);
  }

  /** Runs one iteration per element; false when there were none (then the else branch runs). */
  private rangeOver(
    value: GoValue,
    variables: number,
    iterate: (index: Slot, element: Slot) => Flow,
  ): boolean {
    let count = 0;
    const each = (index: GoValue, element: Slot): boolean => {
      count++;
      return iterate(concrete(index), element) !== 'break';
    };
    if (value === null) return false; // nil acts as an empty collection
    if (typeof value === 'bigint') {
      // Go's messages print the value; it may come from a secret, so these name its type instead.
      if (variables > 1) this.errorf(`can't use value of type int to iterate over more than one variable`);
      for (let index = 0n; index < value && each(null, concrete(index)); index++);
    } else if (Array.isArray(value)) {
      for (
        let index = 0;
        index < value.length && each(BigInt(index), { value: value[index] ?? null, iface: true });
        index++
      );
    } else if (value instanceof Uint8Array) {
      for (
        let index = 0;
        index < value.length && each(BigInt(index), concrete(BigInt(value[index] ?? 0)));
        index++
      );
    } else if (value instanceof GoMap) {
      const keys = [...value.keys()].sort(compareGoStrings);
      const iface = value.zero === null;
      for (const key of keys) if (!each(key, { value: value.get(key) ?? null, iface })) break;
    } else {
      this.errorf(`range can't iterate over value of type ${goTypeName(value)}`);
    }
    return count > 0;
  }

  private walkTemplate(dot: Slot, node: TemplateNode): void {
    this.at(node);
    const tree = this.program.trees.get(node.name);
    if (tree === undefined) this.errorf(`template ${quoteGoString(node.name)} not defined`);
    if (this.depth >= this.limits.maxTemplateDepth) {
      this.errorf(`exceeded maximum template depth (${this.limits.maxTemplateDepth})`);
    }
    const value = this.evalPipeline(dot, node.pipe);
    // No dynamic scoping: the called template sees only its own `$`.
    const { vars, executing } = this;
    this.vars = [{ name: '$', slot: concrete(value) }];
    this.executing = node.name;
    this.depth++;
    this.walk(concrete(value), tree);
    this.depth--;
    this.executing = executing;
    this.vars = vars;
  }

  private printValue(node: Node, value: GoValue): void {
    this.at(node);
    this.write(value === null ? '<no value>' : sprint(value));
  }
}
