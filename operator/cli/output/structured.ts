import { stringify } from 'yaml';
import { UsageError } from '../args/usage-error.ts';

export type OutputFormat = 'table' | 'json' | 'yaml';

/** The value of -o/--output: json or yaml; absent means the human-readable form. */
export function outputFormat(value: string | undefined): OutputFormat {
  if (value === undefined) return 'table';
  if (value === 'json' || value === 'yaml') return value;
  throw new UsageError(`-o ${value}: expected json or yaml`);
}

/** Data for scripts: JSON indented as kubectl prints it, or YAML; ends with a newline. */
export function renderStructured(data: unknown, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(data, null, 4)}\n` : stringify(data, { lineWidth: 0 });
}
