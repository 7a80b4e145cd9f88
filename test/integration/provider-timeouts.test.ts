// Timeouts that fit, for every provider through the store-client layer: a server that accepts
// connections and never answers costs a call the response timeout (or, behind TLS, the connect
// timeout, since the handshake never completes); a closed port is reported at once. Each failure is
// an UnavailableError naming the server. The stores are real SecretStore objects whose credentials
// the layer reads from the run's API server; the "servers" are plain loopback TCP listeners.
import { createServer, type Server, type Socket } from 'node:net';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretStore } from '../../operator/api/v1alpha1/index.ts';
import { StoreClients } from '../../operator/controllers/store-clients/index.ts';
import { ClusterClient } from '../../operator/kube/index.ts';
import { UnavailableError } from '../../operator/providers/index.ts';
import { freeLoopbackPort } from '../controlplane/index.ts';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from '../support/cluster.ts';

const timeouts = { connectMs: 1_000, responseMs: 2_000, syncMs: 6_000 };
const signal = () => new AbortController().signal;

let namespace: string;
let silentPort: number;
let closedPort: number;
let silent: Server;
const accepted: Socket[] = [];
const admin = adminKubeConfig();
const clients = new StoreClients(new ClusterClient(admin, 'provider-timeouts-test'), { timeouts });

beforeAll(async () => {
  namespace = await createTestNamespace(admin, 'provider-timeouts');
  await admin.makeApiClient(CoreV1Api).createNamespacedSecret({
    namespace,
    body: {
      metadata: { name: 'creds' },
      stringData: { id: 'AKIAFERRYTEST', secret: 'not-a-secret', token: 'not-a-token' },
    },
  });
  silent = createServer((socket) => accepted.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as { port: number }).port;
  closedPort = await freeLoopbackPort();
});

afterAll(async () => {
  await clients.close();
  for (const socket of accepted) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  await deleteNamespace(admin, namespace);
});

let generation = 0;
function store(provider: Record<string, unknown>): SecretStore {
  generation += 1;
  return {
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'SecretStore',
    metadata: {
      name: `store-${String(generation)}`,
      namespace,
      uid: `uid-${String(generation)}`,
      generation: 1,
    },
    spec: { provider },
  } as unknown as SecretStore;
}

const providers: Record<string, (address: string, scheme: 'http' | 'https') => Record<string, unknown>> = {
  aws: (address, scheme) => ({
    aws: {
      service: 'SecretsManager',
      region: 'us-east-1',
      endpoint: `${scheme}://${address}`,
      auth: {
        secretRef: {
          accessKeyIDSecretRef: { name: 'creds', key: 'id' },
          secretAccessKeySecretRef: { name: 'creds', key: 'secret' },
        },
      },
    },
  }),
  vault: (address, scheme) => ({
    vault: {
      server: `${scheme}://${address}`,
      path: 'secret',
      auth: { tokenSecretRef: { name: 'creds', key: 'token' } },
    },
  }),
  kubernetes: (address) => ({
    kubernetes: {
      server: { url: `https://${address}` },
      remoteNamespace: 'default',
      auth: { token: { bearerToken: { name: 'creds', key: 'token' } } },
    },
  }),
  gcpsm: (address, scheme) => ({
    gcpsm: { projectID: 'p', endpoint: `${scheme}://${address}`, transport: 'REST' },
  }),
};

/** The failure of one read, and how long it took. */
async function failedRead(spec: Record<string, unknown>): Promise<{ error: unknown; ms: number }> {
  const client = await clients.forStore(store(spec));
  const started = performance.now();
  const error = await client.getSecret({ key: 'k' }, signal()).then(
    () => new Error('read succeeded'),
    (failure: unknown) => failure,
  );
  return { error, ms: performance.now() - started };
}

// Not every case applies to every provider; those left out are not generated (not skipped): the
// kubernetes provider speaks only TLS, and Google's SDK owns its connections (no connect timeout).
const speaksPlaintext = Object.keys(providers).filter((name) => name !== 'kubernetes');
const connectTimed = Object.keys(providers).filter((name) => name !== 'gcpsm');
const specOf = (name: string) => providers[name] as (typeof providers)[string];

describe.each(speaksPlaintext)('%s: a server that accepts and never answers', (name) => {
  it('is Unavailable within the response timeout', async () => {
    const { error, ms } = await failedRead(specOf(name)(`127.0.0.1:${String(silentPort)}`, 'http'));
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as Error).message).toMatch(
      new RegExp(`^${name} at .*127\\.0\\.0\\.1:${String(silentPort)}.* did not answer within 2 s$`),
    );
    // The response timeout ended it, not the adapters' own 15-30 s ones (generous: a loaded machine).
    expect(ms).toBeGreaterThanOrEqual(timeouts.responseMs - 50);
    expect(ms).toBeLessThan(timeouts.responseMs + 8_000);
  });
});

describe.each(connectTimed)('%s: a TLS server that never completes the handshake', (name) => {
  it('is Unavailable within the connect timeout', async () => {
    const { error, ms } = await failedRead(specOf(name)(`127.0.0.1:${String(silentPort)}`, 'https'));
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as Error).message).toBe(
      `${name} at 127.0.0.1:${String(silentPort)}: connection to 127.0.0.1:${String(silentPort)} not established within 1 s`,
    );
    // Before the response timeout: the connect timeout ended it (undici's timers are coarse).
    expect(ms).toBeLessThan(timeouts.responseMs);
  });
});

describe.each(Object.keys(providers))('%s: a closed port', (name) => {
  it('is Unavailable before any timeout, naming the server', async () => {
    const { error, ms } = await failedRead(
      specOf(name)(`127.0.0.1:${String(closedPort)}`, speaksPlaintext.includes(name) ? 'http' : 'https'),
    );
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as Error).message).toContain(`127.0.0.1:${String(closedPort)}`);
    expect(ms).toBeLessThan(timeouts.responseMs);
  });
});
