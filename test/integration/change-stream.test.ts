// The change stream the ExternalSecret controller hears template ConfigMaps and Secrets change
// with, against the real API server: every add, change and delete, names only, nothing kept; and
// no continuity (so no cached read is trusted) while it cannot watch.
import { PassThrough } from 'node:stream';
import { CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChangeStream } from '../../operator/kube/index.ts';
import { createLogger } from '../../operator/logging/index.ts';
import {
  adminKubeConfig,
  createTestNamespace,
  deleteNamespace,
  serviceAccountKubeConfig,
} from '../support/cluster.ts';
import { eventually } from '../support/waiting.ts';

const admin = adminKubeConfig();
const core = admin.makeApiClient(CoreV1Api);
const log = createLogger({ level: 'error', format: 'json', stream: new PassThrough() });

describe('a change stream over ConfigMaps (real API server)', () => {
  let namespace: string;
  let stream: ChangeStream;
  const changes: string[] = [];

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'change-stream');
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'before' }, data: { a: '1' } },
    });
    stream = new ChangeStream(
      admin,
      { name: 'test-configmaps', path: `/api/v1/namespaces/${namespace}/configmaps` },
      log,
    );
    stream.onChange((changedNamespace, name) => changes.push(`${changedNamespace}/${name}`));
    await stream.start();
  });

  afterAll(async () => {
    await stream.stop();
    await deleteNamespace(admin, namespace);
  });

  it('starts from the present: what existed before is not reported', () => {
    expect(stream.hasSynced()).toBe(true);
    expect(stream.continuity()).toBe(1);
    expect(changes).toEqual([]);
  });

  it('reports each create, change and delete by namespace and name, and stays continuous', async () => {
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'tpl' }, data: { t: 'v1' } },
    });
    await vi.waitFor(() => expect(changes).toEqual([`${namespace}/tpl`]), eventually);
    await core.patchNamespacedConfigMap(
      { namespace, name: 'tpl', body: { data: { t: 'v2' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await vi.waitFor(() => expect(changes).toHaveLength(2), eventually);
    await core.deleteNamespacedConfigMap({ namespace, name: 'tpl' });
    await vi.waitFor(() => expect(changes).toEqual([1, 2, 3].map(() => `${namespace}/tpl`)), eventually);
    expect(stream.continuity()).toBe(1);
  });

  it('vouches for nothing once stopped', async () => {
    const other = new ChangeStream(
      admin,
      { name: 'short-lived', path: `/api/v1/namespaces/${namespace}/configmaps` },
      log,
    );
    await other.start();
    expect(other.continuity()).toBe(1);
    await other.stop();
    expect(other.continuity()).toBeUndefined();
  });

  it('vouches for nothing while it may not watch, and keeps retrying', async () => {
    const restarts: string[] = [];
    const forbidden = new ChangeStream(
      await serviceAccountKubeConfig(admin, namespace, 'no-rights'),
      {
        name: 'forbidden',
        path: `/api/v1/namespaces/${namespace}/configmaps`,
        onRestart: (name) => restarts.push(name),
      },
      log,
    );
    await forbidden.start();
    try {
      expect(forbidden.continuity()).toBeUndefined();
      expect(forbidden.hasSynced()).toBe(true);
      await vi.waitFor(() => expect(restarts.length).toBeGreaterThanOrEqual(2), eventually);
      expect(forbidden.continuity()).toBeUndefined();
    } finally {
      await forbidden.stop();
    }
  });
});
