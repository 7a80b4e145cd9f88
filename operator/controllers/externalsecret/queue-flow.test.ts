import { describe, expect, it } from 'vitest';

import { queueFlowOf } from './queue-flow.ts';

describe('queueFlowOf', () => {
  const cache = new Map<string, { spec?: unknown }>([
    ['team/db', { spec: { secretStoreRef: { name: 'vault' } } }],
    ['team/shared', { spec: { secretStoreRef: { name: 'aws', kind: 'ClusterSecretStore' } } }],
    ['team/per-entry', { spec: { data: [{ sourceRef: { storeRef: { name: 'gcp' } } }] } }],
  ]);
  const flowOf = queueFlowOf((name, namespace) => cache.get(`${namespace}/${name}`));

  it('is the namespace, then the kind and name of the first store the ExternalSecret names', () => {
    expect(flowOf('team/db')).toEqual(['team', 'SecretStore/vault']);
    expect(flowOf('team/shared')).toEqual(['team', 'ClusterSecretStore/aws']);
    expect(flowOf('team/per-entry')).toEqual(['team', 'SecretStore/gcp']);
  });

  it('is the namespace alone for an ExternalSecret not in the cache', () => {
    expect(flowOf('team/gone')).toEqual(['team', '']);
    expect(flowOf('no-namespace')).toEqual(['']);
  });
});
