// Everything `ferry migrate` prints for the migrate corpus is accepted by a real API server with the
// CRDs of crds/ (server-side apply, dry run), and kept whole: no field it printed is pruned.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { KubernetesObjectApi, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../../support/cluster.ts';
import { ferry } from './ferry-process.ts';

const corpusDir = join(import.meta.dirname, '..', '..', 'fixtures', 'migrate');
const inputs = readdirSync(corpusDir)
  .filter((file) => file.endsWith('.yaml') && !file.endsWith('.expected.yaml'))
  .sort();
/** The corpus' KES environment settings (its *.args files), for one run over every input. */
const kesEnvironment = readdirSync(corpusDir)
  .filter((file) => file.endsWith('.args'))
  .flatMap((file) => readFileSync(join(corpusDir, file), 'utf8').split('\n').filter(Boolean));

type Manifest = KubernetesObject & { spec?: unknown };

/** Paths of the leaves of `sent` that `stored` lacks. */
function prunedFields(sent: unknown, stored: unknown, path = ''): string[] {
  if (typeof sent !== 'object' || sent === null) return stored === undefined ? [path] : [];
  if (typeof stored !== 'object' || stored === null) return [path];
  return Object.entries(sent).flatMap(([key, value]) =>
    prunedFields(value, (stored as Record<string, unknown>)[key], `${path}.${key}`),
  );
}

describe('ferry migrate output on a real API server', () => {
  const admin = adminKubeConfig();
  const objects = KubernetesObjectApi.makeApiClient(admin);
  let namespace: string;
  let migrated: Manifest[];

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'migrate');
    const run = await ferry([
      'migrate',
      ...inputs.flatMap((file) => ['-f', join(corpusDir, file)]),
      '--only-converted',
      '-o',
      'json',
      ...kesEnvironment,
    ]);
    // The corpus has unsupported objects on purpose: the run reports them and exits 1.
    expect(run.code, run.stderr).toBe(1);
    migrated = (JSON.parse(run.stdout) as { items: Manifest[] }).items;
  });
  afterAll(async () => {
    await deleteNamespace(admin, namespace);
  });

  it('converts the corpus into Ferry objects only', () => {
    expect(migrated.length).toBeGreaterThanOrEqual(40);
    expect(new Set(migrated.map((object) => object.apiVersion))).toEqual(new Set(['ferry.dev/v1alpha1']));
  });

  it('has every object admitted by server-side apply (dry run), with no field pruned', async () => {
    const refused: string[] = [];
    for (const object of migrated) {
      const placed: Manifest = object.kind?.startsWith('Cluster')
        ? object
        : { ...object, metadata: Object.assign({}, object.metadata, { namespace }) };
      const name = `${object.kind ?? ''} ${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
      try {
        const stored = await objects.patch(
          placed,
          undefined,
          'All',
          'ferry-migrate-test',
          true,
          PatchStrategy.ServerSideApply,
        );
        const pruned = prunedFields(placed.spec, stored.spec, 'spec');
        if (pruned.length > 0) refused.push(`${name}: pruned ${pruned.join(', ')}`);
      } catch (error) {
        const body = (error as { body?: unknown }).body;
        refused.push(`${name}: ${typeof body === 'string' ? body : String(error)}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
