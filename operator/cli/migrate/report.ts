import type { MigrateResult, ReportEntry } from './migrate.ts';

function subject(entry: ReportEntry): string {
  if (!entry.kind) return '';
  const name = entry.name ?? '<no name>';
  return `${entry.kind} ${entry.namespace ? `${entry.namespace}/` : ''}${name}: `;
}

/** `file:line:column: error: Kind namespace/name: field: message`, then what to do, indented. */
export function formatReportEntry(entry: ReportEntry): string {
  const path = entry.path ? `${entry.path}: ` : '';
  const head = `${entry.file}:${String(entry.line)}:${String(entry.column)}: ${entry.severity}: ${subject(entry)}${path}${entry.message}`;
  return entry.action ? `${head}\n    to do: ${entry.action}` : head;
}

function plural(count: number, word: string): string {
  return `${String(count)} ${word}${count === 1 ? '' : 's'}`;
}

export function summaryLine(result: MigrateResult): string {
  const count = (origin: string) => result.objects.filter((object) => object.origin === origin).length;
  const errors = result.report.filter((entry) => entry.severity === 'error').length;
  const warnings = result.report.length - errors;
  return (
    `ferry migrate: ${plural(count('converted'), 'object')} converted, ${plural(count('generated'), 'store')} generated, ` +
    `${String(count('passed'))} passed through, ${String(result.leftOut)} left out; ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`
  );
}

/** The whole report as text: one entry per finding, in input order, then the summary. */
export function formatReport(result: MigrateResult): string {
  return [...result.report.map(formatReportEntry), summaryLine(result)].join('\n') + '\n';
}
