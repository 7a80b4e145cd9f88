// Evaluates the CEL subset of cel-parse.ts over a JSON value, as the API server evaluates
// x-kubernetes-validations: `self` is the value at the rule's schema node, after defaulting.
// Errors (a missing field, a wrong type) follow CEL: `||` and `&&` absorb an error when the other
// side decides the result; otherwise the rule cannot be evaluated and the caller reports that.
import { RE2JS } from 're2js';
import { exactDurationMs } from '../../api/v1alpha1/index.ts';
import { parseCel, type CelNode } from './cel-parse.ts';

export class CelEvaluationError extends Error {
  override name = 'CelEvaluationError';
}

type Value = unknown;

/** CEL's google.protobuf.Duration, from duration('1m30s'): compared with other durations only. */
class CelDuration {
  readonly milliseconds: number;
  constructor(milliseconds: number) {
    this.milliseconds = milliseconds;
  }
}

function duration(text: string): CelDuration {
  try {
    return new CelDuration(exactDurationMs(text));
  } catch {
    return fail(`invalid duration: ${JSON.stringify(text)}`);
  }
}

/** CEL's substring(start[, end]), in code points as CEL counts them. */
function substring(text: string, start: number, end?: number): string {
  const points = Array.from(text);
  const stop = end ?? points.length;
  if (start < 0 || stop > points.length || start > stop) fail(`substring(${String(start)}) out of range`);
  return points.slice(start, stop).join('');
}
type Scope = ReadonlyMap<string, Value>;

const macros = new Set(['all', 'exists', 'exists_one', 'filter', 'map']);

function isMap(value: Value): value is Record<string, Value> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof CelDuration)
  );
}

function typeName(value: Value): string {
  if (value === null) return 'null';
  if (value instanceof CelDuration) return 'duration';
  if (Array.isArray(value)) return 'list';
  if (isMap(value)) return 'map';
  return typeof value === 'number' ? 'int' : typeof value;
}

function fail(message: string): never {
  throw new CelEvaluationError(message);
}

function asBool(value: Value): boolean {
  if (typeof value !== 'boolean') fail(`expected a bool, found ${typeName(value)}`);
  return value;
}

function asString(value: Value): string {
  if (typeof value !== 'string') fail(`expected a string, found ${typeName(value)}`);
  return value;
}

function asNumber(value: Value): number {
  if (typeof value !== 'number') fail(`expected a number, found ${typeName(value)}`);
  return value;
}

function equal(left: Value, right: Value): boolean {
  if (left instanceof CelDuration && right instanceof CelDuration)
    return left.milliseconds === right.milliseconds;
  if (Array.isArray(left) && Array.isArray(right))
    return left.length === right.length && left.every((item, index) => equal(item, right[index]));
  if (isMap(left) && isMap(right)) {
    const keys = Object.keys(left);
    return keys.length === Object.keys(right).length && keys.every((key) => equal(left[key], right[key]));
  }
  return left === right;
}

function size(value: Value): number {
  if (typeof value === 'string') return Array.from(value).length; // code points, as CEL counts
  if (Array.isArray(value)) return value.length;
  if (isMap(value)) return Object.keys(value).length;
  return fail(`size() of ${typeName(value)}`);
}

const compiledPatterns = new Map<string, RE2JS>();
function matches(text: string, pattern: string): boolean {
  let compiled = compiledPatterns.get(pattern);
  if (!compiled) {
    compiled = RE2JS.compile(pattern);
    compiledPatterns.set(pattern, compiled);
  }
  // CEL's matches() is RE2's partial match: the pattern may match anywhere unless anchored.
  return compiled.matcher(text).find();
}

class Evaluator {
  evaluate(node: CelNode, scope: Scope): Value {
    switch (node.type) {
      case 'literal':
        return node.value;
      case 'ident':
        if (!scope.has(node.name)) fail(`undeclared reference to "${node.name}"`);
        return scope.get(node.name);
      case 'list':
        return node.items.map((item) => this.evaluate(item, scope));
      case 'select': {
        const operand = this.evaluate(node.operand, scope);
        if (!isMap(operand) || !Object.hasOwn(operand, node.field)) fail(`no such key: ${node.field}`);
        return operand[node.field];
      }
      case 'index': {
        const operand = this.evaluate(node.operand, scope);
        const index = this.evaluate(node.index, scope);
        if (Array.isArray(operand) && typeof index === 'number') {
          if (index < 0 || index >= operand.length) fail(`index out of range: ${String(index)}`);
          return operand[index];
        }
        if (isMap(operand) && typeof index === 'string' && Object.hasOwn(operand, index))
          return operand[index];
        return fail('no such key');
      }
      case 'unary':
        return node.operator === '!'
          ? !asBool(this.evaluate(node.operand, scope))
          : -asNumber(this.evaluate(node.operand, scope));
      case 'conditional':
        return asBool(this.evaluate(node.test, scope))
          ? this.evaluate(node.then, scope)
          : this.evaluate(node.otherwise, scope);
      case 'binary':
        return this.binary(node, scope);
      case 'call':
        return this.call(node, scope);
    }
  }

  private logical(node: CelNode & { type: 'binary' }, scope: Scope, decisive: boolean): boolean {
    // CEL's commutative logic: an error on one side is absorbed when the other side decides.
    let leftError: CelEvaluationError | undefined;
    try {
      if (asBool(this.evaluate(node.left, scope)) === decisive) return decisive;
    } catch (error) {
      if (!(error instanceof CelEvaluationError)) throw error;
      leftError = error;
    }
    const right = asBool(this.evaluate(node.right, scope));
    if (right === decisive) return decisive;
    if (leftError !== undefined) throw leftError;
    return !decisive;
  }

  private binary(node: CelNode & { type: 'binary' }, scope: Scope): Value {
    if (node.operator === '||') return this.logical(node, scope, true);
    if (node.operator === '&&') return this.logical(node, scope, false);
    const left = this.evaluate(node.left, scope);
    const right = this.evaluate(node.right, scope);
    switch (node.operator) {
      case '==':
        return equal(left, right);
      case '!=':
        return !equal(left, right);
      case 'in':
        if (Array.isArray(right)) return right.some((item) => equal(item, left));
        if (isMap(right)) return Object.hasOwn(right, asString(left));
        return fail(`"in" needs a list or a map, found ${typeName(right)}`);
      case '+':
        if (typeof left === 'string') return left + asString(right);
        if (Array.isArray(left) && Array.isArray(right)) return (left as Value[]).concat(right as Value[]);
        return asNumber(left) + asNumber(right);
      default:
        return this.arithmetic(node.operator, left, right);
    }
  }

  private arithmetic(operator: string, left: Value, right: Value): Value {
    if (left instanceof CelDuration && right instanceof CelDuration) {
      return this.arithmetic(operator, left.milliseconds, right.milliseconds);
    }
    if (typeof left === 'string' && typeof right === 'string') {
      if (operator === '<') return left < right;
      if (operator === '<=') return left <= right;
      if (operator === '>') return left > right;
      if (operator === '>=') return left >= right;
    }
    const a = asNumber(left);
    const b = asNumber(right);
    switch (operator) {
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      case '>=':
        return a >= b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0) fail('division by zero');
        return Math.trunc(a / b);
      case '%':
        if (b === 0) fail('modulus by zero');
        return a % b;
      default:
        return fail(`unknown operator ${operator}`);
    }
  }

  private call(node: CelNode & { type: 'call' }, scope: Scope): Value {
    if (node.target === undefined && node.name === 'has') return this.has(node.args, scope);
    if (node.target !== undefined && macros.has(node.name)) return this.macro(node, scope);
    const receiver = node.target === undefined ? undefined : this.evaluate(node.target, scope);
    const args = node.args.map((arg) => this.evaluate(arg, scope));
    const [first, second] = node.target === undefined ? args : [receiver, ...args];
    switch (node.name) {
      case 'size':
        return size(first);
      case 'startsWith':
        return asString(first).startsWith(asString(second));
      case 'endsWith':
        return asString(first).endsWith(asString(second));
      case 'contains':
        return asString(first).includes(asString(second));
      case 'matches':
        return matches(asString(first), asString(second));
      case 'lowerAscii':
        return asString(first).replace(/[A-Z]/g, (char) => char.toLowerCase());
      case 'upperAscii':
        return asString(first).replace(/[a-z]/g, (char) => char.toUpperCase());
      case 'string':
        return String(first);
      case 'int':
        return Math.trunc(Number(first));
      case 'duration':
        return duration(asString(first));
      case 'substring':
        return substring(
          asString(first),
          asNumber(second),
          args[1] === undefined ? undefined : asNumber(args[1]),
        );
      default:
        return fail(`unknown function ${node.name}()`);
    }
  }

  private has(args: CelNode[], scope: Scope): boolean {
    const [selection] = args;
    if (args.length !== 1 || selection?.type !== 'select') fail('has() takes one field selection');
    const operand = this.evaluate(selection.operand, scope);
    if (!isMap(operand)) fail(`has() on ${typeName(operand)}`);
    return Object.hasOwn(operand, selection.field) && operand[selection.field] !== undefined;
  }

  private macro(node: CelNode & { type: 'call' }, scope: Scope): Value {
    const [variable, body] = node.args;
    if (node.args.length !== 2 || variable?.type !== 'ident' || !body)
      fail(`${node.name}() takes a variable and an expression`);
    const target = this.evaluate(node.target as CelNode, scope);
    const elements: Value[] = Array.isArray(target)
      ? target
      : isMap(target)
        ? Object.keys(target)
        : fail(`${node.name}() on ${typeName(target)}`);
    const withElement = (element: Value) =>
      this.evaluate(body, new Map([...scope, [variable.name, element]]));
    switch (node.name) {
      case 'all':
        return elements.every((element) => asBool(withElement(element)));
      case 'exists':
        return elements.some((element) => asBool(withElement(element)));
      case 'exists_one':
        return elements.filter((element) => asBool(withElement(element))).length === 1;
      case 'filter':
        return elements.filter((element) => asBool(withElement(element)));
      default:
        return elements.map(withElement);
    }
  }
}

const parsedRules = new Map<string, CelNode>();

/** Whether `rule` holds for `self`; throws CelEvaluationError when it cannot be evaluated. */
export function evaluateCelRule(rule: string, self: unknown): boolean {
  let parsed = parsedRules.get(rule);
  if (!parsed) {
    parsed = parseCel(rule);
    parsedRules.set(rule, parsed);
  }
  return asBool(new Evaluator().evaluate(parsed, new Map([['self', self]])));
}
