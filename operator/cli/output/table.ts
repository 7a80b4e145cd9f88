import type { Style } from './style.ts';

/** A cell's plain text, and how to paint it (widths are measured on the plain text, padding added outside). */
export interface PaintedCell {
  readonly text: string;
  readonly paint: (text: string) => string;
}
export type Cell = string | PaintedCell;

export interface TableOptions {
  /**
   * aligned: columns padded with spaces, as kubectl prints them (for people);
   * tab-separated: one tab between cells, nothing padded (for `cut -f`, `awk -F'\t'`).
   */
  readonly layout: 'aligned' | 'tab-separated';
  readonly style: Style;
  /** Print the header line (default true). */
  readonly headers?: boolean;
  /** Put before every line, e.g. two spaces for a table inside a section of `ferry explain`. */
  readonly indent?: string;
}

/** kubectl's column gap (its tabwriter pads with three spaces). */
const gap = '   ';

/** Renders rows under headers; every line ends with a newline. */
export function renderTable(
  headers: readonly string[],
  rows: readonly Cell[][],
  options: TableOptions,
): string {
  const indent = options.indent ?? '';
  const lines: Cell[][] = [];
  if (options.headers !== false)
    lines.push(headers.map((header) => ({ text: header, paint: options.style.bold })));
  lines.push(...rows);
  if (options.layout === 'tab-separated') {
    return lines.map((line) => `${indent}${line.map((cell) => oneLine(textOf(cell))).join('\t')}\n`).join('');
  }
  const widths = headers.map((_, column) =>
    Math.max(...lines.map((line) => oneLine(textOf(line[column] ?? '')).length)),
  );
  return lines
    .map((line) => {
      const cells = headers.map((_, column) => {
        const cell = line[column] ?? '';
        const text = oneLine(textOf(cell));
        const padding = column === headers.length - 1 ? '' : ' '.repeat((widths[column] ?? 0) - text.length);
        return (typeof cell === 'string' ? text : cell.paint(text)) + padding;
      });
      return `${indent}${cells.join(gap).trimEnd()}\n`;
    })
    .join('');
}

function textOf(cell: Cell): string {
  return typeof cell === 'string' ? cell : cell.text;
}

/** Tables hold one line per row: newlines and tabs in a message become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}
