// The part of Go's template parser that reads pipelines: declarations, commands, operands, terms
// and literals, with Go's errors. parser.ts builds the trees (text, actions, control structures,
// definitions) on top of it.
import { TemplateError } from './errors.ts';
import { quoteGoString } from './fmt.ts';
import { describeItem, type Item, type ItemType } from './items.ts';
import type { Lexer } from './lexer.ts';
import { nodeString } from './nodes.ts';
import type { ArgNode, CommandNode, ListNode, PipeNode, VariableNode } from './nodes.ts';
import { NumberSyntaxError, parseNumberLiteral } from './numbers.ts';
import { locate } from './source-position.ts';
import { TokenBuffer } from './token-buffer.ts';
import { LiteralSyntaxError, unquoteString } from './unquote.ts';

export interface ParseOptions {
  /** Whether a function of this name exists (built-in or from the function map). */
  hasFunction: (name: string) => boolean;
  /** How deeply parentheses and if/range/with/block may nest (Go allows 10000 parentheses; the
   * interpreter is recursive, so Ferry keeps this lower). */
  maxNestingDepth: number;
  /** The action delimiters; Go's `{{` and `}}` by default. */
  delimiters?: { left: string; right: string } | undefined;
}

/** The parse of one text: its trees by name; the text's own tree is under the name it was parsed as. */
export type TreeSet = Map<string, ListNode>;

/** What every tree parsed from one text shares. */
export interface ParseSession {
  readonly text: string;
  readonly parseName: string;
  readonly lexer: Lexer;
  readonly trees: TreeSet;
  readonly options: ParseOptions;
  depth: number;
}

/** Terms a field cannot follow: `"a".b` is a parse error. */
const literalKinds: ReadonlySet<ArgNode['kind']> = new Set(['bool', 'string', 'number', 'nil', 'dot']);

export class PipelineParser {
  protected readonly session: ParseSession;
  protected readonly tokens: TokenBuffer;
  /** Variables in scope, for Go's parse-time "undefined variable" check. */
  protected vars: string[] = ['$'];
  /** The line of the action being parsed, for "... in action started at" errors. */
  protected actionLine = 0;

  constructor(session: ParseSession) {
    this.session = session;
    this.tokens = new TokenBuffer(session.lexer);
  }

  // --- errors ---

  protected errorf(reason: string): never {
    const { line, pos } = this.tokens.latest;
    throw new TemplateError({
      phase: 'parse',
      template: this.session.parseName,
      line,
      column: locate(this.session.text, pos).column,
      reason,
    });
  }

  protected expect(expected: ItemType, context: string): Item {
    const token = this.tokens.nextNonSpace();
    if (token.type !== expected) this.unexpected(token, context);
    return token;
  }

  protected unexpected(token: Item, context: string): never {
    if (token.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.session.parseName}:${this.actionLine}`;
        if (token.value.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${token.value}${extra}`);
    }
    this.errorf(`unexpected ${describeItem(token)} in ${context}`);
  }

  protected unquote(literal: string): string {
    try {
      return unquoteString(literal);
    } catch (error) {
      if (error instanceof LiteralSyntaxError) this.errorf(error.message);
      throw error;
    }
  }

  protected enterNesting(): void {
    if (this.session.depth >= this.session.options.maxNestingDepth)
      this.errorf('max expression depth exceeded');
    this.session.depth++;
  }

  protected leaveNesting(): void {
    this.session.depth--;
  }

  // --- pipelines ---

  protected pipeline(context: string, end: ItemType): PipeNode {
    const start = this.tokens.peekNonSpace();
    const pipe: PipeNode = {
      kind: 'pipe',
      pos: start.pos,
      line: start.line,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    this.declarations(pipe, context);
    for (;;) {
      const token = this.tokens.nextNonSpace();
      switch (token.type) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.tokens.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  /** `$x :=`, `$x =`, and in range `$i, $v :=`; otherwise the variable is an operand and goes back. */
  protected declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const variable = this.tokens.peekNonSpace();
      if (variable.type !== 'variable') return;
      this.tokens.next();
      const afterVariable = this.tokens.peek();
      const next = this.tokens.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.tokens.nextNonSpace();
        pipe.decl.push(variableNode(variable.pos, variable.value));
        this.vars.push(variable.value);
        return;
      }
      if (next.type === 'char' && next.value === ',') {
        this.tokens.nextNonSpace();
        pipe.decl.push(variableNode(variable.pos, variable.value));
        this.vars.push(variable.value);
        if (context === 'range' && pipe.decl.length < 2) {
          const following = this.tokens.peekNonSpace().type;
          if (following === 'variable' || following === 'rightDelim' || following === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      if (afterVariable.type === 'space') this.tokens.backup3(variable, afterVariable);
      else this.tokens.backup2(variable);
      return;
    }
  }

  protected checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((command, index) => {
      const kind = command.args[0]?.kind;
      if (kind === 'bool' || kind === 'dot' || kind === 'nil' || kind === 'number' || kind === 'string') {
        this.errorf(`non executable command in pipeline stage ${index + 2}`);
      }
    });
  }

  protected command(): CommandNode {
    const command: CommandNode = { kind: 'command', pos: this.tokens.peekNonSpace().pos, args: [] };
    for (;;) {
      this.tokens.peekNonSpace();
      const operand = this.operand();
      if (operand !== undefined) command.args.push(operand);
      const token = this.tokens.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.tokens.backup();
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (command.args.length === 0) this.errorf('empty command');
    return command;
  }

  protected operand(): ArgNode | undefined {
    const node = this.term();
    if (node === undefined || this.tokens.peek().type !== 'field') return node;
    const pos = this.tokens.peek().pos;
    const fields: string[] = [];
    while (this.tokens.peek().type === 'field') fields.push(this.tokens.next().value.slice(1));
    if (node.kind === 'field' || node.kind === 'variable')
      return { ...node, pos, ident: [...node.ident, ...fields] };
    if (literalKinds.has(node.kind))
      this.errorf(`unexpected . after term ${quoteGoString(nodeString(node))}`);
    return { kind: 'chain', pos, node, fields };
  }

  protected term(): ArgNode | undefined {
    const token = this.tokens.nextNonSpace();
    switch (token.type) {
      case 'identifier':
        if (!this.session.options.hasFunction(token.value)) {
          this.errorf(`function ${quoteGoString(token.value)} not defined`);
        }
        return { kind: 'identifier', pos: token.pos, name: token.value };
      case 'dot':
        return { kind: 'dot', pos: token.pos };
      case 'nil':
        return { kind: 'nil', pos: token.pos };
      case 'variable':
        return this.useVariable(token);
      case 'field':
        return { kind: 'field', pos: token.pos, ident: token.value.slice(1).split('.') };
      case 'bool':
        return { kind: 'bool', pos: token.pos, value: token.value === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        try {
          return { kind: 'number', pos: token.pos, literal: parseNumberLiteral(token.value, token.type) };
        } catch (error) {
          if (error instanceof NumberSyntaxError) this.errorf(error.message);
          throw error;
        }
      case 'leftParen':
        this.enterNesting();
        try {
          return this.pipeline('parenthesized pipeline', 'rightParen');
        } finally {
          this.leaveNesting();
        }
      case 'string':
      case 'rawString':
        return { kind: 'string', pos: token.pos, quoted: token.value, text: this.unquote(token.value) };
    }
    this.tokens.backup();
    return undefined;
  }

  protected useVariable(token: Item): VariableNode {
    const node = variableNode(token.pos, token.value);
    const name = node.ident[0] ?? '';
    if (!this.vars.includes(name)) this.errorf(`undefined variable ${quoteGoString(name)}`);
    return node;
  }
}

export function variableNode(pos: number, text: string): VariableNode {
  return { kind: 'variable', pos, ident: text.split('.') };
}
