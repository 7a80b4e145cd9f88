import { ageOf } from '../output/age.ts';
import { paintConditionStatus, type Style } from '../output/style.ts';
import { renderTable, type Cell } from '../output/table.ts';
import { describeNextRefresh } from './next-refresh.ts';
import { describeStores, type ExternalSecretSummary } from './summary.ts';

export interface StatusTableOptions {
  now: number;
  /** -A: a NAMESPACE column first. */
  withNamespace: boolean;
  style: Style;
  layout: 'aligned' | 'tab-separated';
  headers: boolean;
}

/** The table of `ferry status`. */
export function renderStatusTable(
  summaries: readonly ExternalSecretSummary[],
  options: StatusTableOptions,
): string {
  const { now, style } = options;
  const headers = ['NAME', 'STORE', 'READY', 'REASON', 'LAST SYNC', 'NEXT REFRESH'];
  const rows = summaries.map((summary): Cell[] => {
    const failing = summary.ready === 'False';
    const next = describeNextRefresh(summary.nextRefresh, now);
    return [
      summary.name,
      describeStores(summary.stores),
      { text: summary.ready, paint: (text) => paintConditionStatus(style, text) },
      { text: summary.reason ?? '<none>', paint: failing ? style.red : (text) => text },
      ageOf(summary.lastSync, now, 'never'),
      { text: next, paint: summary.nextRefresh.kind === 'retrying' ? style.yellow : (text) => text },
    ];
  });
  return renderTable(
    options.withNamespace ? ['NAMESPACE', ...headers] : headers,
    options.withNamespace ? rows.map((row, index) => [summaries[index]?.namespace ?? '', ...row]) : rows,
    { layout: options.layout, style, headers: options.headers },
  );
}
