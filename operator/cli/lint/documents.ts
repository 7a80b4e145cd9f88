// Kubernetes objects read from YAML (or JSON) text, each able to say at which line and column one
// of its fields is written, so a message can point at it.
import {
  LineCounter,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node,
} from 'yaml';
import type { FieldPath } from './findings.ts';
import type { Source } from './sources.ts';

export interface Position {
  line: number;
  column: number;
}

/** One Kubernetes object of a source: a document, or an item of a `kind: List` document. */
export interface ManifestObject {
  source: Source;
  /** The parsed document it belongs to (comments and layout kept). */
  document: Document.Parsed;
  /** Where in the document the object sits: `[]`, or `['items', 3]` in a List. */
  base: FieldPath;
  object: Record<string, unknown>;
  /** The document's own text, comments included, without its `---` marker. */
  text: string;
  /** Where a field of the object is written: the field's value, or its key with `atKey`. */
  positionOf(path: FieldPath, atKey?: boolean): Position;
}

/** A document that is not a Kubernetes object, or YAML that does not parse. */
export interface DocumentProblem {
  source: Source;
  position: Position;
  message: string;
}

export interface ParsedSource {
  objects: ManifestObject[];
  problems: DocumentProblem[];
  documents: Document.Parsed[];
}

function childOf(node: unknown, part: string | number): { value: unknown; key: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === part);
    return pair ? { value: pair.value, key: pair.key } : undefined;
  }
  if (isSeq(node) && typeof part === 'number') {
    const item: unknown = node.items[part];
    return item === undefined ? undefined : { value: item, key: item };
  }
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Partial<Node> | null)?.range?.[0];
}

/** The offset of the deepest node of `path` that exists: its value, or its key. */
function offsetOf(document: Document.Parsed, path: FieldPath, atKey: boolean): number {
  let node: unknown = document.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, part] of path.entries()) {
    const child = childOf(node, part);
    if (!child) return offset;
    const last = index === path.length - 1;
    offset =
      (last && atKey ? rangeStart(child.key) : undefined) ??
      rangeStart(child.value) ??
      rangeStart(child.key) ??
      offset;
    node = child.value;
  }
  return offset;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object of a source; a `kind: List` (kubectl's, or `ferry migrate -o json`) gives its items. */
export function parseSource(source: Source): ParsedSource {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const result: ParsedSource = { objects: [], problems: [], documents: [] };
  if (!Array.isArray(documents)) return result; // an empty stream
  let previousEnd = 0;
  for (const document of documents) {
    result.documents.push(document);
    const end = document.range[2];
    const text = source.text.slice(previousEnd, end).replace(/^(?:\s*\n)?---[ \t]*(?:#[^\n]*)?\n/, '');
    previousEnd = end;
    if (document.errors.length > 0) {
      for (const error of document.errors)
        result.problems.push({
          source,
          position: position(error.pos[0]),
          message: `YAML does not parse: ${error.message.split('\n')[0] ?? ''}`,
        });
      continue;
    }
    const value: unknown = document.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    const at =
      (base: FieldPath) =>
      (path: FieldPath, atKey = false) =>
        position(offsetOf(document, [...base, ...path], atKey));
    if (!isRecord(value)) {
      result.problems.push({ source, position: at([])([]), message: 'not a Kubernetes object (a YAML map)' });
      continue;
    }
    if (value['kind'] === 'List' && Array.isArray(value['items'])) {
      value['items'].forEach((item: unknown, index) => {
        const base = ['items', index];
        if (isRecord(item))
          result.objects.push({ source, document, base, object: item, text, positionOf: at(base) });
        else
          result.problems.push({
            source,
            position: at(base)([]),
            message: 'a List item that is not an object',
          });
      });
      continue;
    }
    result.objects.push({ source, document, base: [], object: value, text, positionOf: at([]) });
  }
  return result;
}
