// Evaluation of pipelines, commands, fields, variables and function calls, following Go's
// text/template exec.go: the same argument checks in the same order, the same node blamed in each
// error. Control flow and output are in executor.ts, which extends this class.
import type { Callable } from './builtins.ts';
import { TemplateError } from './errors.ts';
import { ExecState } from './exec-state.ts';
export type { Program } from './exec-state.ts';
import { FormatLimitError, goTypeName, quoteGoString } from './fmt.ts';
import {
  ArgumentError,
  matchesParameterType,
  type FunctionSignature,
  type GoParameterType,
} from './functions/signature.ts';
import { FunctionError } from './functions/types.ts';
import { formatByteSize } from './limits.ts';
import { nodeString } from './nodes.ts';
import { RenderBudgetExceeded } from './render-budget.ts';
import type {
  ArgNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  Node,
  NumberNode,
  PipeNode,
  VariableNode,
} from './nodes.ts';
import { concrete, type Slot } from './slot.ts';
import { isTrue } from './truth.ts';
import { GoMap, GoObject, type GoValue } from './values.ts';

/** The absent final argument of the first command of a pipeline. */
export const missing: unique symbol = Symbol('missing');
export type Final = GoValue | typeof missing;

export class Evaluator extends ExecState {
  // --- pipelines and commands ---

  protected evalPipeline(dot: Slot, pipe: PipeNode | undefined): GoValue {
    if (pipe === undefined) return null;
    this.at(pipe);
    let value: Final = missing;
    for (const command of pipe.cmds) value = this.evalCommand(dot, command, value).value;
    const result = value === missing ? null : value;
    for (const variable of pipe.decl) {
      const name = variable.ident[0] ?? '';
      if (pipe.isAssign) this.setVar(name, concrete(result));
      else this.push(name, concrete(result));
    }
    return result;
  }

  private evalCommand(dot: Slot, command: CommandNode, final: Final): Slot {
    this.step();
    const [first] = command.args;
    if (first === undefined) this.errorf('empty command');
    switch (first.kind) {
      case 'field':
        return this.evalFieldNode(dot, first, command.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, command.args, final);
      case 'identifier':
        return functionResult(this.evalFunction(dot, first, command, command.args, final));
      case 'pipe':
        this.notAFunction(command.args, final);
        return concrete(this.evalPipeline(dot, first));
      case 'variable':
        return this.evalVariableNode(dot, first, command.args, final);
    }
    this.at(first);
    this.notAFunction(command.args, final);
    switch (first.kind) {
      case 'bool':
        return concrete(first.value);
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return concrete(this.idealConstant(first));
      case 'string':
        return concrete(first.text);
    }
  }

  private notAFunction(args: readonly ArgNode[], final: Final): void {
    const [first] = args;
    if (args.length > 1 || final !== missing) {
      this.errorf(`can't give argument to non-function ${first === undefined ? '' : nodeString(first)}`);
    }
  }

  /** A number literal as an untyped constant: float if spelled as one, else int. */
  private idealConstant(constant: NumberNode): GoValue {
    this.at(constant);
    const { literal } = constant;
    if (literal.isComplex) this.errorf('complex numbers are not supported');
    const { text } = literal;
    // Go's test, quirks included: "0x1E" is a hex int, but "-0x1E" (no leading 0) is read as a float.
    const isHexInt = /^0[xX]./.test(text) && !/[pP]/.test(text);
    if (literal.isFloat && !isHexInt && !text.startsWith("'") && /[.eEpP]/.test(text)) return literal.float;
    if (literal.isInt) return literal.int;
    if (literal.isUint) this.errorf(`${literal.text} overflows int`);
    return null;
  }

  // --- fields ---

  private evalFieldNode(
    dot: Slot,
    field: FieldNode,
    args: readonly ArgNode[] | undefined,
    final: Final,
  ): Slot {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(
    dot: Slot,
    chain: ChainNode,
    args: readonly ArgNode[] | undefined,
    final: Final,
  ): Slot {
    this.at(chain);
    if (chain.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const base =
      chain.node.kind === 'pipe'
        ? concrete(this.evalPipeline(dot, chain.node))
        : this.evalArgSlot(dot, chain.node);
    return this.evalFieldChain(dot, base, chain, chain.fields, args, final);
  }

  private evalVariableNode(
    dot: Slot,
    variable: VariableNode,
    args: readonly ArgNode[] | undefined,
    final: Final,
  ): Slot {
    this.at(variable);
    const value = this.varValue(variable.ident[0] ?? '');
    if (variable.ident.length === 1) {
      this.notAFunction(args ?? [variable], final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: Slot,
    receiver: Slot,
    node: Node,
    ident: readonly string[],
    args: readonly ArgNode[] | undefined,
    final: Final,
  ): Slot {
    let current = receiver;
    ident.forEach((name, position) => {
      const last = position === ident.length - 1;
      current = this.evalField(dot, name, node, last ? args : undefined, last ? final : missing, current);
    });
    return current;
  }

  private evalField(
    dot: Slot,
    name: string,
    node: Node,
    args: readonly ArgNode[] | undefined,
    final: Final,
    receiver: Slot,
  ): Slot {
    const { value, iface } = receiver;
    if (value === null) {
      if (iface) this.errorf(`nil pointer evaluating interface {}.${name}`);
      this.errorf(`nil data; no entry for key ${quoteGoString(name)}`);
    }
    if (value instanceof GoObject) return this.evalObjectMember(dot, value, name, node, args, final);
    if (value instanceof GoMap) {
      if ((args !== undefined && args.length > 1) || final !== missing) {
        this.errorf(`${name} is not a method but has arguments`);
      }
      if (!value.has(name)) this.errorf(`map has no entry for key ${quoteGoString(name)}`);
      return { value: value.get(name) ?? null, iface: value.zero === null };
    }
    this.errorf(`can't evaluate field ${name} in type ${iface ? 'interface {}' : goTypeName(value)}`);
  }

  /** A method (looked up first, as Go does) or an exported field of a struct value. */
  private evalObjectMember(
    dot: Slot,
    object: GoObject,
    name: string,
    node: Node,
    args: readonly ArgNode[] | undefined,
    final: Final,
  ): Slot {
    const method = object.methods().get(name);
    if (method !== undefined) {
      const callable: Callable = {
        signature: method.signature as FunctionSignature,
        builtin: false,
        call: (argv) => method.call(...argv),
      };
      return functionResult(this.evalCall(dot, callable, name, node, args?.slice(1) ?? [], final));
    }
    const fields = object.fields();
    if (fields.has(name)) {
      if ((args !== undefined && args.length > 1) || final !== missing) {
        this.errorf(`${name} has arguments but cannot be invoked as function`);
      }
      return { value: fields.get(name) ?? null, iface: false };
    }
    this.errorf(`can't evaluate field ${name} in type ${object.goType}`);
  }

  // --- functions ---

  private evalFunction(
    dot: Slot,
    node: IdentifierNode,
    command: Node,
    args: readonly ArgNode[] | undefined,
    final: Final,
  ): GoValue {
    this.at(node);
    const callable = this.program.functions.get(node.name);
    if (callable === undefined) this.errorf(`${quoteGoString(node.name)} is not a defined function`);
    return this.evalCall(dot, callable, node.name, command, args === undefined ? [] : args.slice(1), final);
  }

  private evalCall(
    dot: Slot,
    callable: Callable,
    name: string,
    node: Node,
    args: readonly ArgNode[],
    final: Final,
  ): GoValue {
    this.step();
    const { parameters, variadic } = callable.signature;
    const count = args.length + (final === missing ? 0 : 1);
    const fixedCount = parameters.length;
    if (variadic !== undefined) {
      if (count < fixedCount) {
        this.errorf(`wrong number of args for ${name}: want at least ${fixedCount} got ${args.length}`, name);
      }
    } else if (count !== fixedCount) {
      this.errorf(`wrong number of args for ${name}: want ${fixedCount} got ${count}`, name);
    }
    if (callable.builtin && (name === 'and' || name === 'or')) {
      let result: GoValue = null;
      for (const arg of args) {
        result = this.evalArg(dot, 'interface {}', arg, name).value;
        if (isTrue(result) === (name === 'or')) return result;
      }
      return final === missing ? result : final;
    }
    const slots = args.map((arg, position) =>
      this.evalArg(dot, parameters[position] ?? variadic ?? 'interface {}', arg, name),
    );
    if (final !== missing) {
      const type = variadic !== undefined && count - 1 >= fixedCount ? variadic : parameters[count - 1];
      slots.push(this.validateType(concrete(final), type ?? 'interface {}', name));
    }
    const argv = slots.map((slot) => slot.value);
    if (callable.builtin && name === 'call') return this.callOf(node, args, argv);
    return this.invoke(callable, name, node, argv, slots);
  }

  private invoke(
    callable: Callable,
    name: string,
    node: Node,
    argv: GoValue[],
    slots: readonly Slot[],
  ): GoValue {
    let result: GoValue;
    try {
      result = callable.call(argv, slots, this.budget);
    } catch (error) {
      this.at(node);
      if (error instanceof TemplateError || error instanceof RenderBudgetExceeded) throw error;
      if (error instanceof ArgumentError) this.errorf(error.message, name);
      if (error instanceof FunctionError || error instanceof FormatLimitError) {
        this.errorf(`error calling ${name}: ${error.message}`, name);
      }
      const kind = error instanceof Error ? error.name : 'exception';
      this.errorf(`error calling ${name}: unexpected ${kind}`, name);
    }
    this.checkDeadline(node);
    if (typeof result === 'string' && result.length > this.limits.maxOutputBytes) {
      this.at(node);
      this.limitError(`value returned by ${name} exceeds ${formatByteSize(this.limits.maxOutputBytes)}`);
    }
    // A value passed through (default, first, coalesce) was charged when it was made.
    if (isAllocated(result) && !argv.includes(result)) {
      try {
        this.budget.chargeValue(result);
      } catch (error) {
        this.at(node); // blame the call; otherwise the node stays where Go's errors expect it
        throw error;
      }
    }
    return result;
  }

  /** Template data holds no functions, so `call` always fails, with Go's message. */
  private callOf(node: Node, args: readonly ArgNode[], argv: GoValue[]): never {
    this.at(node);
    const [target = null] = argv;
    const [targetNode] = args;
    if (target === null) this.errorf('error calling call: call of nil', 'call');
    // Go names the callee by its source, or for a piped value by the value itself, which is redacted.
    const callee = targetNode === undefined ? 'value' : nodeString(targetNode);
    this.errorf(`error calling call: non-function ${callee} of type ${goTypeName(target)}`, 'call');
  }

  // --- arguments, converted to the parameter's Go type as evalArg does ---

  /** Evaluates an argument that is not a constant, keeping what Go knows of its interface-ness. */
  private evalArgSlot(dot: Slot, node: ArgNode): Slot {
    switch (node.kind) {
      case 'dot':
        return dot;
      case 'field':
        return this.evalFieldNode(dot, node, [node], missing);
      case 'variable':
        return this.evalVariableNode(dot, node, undefined, missing);
      case 'pipe':
        return concrete(this.evalPipeline(dot, node));
      case 'identifier':
        return functionResult(this.evalFunction(dot, node, node, undefined, missing));
      case 'chain':
        return this.evalChainNode(dot, node, undefined, missing);
      default:
        return this.errorf(`can't evaluate ${nodeString(node)}`);
    }
  }

  /** An argument for a parameter of `type`. Only an interface{} parameter keeps the argument's
   * interface-ness, which Go's built-ins can see. */
  protected evalArg(dot: Slot, type: GoParameterType, node: ArgNode, functionName: string): Slot {
    this.at(node);
    switch (node.kind) {
      case 'nil':
        if (hasNil(type)) return concrete(null);
        return this.errorf(`cannot assign nil to ${type}`, functionName);
      case 'bool':
        if (type === 'bool' || type === 'interface {}') return concrete(node.value);
        return this.wrongConstant(type, node, functionName);
      case 'string':
        if (type === 'string' || type === 'interface {}') return concrete(node.text);
        return this.wrongConstant(type, node, functionName);
      case 'number':
        if (type === 'interface {}') return concrete(this.idealConstant(node));
        if (type === 'int' && node.literal.isInt) return concrete(node.literal.int);
        if (type === 'float64' && node.literal.isFloat) return concrete(node.literal.float);
        return this.wrongConstant(type, node, functionName);
      default:
        return this.validateType(this.evalArgSlot(dot, node), type, functionName);
    }
  }

  private wrongConstant(type: GoParameterType, node: ArgNode, functionName: string): never {
    const expected: Partial<Record<GoParameterType, string>> = {
      bool: 'bool',
      string: 'string',
      int: 'integer',
      float64: 'float',
    };
    const name = expected[type];
    if (name !== undefined) this.errorf(`expected ${name}; found ${nodeString(node)}`, functionName);
    this.errorf(`can't handle ${nodeString(node)} for arg of type ${type}`, functionName);
  }

  /** Go's validateType: the value must be assignable to the parameter's type. */
  protected validateType(slot: Slot, type: GoParameterType, functionName: string): Slot {
    const { value, iface } = slot;
    if (type === 'interface {}') return slot;
    if (value === null) {
      if (iface) this.errorf(`wrong type for value; expected ${type}; got interface {}`, functionName);
      if (hasNil(type)) return concrete(null);
      this.errorf(`invalid value; expected ${type}`, functionName);
    }
    if (!matchesParameterType(value, type))
      this.errorf(`wrong type for value; expected ${type}; got ${goTypeName(value)}`, functionName);
    return concrete(value);
  }
}

/** Whether Go's type has a nil: interfaces, slices, maps and pointers. */
function hasNil(type: GoParameterType): boolean {
  return (
    type === 'interface {}' ||
    type === '[]interface {}' ||
    type === 'map[string]interface {}' ||
    type.startsWith('*')
  );
}

/** Whether a value holds memory of its own (a string, bytes, a list, a dict, a struct). */
function isAllocated(value: GoValue): boolean {
  return value !== null && typeof value === 'object' ? true : typeof value === 'string';
}

/** A function's nil result is a nil interface{}, as Sprig's functions return interface{}. */
function functionResult(value: GoValue): Slot {
  return { value, iface: value === null };
}
