import type { Item } from './items.ts';
import type { Lexer } from './lexer.ts';

const noItem: Item = { type: 'eof', pos: 0, value: '', line: 0 };

/**
 * Go's three-item look-ahead over the lexer, kept exactly as Go's parser keeps it because its errors
 * report the line of `latest`, the item most recently taken from the lexer, which after a backup is
 * not the item the parser is looking at.
 */
export class TokenBuffer {
  private readonly lexer: Lexer;
  private readonly token: [Item, Item, Item] = [noItem, noItem, noItem];
  private peekCount = 0;

  constructor(lexer: Lexer) {
    this.lexer = lexer;
  }

  /** The item most recently read from the lexer. */
  get latest(): Item {
    return this.token[0];
  }

  next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lexer.nextItem();
    return this.token[this.peekCount] ?? noItem;
  }

  backup(): void {
    this.peekCount++;
  }

  /** Pushes back `first` with the current item after it. */
  backup2(first: Item): void {
    this.token[1] = first;
    this.peekCount = 2;
  }

  /** Pushes back `first` and `second` with the current item after them. */
  backup3(first: Item, second: Item): void {
    this.token[1] = second;
    this.token[2] = first;
    this.peekCount = 3;
  }

  peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1] ?? noItem;
    this.peekCount = 1;
    this.token[0] = this.lexer.nextItem();
    return this.token[0];
  }

  nextNonSpace(): Item {
    let token: Item;
    do token = this.next();
    while (token.type === 'space');
    return token;
  }

  peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }
}
