import { conditionReady } from '../../api/v1alpha1/index.ts';
import { ageOf } from '../output/age.ts';
import { paintConditionStatus, type Style } from '../output/style.ts';
import { renderTable } from '../output/table.ts';
import type { Explanation } from './explanation.ts';
import { describeNextRefresh } from './next-refresh.ts';
import { describeStores } from './summary.ts';

/** How long the data hash column is: enough to tell hashes apart by eye; -o json has the whole. */
const shortHash = 12;

/** `ferry explain` for people: a kubectl-describe-like page. Aligned on a terminal and in a pipe. */
export function renderExplanation(explanation: Explanation, options: { now: number; style: Style }): string {
  const { now, style } = options;
  const { spec, status } = explanation;
  const ready = status?.conditions?.find((condition) => condition.type === conditionReady);
  const next =
    explanation.nextRefresh.kind === 'scheduled'
      ? { kind: 'scheduled' as const, at: Date.parse(explanation.nextRefresh.at ?? '') }
      : { kind: explanation.nextRefresh.kind };
  const refresh =
    spec.refreshPolicy === 'Periodic' ? `Periodic, every ${spec.refreshInterval}` : spec.refreshPolicy;
  const target = [
    `creationPolicy ${spec.target.creationPolicy}`,
    `deletionPolicy ${spec.target.deletionPolicy}`,
    ...(spec.target.immutable ? ['immutable'] : []),
    ...(spec.target.templated
      ? [`templated${spec.target.templateType ? `, type ${spec.target.templateType}` : ''}`]
      : []),
  ];
  const fields: [string, string][] = [
    ['Name', explanation.name],
    ['Namespace', explanation.namespace],
    ['Created', timeAndAge(explanation.created ?? undefined, now)],
    ['Store', spec.stores.map((store) => `${store.kind}/${store.name}`).join(', ') || describeStores([])],
    ['Refresh', `${refresh} (next: ${describeNextRefresh(next, now)})`],
    ['Target', `Secret "${spec.target.name}" (${target.join(', ')})`],
    ['Data', describeData(spec)],
    [
      'Ready',
      ready
        ? `${paintConditionStatus(style, ready.status)}, ${ready.reason}: ${ready.message}`
        : style.yellow('Unknown') + ' (the operator has not written a status yet)',
    ],
    ['Last sync', status?.refreshTime ? timeAndAge(status.refreshTime, now) : 'never'],
    [
      'In sync',
      explanation.inSync
        ? 'yes'
        : style.yellow('no') +
          ': a change to its spec, labels or annotations (or a requested sync) waits for the operator',
    ],
  ];
  const width = Math.max(...fields.map(([label]) => label.length)) + 2;
  const sections = [fields.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}\n`).join('')];

  const conditions = status?.conditions ?? [];
  sections.push(
    section(
      style,
      'Conditions',
      conditions.length === 0
        ? '  none yet\n'
        : renderTable(
            ['TYPE', 'STATUS', 'REASON', 'AGE', 'MESSAGE'],
            conditions.map((condition) => [
              condition.type,
              { text: condition.status, paint: (text) => paintConditionStatus(style, text) },
              condition.reason,
              ageOf(condition.lastTransitionTime, now),
              condition.message,
            ]),
            { layout: 'aligned', style, indent: '  ' },
          ),
    ),
  );

  const history = status?.history ?? [];
  sections.push(
    section(
      style,
      'History (oldest first)',
      history.length === 0
        ? '  no syncs recorded yet\n'
        : renderTable(
            ['TIME', 'LAST', 'ACTION', 'REASON', 'COUNT', 'DATA HASH', 'REMOTE VERSIONS'],
            history.map((entry) => [
              entry.time,
              `${ageOf(entry.lastTime ?? entry.time, now)} ago`,
              {
                text: entry.drift ? `${entry.action} (${describeDrift(entry.drift)})` : entry.action,
                paint: entry.action === 'Failed' ? style.red : (text) => text,
              },
              entry.reason,
              String(entry.count ?? 1),
              entry.dataHash ? entry.dataHash.slice(0, shortHash) : '-',
              Object.entries(entry.remoteVersions ?? {})
                .map(([key, version]) => `${key}=${version}`)
                .join(', ') || '-',
            ]),
            { layout: 'aligned', style, indent: '  ' },
          ),
    ),
  );

  const events = explanation.events;
  sections.push(
    section(
      style,
      'Events (oldest first)',
      events === null
        ? `  cannot read them: ${explanation.eventsError ?? 'unknown error'}\n`
        : events.length === 0
          ? '  none (Kubernetes keeps Events for about an hour; the history above lasts)\n'
          : renderTable(
              ['TYPE', 'REASON', 'AGE', 'FROM', 'MESSAGE'],
              events.map((event) => [
                { text: event.type, paint: event.type === 'Warning' ? style.yellow : (text) => text },
                event.reason,
                `${ageOf(event.time, now)}${event.count > 1 ? ` (x${String(event.count)})` : ''}`,
                event.reportingController,
                event.note,
              ]),
              { layout: 'aligned', style, indent: '  ' },
            ),
    ),
  );
  return sections.join('\n');
}

/** What a Restored sync undid: `edited by "kubectl-edit"`, `deleted, by whom unrecorded`. */
function describeDrift(drift: { change?: string; fieldManager?: string | undefined }): string {
  const change = (drift.change ?? 'changed').toLowerCase();
  return drift.fieldManager === undefined
    ? `${change}, by whom unrecorded`
    : `${change} by ${JSON.stringify(drift.fieldManager)}`;
}

function section(style: Style, title: string, body: string): string {
  return `${style.bold(`${title}:`)}\n${body}`;
}

function timeAndAge(time: string | undefined, now: number): string {
  return time ? `${time} (${ageOf(time, now)} ago)` : '<unknown>';
}

function describeData(spec: Explanation['spec']): string {
  const entries = (count: number, kind: string): string =>
    `${String(count)} ${kind} ${count === 1 ? 'entry' : 'entries'}`;
  const dataFrom = spec.dataFrom.extract + spec.dataFrom.find;
  const kinds = [
    ...(spec.dataFrom.extract > 0 ? [`${String(spec.dataFrom.extract)} extract`] : []),
    ...(spec.dataFrom.find > 0 ? [`${String(spec.dataFrom.find)} find`] : []),
  ];
  return `${entries(spec.data, 'data')}, ${entries(dataFrom, 'dataFrom')}${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}`;
}
