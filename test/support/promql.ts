import { createMetricsRegistry, FerryMetrics } from '../../operator/metrics/index.ts';

// Words of PromQL that can stand where a metric name could.
const keywords = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/**
 * The metric names a PromQL expression reads. Strings, label matchers, ranges, grouping clauses and
 * function calls are not metric names; what is left is. Enough for the expressions of rules and
 * dashboards (promtool checks their syntax).
 */
export function metricNamesIn(expression: string): string[] {
  const stripped = expression
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/(?<![\w:.])([A-Za-z_:][\w:]*)(\s*\()?/g)) {
    const [, name, call] = match;
    if (name === undefined || call !== undefined || keywords.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}

/** Every series name Ferry's /metrics serves: its own metrics and Node's process metrics (histograms with their suffixes). */
export async function exportedMetricNames(): Promise<Set<string>> {
  const registry = createMetricsRegistry();
  new FerryMetrics(registry);
  const names = new Set<string>();
  for (const metric of await registry.getMetricsAsJSON()) {
    if (String(metric.type) === 'histogram') {
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
    } else {
      names.add(metric.name);
    }
  }
  return names;
}
