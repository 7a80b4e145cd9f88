// The production build (`make build`: one minified bundle in dist/, the cloud SDKs loaded from
// node_modules when a store first needs them) runs and syncs like the sources do. `make bench`
// measures this build, so it must be the operator the tests know to work.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleMotoPort, seedMotoExampleData, startMotoServer } from '../provider-servers/moto/index.ts';
import type { ProviderServer } from '../provider-servers/types.ts';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';
import { syncFakeExample } from '../support/fake-example.ts';
import { applyObjects, loadExample } from '../support/manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from '../support/namespaced-operator.ts';
import type { OperatorProcess } from '../support/operator-process.ts';
import { decoded, readSecret, waitForReason } from '../support/waiting.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
const planted = [
  'fake-password-123',
  'aws-new-pass-Q2',
  'aws-old-pass-Q1',
  'aws-api-key-Q3',
  'tpl-db-pass-5150',
];

describe('the production build', () => {
  const admin = adminKubeConfig();
  let namespace: string;
  let operator: OperatorProcess;
  let moto: ProviderServer;
  let motoDir: string;

  beforeAll(async () => {
    const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    motoDir = mkdtempSync(join(tmpdir(), 'ferry-build-moto-'));
    moto = await startMotoServer({ dir: motoDir, detached: false });
    await seedMotoExampleData(moto.env);
    namespace = await createTestNamespace(admin, 'build');
    operator = await startNamespacedOperator(namespace, {}, join(repoRoot, 'dist', 'main.mjs'));
  });
  afterAll(async () => {
    await stopAndCheckOutput(operator, planted);
    await deleteNamespace(admin, namespace);
    await moto.stop();
    rmSync(motoDir, { recursive: true, force: true });
  });

  it('syncs examples/fake (bundled code)', async () => {
    const { secret } = await syncFakeExample(admin, namespace);
    expect(decoded(secret)).toMatchObject({
      password: 'fake-password-123',
    });
  });

  it('renders examples/templates/connection-string.yaml in a render worker (the bundled render-worker.mjs)', async () => {
    // Renamed, so that it does not meet the fake example's ExternalSecret and Secret.
    const externalSecret = loadExample('templates/connection-string.yaml', namespace).map((object) => {
      const renamed = object as { metadata: { name?: string }; spec: { target: { name?: string } } };
      renamed.metadata.name = 'app-db-url';
      renamed.spec.target.name = 'app-db-url';
      return object;
    });
    await applyObjects(admin, [...loadExample('templates/secret-store.yaml', namespace), ...externalSecret]);
    await waitForReason(admin, namespace, 'app-db-url', 'SecretSynced');
    const secret = await readSecret(admin, namespace, 'app-db-url');
    expect(decoded(secret)['DATABASE_URL']).toBe(
      'postgresql://app:tpl-db-pass-5150@db.internal.example:5432/billing?sslmode=require',
    );
    expect(secret?.metadata?.labels?.['db-user']).toBe('app');
  });

  it('syncs examples/aws from moto (a provider chunk loading its SDK from node_modules)', async () => {
    const endpoint = moto.env['AWS_ENDPOINT_URL'] ?? '';
    const objects = loadExample('aws/secret-store-moto.yaml', namespace).map((object) => {
      const text = JSON.stringify(object).replaceAll(`http://127.0.0.1:${String(exampleMotoPort)}`, endpoint);
      return JSON.parse(text) as typeof object;
    });
    // Renamed, so that it does not meet the fake example's ExternalSecret and Secret.
    const externalSecret = loadExample('aws/external-secret.yaml', namespace).map((object) => {
      const renamed = object as { metadata: { name?: string }; spec: { target: { name?: string } } };
      renamed.metadata.name = 'app-db-aws';
      renamed.spec.target.name = 'app-db-aws';
      return object;
    });
    await applyObjects(admin, [...objects, ...externalSecret]);
    await waitForReason(admin, namespace, 'app-db-aws', 'SecretSynced');
    expect(decoded(await readSecret(admin, namespace, 'app-db-aws'))).toMatchObject({
      password: 'aws-new-pass-Q2',
      'previous-password': 'aws-old-pass-Q1',
    });
  });
});
