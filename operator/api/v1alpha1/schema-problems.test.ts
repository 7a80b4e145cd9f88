import { describe, expect, it } from 'vitest';
import { ClusterSecretStore, ExternalSecret } from './index.ts';
import { schemaProblems } from './schema-problems.ts';

function problemsOf(schema: typeof ExternalSecret | typeof ClusterSecretStore, object: unknown): string {
  const parsed = schema.safeParse(object);
  if (parsed.success) throw new Error('expected the object to be refused');
  return schemaProblems(parsed.error);
}

describe('schemaProblems', () => {
  it('names each field from the object root, once, with list indexes as the API server writes them', () => {
    const problems = problemsOf(ExternalSecret, {
      apiVersion: 'ferry.dev/v1alpha1',
      kind: 'ExternalSecret',
      metadata: { name: 'app', namespace: 'team' },
      spec: {
        secretStoreRef: { name: 'store' },
        syncWindows: { kind: 'allow', windows: [{ schedule: '61 * * * *', duration: '1h' }] },
        data: [{ secretKey: 'k', remoteRef: { key: 'k' } }],
      },
    });
    expect(problems).toMatch(/^spec\.syncWindows\.windows\[0\]\.schedule: cron expression: /);
  });

  it('does the same for stores', () => {
    const problems = problemsOf(ClusterSecretStore, {
      apiVersion: 'ferry.dev/v1alpha1',
      kind: 'ClusterSecretStore',
      metadata: { name: 'shared' },
      spec: { provider: { fake: { data: [] } }, refreshInterval: -1 },
    });
    expect(problems).toMatch(/^spec\.refreshInterval: /);
  });
});
