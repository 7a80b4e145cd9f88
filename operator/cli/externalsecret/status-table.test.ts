import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { styleFor } from '../output/style.ts';
import { forTerminal } from '../output/terminal-text.ts';
import { renderStatusTable } from './status-table.ts';
import type { ExternalSecretSummary } from './summary.ts';

const now = Date.parse('2026-03-01T12:00:00Z');
const summaries: ExternalSecretSummary[] = [
  {
    namespace: 'app',
    name: 'app-db',
    stores: [{ kind: 'SecretStore', name: 'fake' }],
    ready: 'True',
    reason: 'SecretSynced',
    message: 'Secret "app-db" created',
    lastSync: '2026-03-01T11:55:00Z',
    nextRefresh: { kind: 'scheduled', at: now + 42 * 60_000 },
  },
  {
    namespace: 'team-b',
    name: 'api-keys',
    stores: [
      { kind: 'ClusterSecretStore', name: 'vault' },
      { kind: 'SecretStore', name: 'aws' },
    ],
    ready: 'False',
    reason: 'ProviderError',
    message: 'timeout',
    lastSync: undefined,
    nextRefresh: { kind: 'retrying' },
  },
  {
    namespace: 'team-b',
    name: 'new-one',
    stores: [],
    ready: 'Unknown',
    reason: undefined,
    message: undefined,
    lastSync: undefined,
    nextRefresh: { kind: 'pending' },
  },
];

describe('renderStatusTable', () => {
  it('prints one tab-separated line per ExternalSecret when piped, with kubectl ages', () => {
    const text = renderStatusTable(summaries, {
      now,
      withNamespace: false,
      style: styleFor({ isTerminal: false, env: {} }),
      layout: 'tab-separated',
      headers: true,
    });
    expect(text.split('\n')).toEqual([
      'NAME\tSTORE\tREADY\tREASON\tLAST SYNC\tNEXT REFRESH',
      'app-db\tSecretStore/fake\tTrue\tSecretSynced\t5m\tin 42m',
      'api-keys\tClusterSecretStore/vault (+1)\tFalse\tProviderError\tnever\tretrying',
      'new-one\t<none>\tUnknown\t<none>\tnever\tpending',
      '',
    ]);
  });

  it('puts the namespace first for -A, aligns and colours on a terminal', () => {
    const text = forTerminal(
      renderStatusTable(summaries.slice(0, 2), {
        now,
        withNamespace: true,
        style: styleFor({ isTerminal: true, env: {} }),
        layout: 'aligned',
        headers: false,
      }),
    );
    expect(stripVTControlCharacters(text).split('\n')).toEqual([
      'app      app-db     SecretStore/fake                True    SecretSynced    5m      in 42m',
      'team-b   api-keys   ClusterSecretStore/vault (+1)   False   ProviderError   never   retrying',
      '',
    ]);
    expect(text).toContain('\u001b[31mFalse\u001b[39m');
    expect(text).toContain('\u001b[32mTrue\u001b[39m');
  });
});
