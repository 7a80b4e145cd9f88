// The informer the ExternalSecret controller watches its Secrets with, against the real API server:
// metadata only (no value is ever cached or sent), listed in pages, and still told of every change.
import { PassThrough } from 'node:stream';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SupervisedInformer, type SecretMetadata } from '../../operator/kube/index.ts';
import { createLogger } from '../../operator/logging/index.ts';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';
import { eventually } from '../support/waiting.ts';

const admin = adminKubeConfig();
const core = admin.makeApiClient(CoreV1Api);
const log = createLogger({ level: 'error', format: 'json', stream: new PassThrough() });
const value = (text: string): string => Buffer.from(text).toString('base64');

describe('a metadata-only informer over Secrets (real API server)', () => {
  let namespace: string;
  let informer: SupervisedInformer<SecretMetadata>;
  const events: { event: string; object: SecretMetadata }[] = [];

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'metadata-informer');
    for (let i = 0; i < 7; i++) {
      await core.createNamespacedSecret({
        namespace,
        body: {
          metadata: { name: `watched-${String(i)}`, labels: { watched: 'yes' } },
          data: { password: value(`secret-value-${String(i)}`) },
        },
      });
    }
    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'unlabelled' }, data: { password: value('other') } },
    });
    informer = new SupervisedInformer<SecretMetadata>(
      admin,
      {
        name: 'test-secrets',
        path: `/api/v1/namespaces/${namespace}/secrets`,
        labelSelector: 'watched=yes',
        metadataOnly: true,
        pageSize: 3,
      },
      log,
    );
    informer.onEvent((event, object) => events.push({ event, object }));
    await informer.start();
  });

  afterAll(async () => {
    await informer.stop();
    await deleteNamespace(admin, namespace);
  });

  it('lists every selected Secret across pages, as metadata without data or type', () => {
    expect(informer.hasSynced()).toBe(true);
    const names = informer.list(namespace).map((secret) => secret.metadata?.name);
    expect(names.sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `watched-${String(i)}`));
    for (const secret of informer.list(namespace)) {
      expect(secret.kind).toBe('PartialObjectMetadata');
      expect(Object.keys(secret).sort()).toEqual(['apiVersion', 'kind', 'metadata']);
      expect(secret.metadata?.managedFields).toBeUndefined();
      expect(secret.metadata?.labels).toEqual({ watched: 'yes' });
    }
    expect(JSON.stringify(informer.list(namespace))).not.toContain(value('secret-value-0'));
  });

  it('is told of a data change and a deletion, with metadata only', async () => {
    const before = informer.get('watched-3', namespace)?.metadata?.resourceVersion;
    await core.replaceNamespacedSecret({
      name: 'watched-3',
      namespace,
      body: {
        metadata: { name: 'watched-3', labels: { watched: 'yes' } },
        data: { password: value('changed-value') },
      },
    });
    await vi.waitFor(() => {
      expect(informer.get('watched-3', namespace)?.metadata?.resourceVersion).not.toBe(before);
    }, eventually);
    const update = events.find((e) => e.event === 'update' && e.object.metadata?.name === 'watched-3');
    expect(update?.object.kind).toBe('PartialObjectMetadata');
    expect(JSON.stringify(update?.object)).not.toContain(value('changed-value'));

    await core.deleteNamespacedSecret({ name: 'watched-5', namespace });
    await vi.waitFor(() => {
      expect(events.some((e) => e.event === 'delete' && e.object.metadata?.name === 'watched-5')).toBe(true);
    }, eventually);
    expect(informer.get('watched-5', namespace)).toBeUndefined();
  });
});
