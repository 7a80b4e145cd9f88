// The state of one execution, as Go's exec.go keeps it: the template executing, the node being
// evaluated (errors blame it), the variable stack, and the step count against the limits.
import type { Callable } from './builtins.ts';
import { TemplateError } from './errors.ts';
import { formatDuration, type ExecutionLimits } from './limits.ts';
import { absoluteNow, type RenderBudget, type RenderBudgetExceeded } from './render-budget.ts';
import { nodeString } from './nodes.ts';
import type { ListNode, Node } from './nodes.ts';
import { concrete, type Slot } from './slot.ts';
import { locate } from './source-position.ts';
import type { GoValue } from './values.ts';

/** A parsed template set, ready to execute. */
export interface Program {
  /** The name it was parsed under; its own tree is trees.get(name). */
  readonly name: string;
  readonly text: string;
  readonly trees: ReadonlyMap<string, ListNode>;
  readonly functions: ReadonlyMap<string, Callable>;
}

interface Variable {
  readonly name: string;
  slot: Slot;
}

/** What an execution carries: where it is, its variables, its step count; how it fails. */
export class ExecState {
  protected readonly program: Program;
  protected readonly limits: ExecutionLimits;
  protected executing: string;
  protected node: Node;
  protected vars: Variable[];
  /** Shared with the other executions of the same rendering. */
  protected readonly budget: RenderBudget;
  private steps = 0;
  /** When this execution must end (absoluteNow() time): its own limit or the budget's, the earlier.
   * The clock only bounds cost; it never reaches a template's output. */
  private readonly deadline: number;

  constructor(program: Program, limits: ExecutionLimits, data: GoValue, budget: RenderBudget) {
    this.program = program;
    this.limits = limits;
    this.budget = budget;
    this.executing = program.name;
    this.node = program.trees.get(program.name) ?? { kind: 'list', pos: 0, nodes: [] };
    this.vars = [{ name: '$', slot: concrete(data) }];
    this.deadline = Math.min(absoluteNow() + limits.maxDurationMs, budget.deadline);
  }

  // --- position, errors and limits ---

  protected at(node: Node): void {
    this.node = node;
  }

  /** Fails at the current node, as Go's state.errorf; `functionName` when a function call failed. */
  protected errorf(reason: string, functionName?: string): never {
    const { line, column } = locate(this.program.text, this.node.pos);
    throw new TemplateError({
      phase: 'exec',
      template: this.program.name,
      executing: this.executing,
      line,
      column,
      construct: nodeString(this.node),
      function: functionName,
      reason,
    });
  }

  protected limitError(reason: string, budget?: RenderBudgetExceeded['budget']): never {
    const { line, column } = locate(this.program.text, this.node.pos);
    throw new TemplateError({
      phase: 'limit',
      template: this.program.name,
      executing: this.executing,
      line,
      column,
      construct: nodeString(this.node),
      reason,
      ...(budget === undefined ? {} : { budget }),
    });
  }

  /** The shared budget ran out here: a limit error that says which budget. */
  protected budgetError(exceeded: RenderBudgetExceeded): never {
    return this.limitError(exceeded.message, exceeded.budget);
  }

  protected step(): void {
    this.steps++;
    if (this.steps > this.limits.maxSteps) this.limitError(`execution exceeds ${this.limits.maxSteps} steps`);
    // Steps are cheap: looking at the clock on every 256th is enough for the template's own work.
    if ((this.steps & 0xff) === 0) this.checkDeadline();
  }

  /** Also called after every function call (blaming `at`, the call), since one call can take long. */
  protected checkDeadline(at?: Node): void {
    if (absoluteNow() <= this.deadline) return;
    if (at !== undefined) this.at(at);
    this.budget.checkDeadline();
    this.limitError(`execution exceeds ${formatDuration(this.limits.maxDurationMs)}`);
  }

  // --- variables: a stack, marked and popped as Go's ---

  protected mark(): number {
    return this.vars.length;
  }

  protected pop(mark: number): void {
    this.vars.length = mark;
  }

  protected push(name: string, slot: Slot): void {
    this.vars.push({ name, slot });
  }

  protected setVar(name: string, slot: Slot): void {
    const variable = this.vars.findLast((candidate) => candidate.name === name);
    if (variable === undefined) this.errorf(`undefined variable: ${name}`);
    variable.slot = slot;
  }

  protected setTopVar(fromTop: number, slot: Slot): void {
    const variable = this.vars[this.vars.length - fromTop];
    if (variable !== undefined) variable.slot = slot;
  }

  protected varValue(name: string): Slot {
    const variable = this.vars.findLast((candidate) => candidate.name === name);
    if (variable === undefined) this.errorf(`undefined variable: ${name}`);
    return variable.slot;
  }
}
