import { Document, isScalar, visit } from 'yaml';
import { UsageError } from '../args/usage-error.ts';
import { escapeControlCharacters } from './terminal-text.ts';

export type OutputFormat = 'table' | 'json' | 'yaml';

/** The value of -o/--output: json or yaml; absent means the human-readable form. */
export function outputFormat(value: string | undefined): OutputFormat {
  if (value === undefined) return 'table';
  if (value === 'json' || value === 'yaml') return value;
  throw new UsageError(`-o ${value}: expected json or yaml`);
}

/** Data for scripts: JSON indented as kubectl prints it, or YAML; ends with a newline. */
export function renderStructured(data: unknown, format: 'json' | 'yaml'): string {
  if (format === 'json') return `${JSON.stringify(data, null, 4)}\n`;
  // A string with a character the terminal layer escapes is double-quoted, where \uXXXX is the
  // character itself (in a plain scalar it would be six characters of text).
  const document = new Document(data);
  visit(document, {
    Scalar(_key, node) {
      if (
        isScalar(node) &&
        typeof node.value === 'string' &&
        escapeControlCharacters(node.value) !== node.value
      )
        node.type = 'QUOTE_DOUBLE';
    },
  });
  return document.toString({ lineWidth: 0 });
}
