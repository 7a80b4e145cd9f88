import { describe, expect, it } from 'vitest';
import type { ExternalSecretView } from '../cluster/external-secret-view.ts';
import { styleFor } from '../output/style.ts';
import { renderExplanation } from './explain-document.ts';
import { explain } from './explanation.ts';
import { syncedVersionOf } from '../../api/v1alpha1/index.ts';

const now = Date.parse('2026-03-01T12:00:00Z');
const plain = styleFor({ isTerminal: false, env: {} });
const metadata = {
  name: 'app-db',
  namespace: 'app',
  uid: 'u-1',
  generation: 1,
  creationTimestamp: '2026-03-01T10:00:00Z',
};

const es: ExternalSecretView = {
  metadata,
  spec: {
    secretStoreRef: { name: 'fake', kind: 'SecretStore' },
    refreshPolicy: 'OnChange',
    refreshInterval: '1h',
    target: {
      name: 'db',
      creationPolicy: 'Owner',
      deletionPolicy: 'Retain',
      template: { type: 'kubernetes.io/tls' },
    },
    data: [{}, {}],
    dataFrom: [{ find: {} }],
  },
  status: {
    conditions: [
      {
        type: 'Ready',
        status: 'False',
        reason: 'InvalidSpec',
        message: 'spec.data.0: property "password" not found',
        lastTransitionTime: '2026-03-01T11:50:00Z',
      },
    ],
    refreshTime: '2026-03-01T11:00:00Z',
    syncedResourceVersion: syncedVersionOf(metadata),
    history: [
      {
        time: '2026-03-01T11:00:00Z',
        action: 'Created',
        reason: 'SecretSynced',
        dataHash: 'abcdef0123456789abcdef',
      },
      {
        time: '2026-03-01T11:20:00Z',
        action: 'Unchanged',
        reason: 'SecretSynced',
        dataHash: 'abcdef0123456789abcdef',
        count: 3,
        lastTime: '2026-03-01T11:40:00Z',
        remoteVersions: { '/db/host': 'v1' },
      },
      {
        time: '2026-03-01T11:45:00Z',
        action: 'Restored',
        reason: 'SecretSynced',
        dataHash: 'abcdef0123456789abcdef',
        drift: { change: 'Edited', fieldManager: 'kubectl-edit' },
      },
      {
        time: '2026-03-01T11:48:00Z',
        action: 'Restored',
        reason: 'SecretSynced',
        dataHash: 'abcdef0123456789abcdef',
        drift: { change: 'Deleted' },
      },
      { time: '2026-03-01T11:50:00Z', action: 'Failed', reason: 'InvalidSpec' },
    ],
  },
};

describe('renderExplanation', () => {
  it('shows the spec in short, the conditions, every history entry and the Events', () => {
    const events = [
      {
        type: 'Warning',
        reason: 'InvalidSpec',
        action: 'Failed',
        note: 'spec.data.0: property "password" not found',
        time: '2026-03-01T11:50:00Z',
        count: 2,
        reportingController: 'ferry.dev/externalsecret-controller',
      },
    ];
    const text = renderExplanation(explain(es, { events }, now), { now, style: plain });
    expect(text).toContain('Store:     SecretStore/fake\n');
    expect(text).toContain('Refresh:   OnChange (next: on change)\n');
    expect(text).toContain(
      'Target:    Secret "db" (creationPolicy Owner, deletionPolicy Retain, templated, type kubernetes.io/tls)\n',
    );
    expect(text).toContain('Data:      2 data entries, 1 dataFrom entry (1 find)\n');
    expect(text).toContain('Ready:     False, InvalidSpec: spec.data.0: property "password" not found\n');
    expect(text).toContain('Last sync: 2026-03-01T11:00:00Z (60m ago)\n');
    const history = text.slice(text.indexOf('History'), text.indexOf('Events'));
    expect(history.split('\n').slice(1, 7)).toEqual([
      '  TIME                   LAST      ACTION                                   REASON         COUNT   DATA HASH      REMOTE VERSIONS',
      '  2026-03-01T11:00:00Z   60m ago   Created                                  SecretSynced   1       abcdef012345   -',
      '  2026-03-01T11:20:00Z   20m ago   Unchanged                                SecretSynced   3       abcdef012345   /db/host=v1',
      '  2026-03-01T11:45:00Z   15m ago   Restored (edited by "kubectl-edit")      SecretSynced   1       abcdef012345   -',
      '  2026-03-01T11:48:00Z   12m ago   Restored (deleted, by whom unrecorded)   SecretSynced   1       abcdef012345   -',
      '  2026-03-01T11:50:00Z   10m ago   Failed                                   InvalidSpec    1       -              -',
    ]);
    expect(text).toContain(
      '  Warning   InvalidSpec   10m (x2)   ferry.dev/externalsecret-controller   spec.data.0',
    );
  });

  it('says when there are no Events, or why they could not be read', () => {
    expect(renderExplanation(explain(es, { events: [] }, now), { now, style: plain })).toContain(
      'Events (oldest first):\n  none (Kubernetes keeps Events for about an hour; the history above lasts)\n',
    );
    expect(
      renderExplanation(explain(es, { error: 'events.events.k8s.io is forbidden' }, now), {
        now,
        style: plain,
      }),
    ).toContain('Events (oldest first):\n  cannot read them: events.events.k8s.io is forbidden\n');
  });

  it('says when a change waits for the operator', () => {
    const changed = { ...es, metadata: { ...metadata, annotations: { 'ferry.dev/force-sync': 'now' } } };
    expect(renderExplanation(explain(changed, { events: [] }, now), { now, style: plain })).toContain(
      'In sync:   no: a change to its spec, labels or annotations (or a requested sync) waits for the operator\n',
    );
  });
});
