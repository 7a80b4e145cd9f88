// A parser for the part of CEL (Common Expression Language) that the CRDs' x-kubernetes-validations
// use: literals, lists, field selection, indexing, calls, the has() macro and the comprehension
// macros, unary and binary operators, the conditional. `ferry lint` evaluates the rules themselves
// (cel-evaluate.ts) rather than a hand-written copy of each. A rule outside this subset fails to
// parse, and a unit test parses every rule in crds/, so a new rule cannot slip past lint unnoticed.

export type CelNode =
  | { type: 'literal'; value: CelLiteral }
  | { type: 'ident'; name: string }
  | { type: 'list'; items: CelNode[] }
  | { type: 'select'; operand: CelNode; field: string }
  | { type: 'index'; operand: CelNode; index: CelNode }
  | { type: 'call'; target: CelNode | undefined; name: string; args: CelNode[] }
  | { type: 'unary'; operator: '!' | '-'; operand: CelNode }
  | { type: 'binary'; operator: BinaryOperator; left: CelNode; right: CelNode }
  | { type: 'conditional'; test: CelNode; then: CelNode; otherwise: CelNode };

export type CelLiteral = string | number | boolean | null;
type BinaryOperator =
  '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | '+' | '-' | '*' | '/' | '%';

export class CelSyntaxError extends Error {
  override name = 'CelSyntaxError';
}

interface Token {
  kind: 'number' | 'string' | 'ident' | 'punct' | 'end';
  text: string;
  value?: string | number;
  at: number;
}

const punctuation = [
  '&&',
  '||',
  '==',
  '!=',
  '<=',
  '>=',
  '!',
  '<',
  '>',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '.',
  ',',
  '?',
  ':',
  '+',
  '-',
  '*',
  '/',
  '%',
];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const rest = source.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    const string = /^(r|R)?('([^'\\]|\\.)*'|"([^"\\]|\\.)*")/.exec(rest);
    if (string) {
      const raw = string[1] !== undefined;
      const body = string[2]?.slice(1, -1) ?? '';
      tokens.push({ kind: 'string', text: string[0], value: raw ? body : unescape(body), at });
      at += string[0].length;
      continue;
    }
    const number = /^[0-9]+(\.[0-9]+)?/.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', text: number[0], value: Number(number[0]), at });
      at += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], at });
      at += ident[0].length;
      continue;
    }
    const punct = punctuation.find((candidate) => rest.startsWith(candidate));
    if (!punct) throw new CelSyntaxError(`unexpected character ${JSON.stringify(rest[0])} at ${String(at)}`);
    tokens.push({ kind: 'punct', text: punct, at });
    at += punct.length;
  }
  tokens.push({ kind: 'end', text: '', at });
  return tokens;
}

function unescape(body: string): string {
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
  return body.replace(/\\(.)/g, (_match, char: string) => escapes[char] ?? char);
}

const relational: readonly string[] = ['==', '!=', '<', '<=', '>', '>=', 'in'];

class Parser {
  private readonly tokens: Token[];
  private position = 0;

  constructor(source: string) {
    this.tokens = tokenize(source);
  }

  parse(): CelNode {
    const node = this.conditional();
    this.expectEnd();
    return node;
  }

  private peek(): Token {
    return this.tokens[this.position] ?? { kind: 'end', text: '', at: -1 };
  }

  private next(): Token {
    const token = this.peek();
    this.position += 1;
    return token;
  }

  private accept(text: string): boolean {
    const token = this.peek();
    if ((token.kind === 'punct' || token.kind === 'ident') && token.text === text) {
      this.position += 1;
      return true;
    }
    return false;
  }

  private expect(text: string): void {
    if (!this.accept(text)) this.fail(`expected "${text}"`);
  }

  private expectEnd(): void {
    if (this.peek().kind !== 'end') this.fail('expected the end of the expression');
  }

  private fail(message: string): never {
    const token = this.peek();
    throw new CelSyntaxError(`${message} at ${String(token.at)} (found ${JSON.stringify(token.text)})`);
  }

  private conditional(): CelNode {
    const test = this.binary(0);
    if (!this.accept('?')) return test;
    const then = this.conditional();
    this.expect(':');
    return { type: 'conditional', test, then, otherwise: this.conditional() };
  }

  // Precedence levels, loosest first.
  private static readonly levels: readonly (readonly string[])[] = [
    ['||'],
    ['&&'],
    relational,
    ['+', '-'],
    ['*', '/', '%'],
  ];

  private binary(level: number): CelNode {
    const operators = Parser.levels[level];
    if (!operators) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const token = this.peek();
      if (!(token.kind === 'punct' || token.kind === 'ident') || !operators.includes(token.text)) return left;
      this.position += 1;
      const right = this.binary(level + 1);
      left = { type: 'binary', operator: token.text as BinaryOperator, left, right };
    }
  }

  private unary(): CelNode {
    if (this.accept('!')) return { type: 'unary', operator: '!', operand: this.unary() };
    if (this.accept('-')) return { type: 'unary', operator: '-', operand: this.unary() };
    return this.member();
  }

  private member(): CelNode {
    let node = this.primary();
    for (;;) {
      if (this.accept('.')) {
        const name = this.next();
        if (name.kind !== 'ident') this.fail('expected a field or method name');
        if (this.accept('(')) node = { type: 'call', target: node, name: name.text, args: this.args(')') };
        else node = { type: 'select', operand: node, field: name.text };
      } else if (this.accept('[')) {
        const index = this.conditional();
        this.expect(']');
        node = { type: 'index', operand: node, index };
      } else return node;
    }
  }

  private args(close: string): CelNode[] {
    const args: CelNode[] = [];
    if (this.accept(close)) return args;
    do args.push(this.conditional());
    while (this.accept(','));
    this.expect(close);
    return args;
  }

  private primary(): CelNode {
    const token = this.next();
    switch (token.kind) {
      case 'number':
      case 'string':
        return { type: 'literal', value: token.value ?? null };
      case 'ident':
        if (token.text === 'true' || token.text === 'false')
          return { type: 'literal', value: token.text === 'true' };
        if (token.text === 'null') return { type: 'literal', value: null };
        if (this.accept('('))
          return { type: 'call', target: undefined, name: token.text, args: this.args(')') };
        return { type: 'ident', name: token.text };
      case 'punct':
        if (token.text === '(') {
          const inner = this.conditional();
          this.expect(')');
          return inner;
        }
        if (token.text === '[') return { type: 'list', items: this.args(']') };
        break;
      case 'end':
        break;
    }
    this.position -= 1;
    return this.fail('expected an operand');
  }
}

/** Parses one CEL expression; throws CelSyntaxError for anything outside the supported subset. */
export function parseCel(source: string): CelNode {
  return new Parser(source).parse();
}
