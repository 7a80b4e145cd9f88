// The parse tree of a template, shaped as Go's text/template/parse nodes are, and Go's way of
// writing a node back as text, which its exec errors show as `at <...>`. Every node's `pos` is a
// string index into the text the whole set was parsed from.
import type { NumberLiteral } from './numbers.ts';
import { quoteGoString } from './fmt.ts';

export interface ListNode {
  readonly kind: 'list';
  readonly pos: number;
  readonly nodes: Node[];
}

export interface TextNode {
  readonly kind: 'text';
  readonly pos: number;
  readonly text: string;
}

export interface ActionNode {
  readonly kind: 'action';
  readonly pos: number;
  readonly line: number;
  readonly pipe: PipeNode;
}

export interface PipeNode {
  readonly kind: 'pipe';
  readonly pos: number;
  readonly line: number;
  isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}

export interface CommandNode {
  readonly kind: 'command';
  readonly pos: number;
  readonly args: ArgNode[];
}

export interface IdentifierNode {
  readonly kind: 'identifier';
  readonly pos: number;
  readonly name: string;
}

/** `$x` or `$x.field.field`: ident[0] is the variable's name. */
export interface VariableNode {
  readonly kind: 'variable';
  readonly pos: number;
  readonly ident: readonly string[];
}

export interface DotNode {
  readonly kind: 'dot';
  readonly pos: number;
}

export interface NilNode {
  readonly kind: 'nil';
  readonly pos: number;
}

/** `.a.b`: ident is ['a', 'b']. */
export interface FieldNode {
  readonly kind: 'field';
  readonly pos: number;
  readonly ident: readonly string[];
}

/** `(pipeline).a.b` or `fn.a`: fields applied to something that is not dot or a variable. */
export interface ChainNode {
  readonly kind: 'chain';
  readonly pos: number;
  readonly node: ArgNode;
  readonly fields: readonly string[];
}

export interface BoolNode {
  readonly kind: 'bool';
  readonly pos: number;
  readonly value: boolean;
}

export interface NumberNode {
  readonly kind: 'number';
  readonly pos: number;
  readonly literal: NumberLiteral;
}

export interface StringNode {
  readonly kind: 'string';
  readonly pos: number;
  /** As written, quotes included. */
  readonly quoted: string;
  readonly text: string;
}

export interface BranchNode {
  readonly kind: 'if' | 'range' | 'with';
  readonly pos: number;
  readonly line: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | undefined;
}

export interface TemplateNode {
  readonly kind: 'template';
  readonly pos: number;
  readonly line: number;
  readonly name: string;
  readonly pipe: PipeNode | undefined;
}

export interface LoopControlNode {
  readonly kind: 'break' | 'continue';
  readonly pos: number;
  readonly line: number;
}

/** `{{end}}` and `{{else}}` exist only while parsing, to close a list. */
export interface ListEndNode {
  readonly kind: 'end' | 'else';
  readonly pos: number;
}

export type ArgNode =
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export type Node =
  | ListNode
  | TextNode
  | ActionNode
  | CommandNode
  | ArgNode
  | BranchNode
  | TemplateNode
  | LoopControlNode
  | ListEndNode;

/** Go's Node.String(): the node written back as template source. */
export function nodeString(node: Node): string {
  switch (node.kind) {
    case 'list':
      return node.nodes.map(nodeString).join('');
    case 'text':
      return node.text;
    case 'action':
      return `{{${nodeString(node.pipe)}}}`;
    case 'pipe': {
      const decl =
        node.decl.length === 0
          ? ''
          : `${node.decl.map(nodeString).join(', ')}${node.isAssign ? ' = ' : ' := '}`;
      return decl + node.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return node.args
        .map((arg) => (arg.kind === 'pipe' ? `(${nodeString(arg)})` : nodeString(arg)))
        .join(' ');
    case 'identifier':
      return node.name;
    case 'variable':
      return node.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'field':
      return node.ident.map((name) => `.${name}`).join('');
    case 'chain': {
      const base = node.node.kind === 'pipe' ? `(${nodeString(node.node)})` : nodeString(node.node);
      return base + node.fields.map((name) => `.${name}`).join('');
    }
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'number':
      return node.literal.text;
    case 'string':
      return node.quoted;
    case 'if':
    case 'range':
    case 'with': {
      const elsePart = node.elseList === undefined ? '' : `{{else}}${nodeString(node.elseList)}`;
      return `{{${node.kind} ${nodeString(node.pipe)}}}${nodeString(node.list)}${elsePart}{{end}}`;
    }
    case 'template':
      return `{{template ${quoteGoString(node.name)}${node.pipe === undefined ? '' : ` ${nodeString(node.pipe)}`}}}`;
    case 'break':
    case 'continue':
    case 'end':
    case 'else':
      return `{{${node.kind}}}`;
  }
}

/** Go's unicode.IsSpace is the White_Space property. */
const onlyWhiteSpace = /^\p{White_Space}*$/u;

/** Go's parse.IsEmptyTree: only whitespace text and comments. */
export function isEmptyTree(node: Node | undefined): boolean {
  if (node === undefined) return true;
  if (node.kind === 'list') return node.nodes.every(isEmptyTree);
  if (node.kind === 'text') return onlyWhiteSpace.test(node.text);
  return false;
}
