// A JSON document that remembers the text of every value, as gjson and Go's json.RawMessage hand
// values on: a nested object keeps its own spacing and key order, a number its digits, and a key
// that appears twice is kept twice (gjson takes the first, a Go map the last). JSON.parse can do
// none of that.

export type JsonNode =
  | { kind: 'object'; raw: string; entries: [string, JsonNode][] }
  | { kind: 'array'; raw: string; items: JsonNode[] }
  | { kind: 'string'; raw: string; value: string }
  | { kind: 'number'; raw: string }
  | { kind: 'true' | 'false' | 'null'; raw: string };

/** Thrown for text that is not JSON; the message never quotes the text. */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
}

const maxDepth = 1000;
const numberPattern = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;
const whitespace = new Set([' ', '\t', '\n', '\r']);

export function parseJsonDocument(text: string): JsonNode {
  const parser = new Parser(text);
  const node = parser.value(0);
  parser.end();
  return node;
}

class Parser {
  private readonly text: string;
  private position = 0;

  constructor(text: string) {
    this.text = text;
  }

  value(depth: number): JsonNode {
    if (depth > maxDepth) throw new JsonSyntaxError(`nested deeper than ${String(maxDepth)} levels`);
    this.skipWhitespace();
    const start = this.position;
    const char = this.text.charAt(start);
    if (char === '{') return this.object(start, depth);
    if (char === '[') return this.array(start, depth);
    if (char === '"') {
      const raw = this.string();
      return { kind: 'string', raw, value: JSON.parse(raw) as string };
    }
    for (const literal of ['true', 'false', 'null'] as const) {
      if (this.text.startsWith(literal, start)) {
        this.position += literal.length;
        return { kind: literal, raw: literal };
      }
    }
    numberPattern.lastIndex = start;
    const number = numberPattern.exec(this.text);
    if (!number) throw this.unexpected();
    this.position += number[0].length;
    return { kind: 'number', raw: number[0] };
  }

  end(): void {
    this.skipWhitespace();
    if (this.position !== this.text.length) throw this.unexpected();
  }

  private object(start: number, depth: number): JsonNode {
    const entries: [string, JsonNode][] = [];
    this.sequence('}', () => {
      this.skipWhitespace();
      if (this.text.charAt(this.position) !== '"') throw this.unexpected();
      const key = JSON.parse(this.string()) as string;
      this.skipWhitespace();
      this.expect(':');
      entries.push([key, this.value(depth + 1)]);
    });
    return { kind: 'object', raw: this.text.slice(start, this.position), entries };
  }

  private array(start: number, depth: number): JsonNode {
    const items: JsonNode[] = [];
    this.sequence(']', () => items.push(this.value(depth + 1)));
    return { kind: 'array', raw: this.text.slice(start, this.position), items };
  }

  /** The members of an object or array, from its opening bracket to `close`, comma-separated. */
  private sequence(close: string, member: () => void): void {
    this.position++;
    this.skipWhitespace();
    if (this.text.charAt(this.position) === close) {
      this.position++;
      return;
    }
    for (;;) {
      member();
      this.skipWhitespace();
      if (this.text.charAt(this.position) === close) {
        this.position++;
        return;
      }
      this.expect(',');
    }
  }

  /** The raw text of the string at the position, quotes included; JSON.parse checks its escapes. */
  private string(): string {
    const start = this.position;
    let index = start + 1;
    for (;;) {
      const char = this.text.charAt(index);
      if (char === '') throw new JsonSyntaxError('unterminated string');
      if (char === '\\') index += 2;
      else if (char === '"') break;
      else index++;
    }
    this.position = index + 1;
    const raw = this.text.slice(start, this.position);
    try {
      JSON.parse(raw);
    } catch {
      // The SyntaxError is dropped on purpose: V8 quotes the input in it.
      throw new JsonSyntaxError(`invalid string at offset ${String(start)}`);
    }
    return raw;
  }

  private expect(char: string): void {
    if (this.text.charAt(this.position) !== char) throw this.unexpected();
    this.position++;
  }

  private skipWhitespace(): void {
    while (whitespace.has(this.text.charAt(this.position))) this.position++;
  }

  private unexpected(): JsonSyntaxError {
    return this.position >= this.text.length
      ? new JsonSyntaxError('unexpected end of JSON')
      : new JsonSyntaxError(`unexpected character at offset ${String(this.position)}`);
  }
}
