// The parser of Go's text/template: a recursive descent over the lexer's items with Go's three-item
// look-ahead, so that errors arise where Go's arise and name the line Go names (the line of the last
// item read). `define` and `block` each parse into a tree of their own, sharing the lexer; the
// result is every named tree of the text.
import { quoteGoString } from './fmt.ts';
import type { Item } from './items.ts';
import { Lexer } from './lexer.ts';
import { isEmptyTree, nodeString } from './nodes.ts';
import type { BranchNode, ListEndNode, ListNode, Node, PipeNode } from './nodes.ts';
import { PipelineParser, type ParseOptions, type ParseSession, type TreeSet } from './pipeline-parser.ts';

export type { ParseOptions, TreeSet } from './pipeline-parser.ts';

type Stop = ListEndNode;

export function parseTreeSet(name: string, text: string, options: ParseOptions): TreeSet {
  const lexer = new Lexer(text, options.delimiters);
  lexer.options = { breakOK: !options.hasFunction('break'), continueOK: !options.hasFunction('continue') };
  const session: ParseSession = { text, parseName: name, lexer, trees: new Map(), options, depth: 0 };
  const tree = new TreeParser(session, name);
  tree.parseTopLevel();
  return session.trees;
}

class TreeParser extends PipelineParser {
  private name: string;
  private root: ListNode | undefined;
  private rangeDepth = 0;

  constructor(session: ParseSession, name: string) {
    super(session);
    this.name = name;
  }

  /** Go's Tree.add: a later empty definition does not replace an earlier one; two non-empty ones clash. */
  private add(): void {
    const existing = this.session.trees.get(this.name);
    if (existing === undefined || isEmptyTree(existing)) {
      this.session.trees.set(this.name, this.root ?? list(0));
      return;
    }
    if (!isEmptyTree(this.root)) {
      this.errorf(`template: multiple definition of template ${quoteGoString(this.name)}`);
    }
  }

  // --- the grammar ---

  parseTopLevel(): void {
    const root = list(this.tokens.peek().pos);
    this.root = root;
    while (this.tokens.peek().type !== 'eof') {
      if (this.tokens.peek().type === 'leftDelim') {
        const delim = this.tokens.next();
        if (this.tokens.nextNonSpace().type === 'define') {
          new TreeParser(this.session, 'definition').parseDefinition();
          continue;
        }
        this.tokens.backup2(delim);
      }
      const node = this.textOrAction();
      if (node.kind === 'end' || node.kind === 'else') this.errorf(`unexpected ${nodeString(node)}`);
      root.nodes.push(node);
    }
    this.add();
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const token = this.tokens.nextNonSpace();
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    this.name = this.unquote(token.value);
    this.expect('rightDelim', context);
    this.enterNesting();
    const [root, end] = this.itemList();
    this.leaveNesting();
    this.root = root;
    if (end.kind !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add();
  }

  private itemList(): [ListNode, Stop] {
    const items = list(this.tokens.peekNonSpace().pos);
    while (this.tokens.peekNonSpace().type !== 'eof') {
      const node = this.textOrAction();
      if (node.kind === 'end' || node.kind === 'else') return [items, node];
      items.nodes.push(node);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.tokens.nextNonSpace();
    switch (token.type) {
      case 'text':
        return { kind: 'text', pos: token.pos, text: token.value };
      case 'leftDelim':
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      default:
        this.unexpected(token, 'input');
    }
  }

  private action(): Node {
    const token = this.tokens.nextNonSpace();
    switch (token.type) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue':
        return this.loopControl(token);
      case 'else':
        return this.elseControl();
      case 'end':
        return { kind: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
      case 'range':
      case 'with':
        return this.branchControl(token.type);
      case 'template':
        return this.templateControl();
    }
    this.tokens.backup();
    const start = this.tokens.peek();
    // Variables declared here are not popped: they last until the enclosing {{end}}.
    return { kind: 'action', pos: start.pos, line: start.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  private loopControl(keyword: Item): Node {
    const kind = keyword.type === 'break' ? 'break' : 'continue';
    const token = this.tokens.nextNonSpace();
    if (token.type !== 'rightDelim') this.unexpected(token, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
    return { kind, pos: keyword.pos, line: keyword.line };
  }

  private branchControl(kind: BranchNode['kind']): BranchNode {
    const varsBefore = this.vars.length;
    this.enterNesting();
    try {
      const pipe = this.pipeline(kind, 'rightDelim');
      if (kind === 'range') this.rangeDepth++;
      const [body, next] = this.itemList();
      if (kind === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.kind === 'else') {
        // "{{else if x}}" and "{{else with x}}" are "{{else}}{{if x}}...{{end}}{{end}}" with the
        // inner {{end}} shared: the inner branch consumes it.
        const chained = this.tokens.peek().type;
        if ((kind === 'if' && chained === 'if') || (kind === 'with' && chained === 'with')) {
          this.tokens.next();
          elseList = list(next.pos);
          elseList.nodes.push(this.branchControl(kind));
        } else {
          const [alternative, end] = this.itemList();
          if (end.kind !== 'end') this.errorf(`expected end; found ${nodeString(end)}`);
          elseList = alternative;
        }
      }
      return { kind, pos: pipe.pos, line: pipe.line, pipe, list: body, elseList };
    } finally {
      this.leaveNesting();
      this.vars.length = varsBefore;
    }
  }

  private elseControl(): Node {
    const peek = this.tokens.peekNonSpace();
    // The "if" or "with" of "else if"/"else with" stays pending for the enclosing branch.
    if (peek.type === 'if' || peek.type === 'with') return { kind: 'else', pos: peek.pos };
    return { kind: 'else', pos: this.expect('rightDelim', 'else').pos };
  }

  private blockControl(): Node {
    const context = 'block clause';
    const token = this.tokens.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const block = new TreeParser(this.session, name);
    this.enterNesting();
    const [root, end] = block.itemList();
    this.leaveNesting();
    block.root = root;
    if (end.kind !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    block.add();
    return { kind: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private templateControl(): Node {
    const context = 'template clause';
    const token = this.tokens.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.tokens.nextNonSpace().type !== 'rightDelim') {
      this.tokens.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { kind: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private templateName(token: Item, context: string): string {
    if (token.type === 'string' || token.type === 'rawString') return this.unquote(token.value);
    this.unexpected(token, context);
  }
}

function list(pos: number): ListNode {
  return { kind: 'list', pos, nodes: [] };
}
