import { describe, expect, it } from 'vitest';
import type { SecretStore } from '../../api/v1alpha1/index.ts';
import type { ClusterClient } from '../../kube/index.ts';
import { StoreClients } from './store-clients.ts';

/** The reads credential resolution and freshness make, at our own interface: one Secret of AWS keys. */
const kube = {
  readSecret: () =>
    Promise.resolve({
      metadata: { resourceVersion: '7' },
      data: {
        id: Buffer.from('AKIDEXAMPLE').toString('base64'),
        key: Buffer.from('not-a-key').toString('base64'),
      },
    }),
} as unknown as ClusterClient;

function awsStore(name: string): SecretStore {
  return {
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'SecretStore',
    metadata: { name, namespace: 'team-a', uid: `uid-${name}`, generation: 1 },
    spec: {
      provider: {
        aws: {
          service: 'SecretsManager',
          region: 'eu-west-1',
          // Never called: building a client makes no request.
          endpoint: 'http://127.0.0.1:1',
          auth: {
            secretRef: {
              accessKeyIDSecretRef: { name: 'aws', key: 'id' },
              secretAccessKeySecretRef: { name: 'aws', key: 'key' },
            },
          },
        },
      },
    },
  };
}

describe('StoreClients under a client cache bound', () => {
  it('counts the clients it builds and evicts, and keeps nothing else of a store it let go', async () => {
    const created: string[] = [];
    const evicted: string[] = [];
    const clients = new StoreClients(kube, {
      cacheBounds: { entries: 2, bytes: Number.POSITIVE_INFINITY },
      clientCache: {
        created: (provider) => created.push(provider),
        evicted: (bound) => evicted.push(bound),
      },
    });
    try {
      for (const name of ['a', 'b', 'c', 'd', 'e']) await clients.forStore(awsStore(name));
      expect(created).toEqual(['aws', 'aws', 'aws', 'aws', 'aws']);
      expect(evicted).toEqual(['entries', 'entries', 'entries']);
      expect(clients.cacheSize.entries).toBe(2);
      // The credential Secret each client came from is watched for rotation only while it is kept.
      expect(clients.credentialSourcesWatched).toBe(2);
      clients.forgetStore('SecretStore', 'team-a', 'e');
      expect(clients.credentialSourcesWatched).toBe(1);
    } finally {
      await clients.close();
    }
  });
});
