// The kubernetes provider against the run's real API server: the shared conformance cases, then
// what only this provider does (its ways to authenticate, RBAC, metadataPolicy, tags).
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Socket } from 'node:net';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
// The conformance suite is test code, so it is not exported through providers/index.ts.
import { describeProviderConformance, selectNamesWhere } from '../../../operator/providers/conformance.ts';
import {
  AuthError,
  FindBudgetExceededError,
  InvalidConfigError,
  PropertyNotFoundError,
  SecretNotFoundError,
  UnavailableError,
  getProvider,
  type KubernetesProviderConfig,
  type Provider,
  type ResolvedCredentials,
  type SecretsClient,
} from '../../../operator/providers/index.ts';
import { freeLoopbackPort } from '../../controlplane/index.ts';
import {
  adminKubeConfig,
  createSecretReader,
  createTestNamespace,
  deleteNamespace,
  mintServiceAccountToken,
} from '../../support/cluster.ts';
import { testTransport } from '../../support/provider-transport.ts';

const kubernetes = getProvider('kubernetes') as Provider<KubernetesProviderConfig>;
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (value: Uint8Array): string => new TextDecoder().decode(value);
const signal = (): AbortSignal => new AbortController().signal;
const fromBase64 = (data: string): string => Buffer.from(data, 'base64').toString('utf8');

/** The API server's URL and CA, and its admin's client certificate, from the run's kubeconfig. */
function adminConnection(admin: KubeConfig) {
  const cluster = admin.getCurrentCluster();
  const user = admin.getCurrentUser();
  if (!cluster?.caData || !user?.certData || !user.keyData) throw new Error('unexpected admin kubeconfig');
  return { server: cluster.server, caData: cluster.caData, certData: user.certData, keyData: user.keyData };
}

/** A ServiceAccount and, when `canRead`, a Role letting it get and list Secrets of the namespace. */
async function serviceAccountToken(admin: KubeConfig, namespace: string, name: string, canRead: boolean) {
  await createSecretReader(admin, namespace, name, canRead);
  return mintServiceAccountToken(admin, namespace, name);
}

async function createSecret(
  admin: KubeConfig,
  namespace: string,
  name: string,
  data: Record<string, string>,
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): Promise<void> {
  await admin.makeApiClient(CoreV1Api).createNamespacedSecret({
    namespace,
    body: { metadata: { name, ...metadata }, stringData: data },
  });
}

const admin = adminKubeConfig();
const connection = adminConnection(admin);
const namespaces: string[] = [];
afterAll(async () => {
  await Promise.all(namespaces.map((namespace) => deleteNamespace(admin, namespace)));
});

describeProviderConformance('kubernetes', async () => {
  const namespace = await createTestNamespace(admin, 'provider-kubernetes');
  namespaces.push(namespace);
  const token = await serviceAccountToken(admin, namespace, 'reader', true);
  return {
    async seed(secrets) {
      for (const [name, value] of Object.entries(secrets)) {
        await createSecret(admin, namespace, name, typeof value === 'string' ? { value } : value);
      }
      const config = kubernetes.configSchema.parse({
        server: { url: connection.server, caBundle: connection.caData },
        auth: { token: { bearerToken: { name: 'reader-token', key: 'token' } } },
        remoteNamespace: namespace,
      });
      expect(kubernetes.credentialRefs(config).map((ref) => ref.name)).toEqual(['token']);
      return kubernetes.newClient(config, { token: bytes(token) }, testTransport);
    },
    // A Secret is a map: a plain value is seeded under the data key `value`, and a property of
    // it is reached through that key, as ESO's `property: value.field` does.
    plainValueRef: (key, property) => ({
      key,
      property: property === undefined ? 'value' : `value.${property}`,
    }),
  };
});

describe('kubernetes provider against a real API server', () => {
  let namespace: string;
  let readerToken: string;
  let outsiderToken: string;
  const clients: SecretsClient[] = [];
  const configFor = (overrides: Record<string, unknown>): KubernetesProviderConfig =>
    kubernetes.configSchema.parse({
      server: { url: connection.server, caBundle: connection.caData },
      remoteNamespace: namespace,
      ...overrides,
    });
  const clientFor = async (overrides: Record<string, unknown>, credentials: ResolvedCredentials) => {
    const client = await kubernetes.newClient(configFor(overrides), credentials, testTransport);
    clients.push(client);
    return client;
  };
  const tokenAuth = { auth: { token: { bearerToken: { name: 'creds', key: 'token' } } } };
  const failureOf = (operation: Promise<unknown>): Promise<Error> =>
    operation.then(
      () => new Error('expected the call to fail'),
      (error: unknown) => error as Error,
    );

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'provider-kubernetes');
    namespaces.push(namespace);
    readerToken = await serviceAccountToken(admin, namespace, 'reader', true);
    outsiderToken = await serviceAccountToken(admin, namespace, 'outsider', false);
    await createSecret(
      admin,
      namespace,
      'labelled',
      { password: 'labelled-pass-Tq2' },
      {
        labels: { team: 'payments', tier: 'gold' },
        annotations: { owner: 'alice', settings: '{"rotation":"30d"}' },
      },
    );
    await createSecret(admin, namespace, 'unlabelled', { password: 'unlabelled-pass-Ud7' });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
  });

  it('authenticates as a ServiceAccount with a token minted by TokenRequest', async () => {
    const overrides = { auth: { serviceAccount: { name: 'reader' } } };
    expect(kubernetes.credentialRefs(configFor(overrides))).toEqual([
      {
        name: 'token',
        kind: 'serviceAccountToken',
        serviceAccountName: 'reader',
        namespace: undefined,
        audiences: undefined,
      },
    ]);
    const client = await clientFor(overrides, {
      token: bytes(await mintServiceAccountToken(admin, namespace, 'reader')),
    });
    expect(text(await client.getSecret({ key: 'labelled', property: 'password' }, signal()))).toBe(
      'labelled-pass-Tq2',
    );
  });

  it('authenticates with a client certificate', async () => {
    const client = await clientFor(
      {
        auth: {
          cert: { clientCert: { name: 'tls', key: 'tls.crt' }, clientKey: { name: 'tls', key: 'tls.key' } },
        },
      },
      {
        clientCert: bytes(fromBase64(connection.certData)),
        clientKey: bytes(fromBase64(connection.keyData)),
      },
    );
    expect(await client.validate(signal())).toBe('Ready');
    expect(text(await client.getSecret({ key: 'unlabelled', property: 'password' }, signal()))).toBe(
      'unlabelled-pass-Ud7',
    );
  });

  it('trusts the CA of caProvider', async () => {
    const client = await clientFor(
      {
        server: {
          url: connection.server,
          caProvider: { type: 'ConfigMap', name: 'cluster-ca', key: 'ca.crt' },
        },
        ...tokenAuth,
      },
      { ca: bytes(fromBase64(connection.caData)), token: bytes(readerToken) },
    );
    expect(await client.validate(signal())).toBe('Ready');
  });

  it('connects with the kubeconfig of authRef', async () => {
    const kubeconfig = stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'remote',
      clusters: [
        {
          name: 'remote',
          cluster: { server: connection.server, 'certificate-authority-data': connection.caData },
        },
      ],
      users: [{ name: 'reader', user: { token: readerToken } }],
      contexts: [{ name: 'remote', context: { cluster: 'remote', user: 'reader' } }],
    });
    const client = await clientFor(
      { authRef: { name: 'remote-cluster', key: 'kubeconfig' } },
      { kubeconfig: bytes(kubeconfig) },
    );
    expect(text(await client.getSecret({ key: 'labelled', property: 'password' }, signal()))).toBe(
      'labelled-pass-Tq2',
    );
  });

  it('aborting the signal cancels a request in flight', async () => {
    const client = await clientFor(tokenAuth, { token: bytes(readerToken) });
    const controller = new AbortController();
    const reading = client.getSecret({ key: 'labelled', property: 'password' }, controller.signal);
    controller.abort();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('with metadataPolicy Fetch, reads labels and annotations', async () => {
    const client = await clientFor(tokenAuth, { token: bytes(readerToken) });
    const all = await client.getSecret({ key: 'labelled', metadataPolicy: 'Fetch' }, signal());
    expect(JSON.parse(text(all))).toEqual({
      labels: { team: 'payments', tier: 'gold' },
      annotations: { owner: 'alice', settings: '{"rotation":"30d"}' },
    });
    const fetch = async (property: string) =>
      text(await client.getSecret({ key: 'labelled', metadataPolicy: 'Fetch', property }, signal()));
    expect(await fetch('labels.team')).toBe('payments');
    expect(await fetch('annotations.settings.rotation')).toBe('30d');
    await expect(fetch('labels.missing')).rejects.toBeInstanceOf(PropertyNotFoundError);
  });

  it('finds Secrets by tags, as a label selector', async () => {
    const client = await clientFor(tokenAuth, { token: bytes(readerToken) });
    const found = await client.findSecrets({ tags: { team: 'payments' } }, signal());
    expect(Object.keys(found)).toEqual(['labelled']);
    expect(JSON.parse(text(found['labelled'] ?? bytes('')))).toEqual({ password: 'labelled-pass-Tq2' });
    expect(
      await client.findSecrets(
        { tags: { team: 'payments' }, selectNames: selectNamesWhere(() => false) },
        signal(),
      ),
    ).toEqual({});
  });

  it('an identity without RBAC gets AuthError, and validate reports Error', async () => {
    const client = await clientFor(tokenAuth, { token: bytes(outsiderToken) });
    const errors = await Promise.all(
      [
        client.getSecret({ key: 'labelled', property: 'password' }, signal()),
        client.findSecrets({ selectNames: selectNamesWhere(() => true) }, signal()),
      ].map(failureOf),
    );
    for (const error of errors) {
      expect(error).toBeInstanceOf(AuthError);
      expect(error).toMatchObject({ reason: 'AuthFailed', retryable: true });
      expect(error.message).not.toContain(outsiderToken);
      expect(error.message).not.toContain('labelled-pass-Tq2');
    }
    expect(await client.validate(signal())).toBe('Error');
  });

  it('a token the server does not accept is an AuthError, also from validate', async () => {
    const client = await clientFor(tokenAuth, { token: bytes('not-a-real-token-Kd8') });
    const errors = await Promise.all(
      [client.getSecret({ key: 'labelled' }, signal()), client.validate(signal())].map(failureOf),
    );
    for (const error of errors) {
      expect(error).toBeInstanceOf(AuthError);
      expect(error.message).toContain('401 Unauthorized');
      expect(error.message).not.toContain('not-a-real-token-Kd8');
    }
  });

  it('a server whose certificate the configured CA does not trust is an InvalidConfigError', async () => {
    const client = await clientFor(
      { server: { url: connection.server }, ...tokenAuth },
      { token: bytes(readerToken) },
    );
    const error = await failureOf(client.getSecret({ key: 'labelled' }, signal()));
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(error.message).toMatch(/cannot verify the TLS certificate of the API server at 127\.0\.0\.1:\d+/);
  });

  it('a server nobody listens on is UnavailableError', async () => {
    const port = await freeLoopbackPort();
    const client = await clientFor(
      { server: { url: `https://127.0.0.1:${port}`, caBundle: connection.caData }, ...tokenAuth },
      { token: bytes(readerToken) },
    );
    const error = await failureOf(client.getSecret({ key: 'labelled' }, signal()));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toBe(`kubernetes: cannot reach the API server at 127.0.0.1:${port} (ECONNREFUSED)`);
  });

  it("a Secret of the identity's namespace that does not exist is SecretNotFoundError", async () => {
    const client = await clientFor(tokenAuth, { token: bytes(readerToken) });
    await expect(client.getSecret({ key: 'absent' }, signal())).rejects.toThrow(
      new SecretNotFoundError(`kubernetes: secret "absent" not found in namespace "${namespace}"`),
    );
  });
});

/**
 * A TCP pass-through to the API server that counts the bytes the server sends: what a client that
 * connects through it has loaded, TLS and all. It forwards bytes, it speaks no protocol.
 */
async function byteCountingProxy(): Promise<{
  url: string;
  received: () => number;
  close: () => Promise<void>;
}> {
  const upstream = new URL(connection.server);
  let received = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const toServer = connect(Number(upstream.port), upstream.hostname);
    for (const socket of [client, toServer]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    toServer.on('data', (chunk: Buffer) => (received += chunk.length));
    client.pipe(toServer).pipe(client);
  });
  const port = await freeLoopbackPort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `https://${upstream.hostname}:${String(port)}`,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('kubernetes provider find within its budget (real API server)', () => {
  const secretCount = 30;
  const valueBytes = 200 * 1024;
  let client: SecretsClient;
  let proxy: Awaited<ReturnType<typeof byteCountingProxy>>;

  beforeAll(async () => {
    const namespace = await createTestNamespace(admin, 'provider-kubernetes-find');
    namespaces.push(namespace);
    const token = await serviceAccountToken(admin, namespace, 'reader', true);
    const core = admin.makeApiClient(CoreV1Api);
    // Random, so that the API server's gzip cannot shrink what a full list would send.
    const large = randomBytes(valueBytes).toString('base64');
    await Promise.all(
      Array.from({ length: secretCount }, (_, index) =>
        core.createNamespacedSecret({
          namespace,
          body: {
            metadata: { name: `large-${String(index).padStart(2, '0')}`, labels: { size: 'large' } },
            data: { blob: large },
          },
        }),
      ),
    );
    await createSecret(admin, namespace, 'small-one', { constructor: 'c', toString: 't' });
    proxy = await byteCountingProxy();
    client = await kubernetes.newClient(
      kubernetes.configSchema.parse({
        server: { url: proxy.url, caBundle: connection.caData },
        auth: { token: { bearerToken: { name: 'token', key: 'token' } } },
        remoteNamespace: namespace,
      }),
      { token: bytes(token) },
      testTransport,
    );
  });
  afterAll(async () => {
    await client.close();
    await proxy.close();
  });

  it(`loads no values for a find that matches none of ${String(secretCount)} large Secrets`, async () => {
    const before = proxy.received();
    const found = await client.findSecrets(
      {
        nameRegexp: '^nothing-',
        selectNames: selectNamesWhere((name) => name.startsWith('nothing-')),
        maxBytes: 1024 * 1024,
      },
      signal(),
    );
    const served = proxy.received() - before;
    expect(found).toEqual({});
    // The values alone are 30 × 200 KiB (more in base64); names and labels are a few KiB.
    expect(served).toBeLessThan(valueBytes);
  });

  it('reads the Secrets a find matches, keys such as constructor included', async () => {
    const found = await client.findSecrets(
      { selectNames: selectNamesWhere((name) => name.startsWith('small-')), maxBytes: 1024 * 1024 },
      signal(),
    );
    expect(Object.keys(found)).toEqual(['small-one']);
    expect(JSON.parse(text(found['small-one'] ?? new Uint8Array()))).toEqual({
      constructor: 'c',
      toString: 't',
    });
  });

  it('stops with FindBudgetExceededError once the matches hold more than maxBytes', async () => {
    const error = await client.findSecrets({ tags: { size: 'large' }, maxBytes: 1024 * 1024 }, signal()).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(FindBudgetExceededError);
    expect((error as Error).message).toMatch(
      /^kubernetes: dataFrom\.find matches Secrets in namespace "provider-kubernetes-find-[^"]+" holding more than 1 MiB, the most one find may load; narrow it with name\.regexp, tags or path$/,
    );
  });
});
