// The gcpsm provider against a real Secret Manager server (drongo, REST, in memory; see
// test/provider-servers/gcp-secret-manager/provide.sh): the shared conformance cases, then what only
// this provider does (versions, find by tags and path, metadataPolicy, error mapping, auth).
//
// What the local server cannot show: Google's auth. drongo accepts any caller and has no STS, so
// service account keys and workload identity are tested up to the request that would leave this
// machine (the token Kubernetes issues, the plan built from it), never against an imitation of Google.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { PassThroughClient } from 'google-auth-library';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
// The conformance suite is test code, so it is not exported through providers/index.ts.
import { describeProviderConformance, selectNamesWhere } from '../../../operator/providers/conformance.ts';
import {
  InvalidConfigError,
  PropertyNotFoundError,
  ProviderError,
  SecretNotFoundError,
  UnavailableError,
  getProvider,
  type GCPSMProviderConfig,
  type Provider,
  type SecretsClient,
} from '../../../operator/providers/index.ts';
import { freeLoopbackPort } from '../../controlplane/index.ts';
import { startGcpSecretManagerServer } from '../../provider-servers/gcp-secret-manager/index.ts';
import type { ProviderServer } from '../../provider-servers/types.ts';
import {
  adminKubeConfig,
  createTestNamespace,
  deleteNamespace,
  jwtClaims,
  mintServiceAccountToken,
} from '../../support/cluster.ts';
import { testTransport } from '../../support/provider-transport.ts';

const gcpsm = getProvider('gcpsm') as Provider<GCPSMProviderConfig>;
const text = (value: Uint8Array): string => new TextDecoder().decode(value);
const signal = (): AbortSignal => new AbortController().signal;
const failureOf = (operation: Promise<unknown>): Promise<Error> =>
  operation.then(
    () => new Error('expected the call to fail'),
    (error: unknown) => error as Error,
  );

let server: ProviderServer;
let stateDir: string;
let seeder: SecretManagerServiceClient;
let project: string;
const clients: SecretsClient[] = [];

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'ferry-gcpsm-'));
  server = await startGcpSecretManagerServer({ dir: stateDir, detached: false });
  const [host, port] = (server.env['GCP_SECRETMANAGER_ENDPOINT'] ?? '').split(':');
  project = server.env['GCP_PROJECT'] ?? '';
  // Seeding goes through the same SDK a person would use, with no credentials for the emulator.
  seeder = new SecretManagerServiceClient({
    apiEndpoint: host ?? '',
    port: Number(port),
    fallback: true,
    protocol: 'http',
    projectId: project,
    authClient: new PassThroughClient(),
  });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await seeder.close();
  await server.stop();
  await rm(stateDir, { recursive: true, force: true });
});

/** The store block that reaches the test server: plaintext, REST, no credentials. */
function emulatorConfig(overrides: Record<string, unknown> = {}): GCPSMProviderConfig {
  return gcpsm.configSchema.parse({
    projectID: project,
    endpoint: `http://${server.env['GCP_SECRETMANAGER_ENDPOINT'] ?? ''}`,
    transport: server.env['GCP_SECRETMANAGER_TRANSPORT'],
    ...overrides,
  });
}

async function clientFor(config: GCPSMProviderConfig): Promise<SecretsClient> {
  expect(gcpsm.credentialRefs(config)).toEqual([]);
  const client = await gcpsm.newClient(config, {}, testTransport);
  clients.push(client);
  return client;
}

async function createSecret(
  id: string,
  values: string[],
  labels: Record<string, string> = {},
): Promise<void> {
  await seeder.createSecret({
    parent: `projects/${project}`,
    secretId: id,
    secret: { replication: { automatic: {} }, labels },
  });
  for (const value of values) {
    await seeder.addSecretVersion({
      parent: `projects/${project}/secrets/${id}`,
      payload: { data: Buffer.from(value, 'utf8') },
    });
  }
}

describeProviderConformance('gcpsm', () =>
  Promise.resolve({
    async seed(secrets) {
      await server.reset();
      // Secret Manager keeps one value per version: a structured secret is stored as JSON, as ESO expects.
      for (const [id, value] of Object.entries(secrets)) {
        await createSecret(id, [typeof value === 'string' ? value : JSON.stringify(value)]);
      }
      return gcpsm.newClient(emulatorConfig(), {}, testTransport);
    },
  }),
);

describe('gcpsm provider against a real Secret Manager server', () => {
  beforeEach(async () => {
    await server.reset();
  });

  it('reads the latest version by default, and a numbered one when asked', async () => {
    await createSecret('rotating', ['first-Vb2n', 'second-Kd7r']);
    const client = await clientFor(emulatorConfig());
    expect(text(await client.getSecret({ key: 'rotating' }, signal()))).toBe('second-Kd7r');
    expect(text(await client.getSecret({ key: 'rotating', version: 'latest' }, signal()))).toBe(
      'second-Kd7r',
    );
    expect(text(await client.getSecret({ key: 'rotating', version: '1' }, signal()))).toBe('first-Vb2n');
    const missingVersion = await failureOf(client.getSecret({ key: 'rotating', version: '9' }, signal()));
    expect(missingVersion).toBeInstanceOf(SecretNotFoundError);
    expect(missingVersion.message).toBe(
      `gcpsm: version "9" of secret "rotating" not found in project "${project}"`,
    );
  });

  it('maps a disabled version (FAILED_PRECONDITION) to a retryable provider error, not a missing secret', async () => {
    await createSecret('disabled', ['only-Pq3s', 'next-Tx5w']);
    await seeder.disableSecretVersion({ name: `projects/${project}/secrets/disabled/versions/1` });
    const client = await clientFor(emulatorConfig());
    const error = await failureOf(client.getSecret({ key: 'disabled', version: '1' }, signal()));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).not.toBeInstanceOf(SecretNotFoundError);
    expect(error).toMatchObject({ reason: 'ProviderError', retryable: true });
    expect(error.message).toContain('disabled or destroyed');
    expect(error.message).not.toContain('only-Pq3s');
  });

  it('narrows a JSON value with property and maps it with getSecretMap', async () => {
    await createSecret('db', [JSON.stringify({ user: 'app-Hd8w', pass: 'pass-Zm4q', port: 5432 })]);
    const client = await clientFor(emulatorConfig());
    expect(text(await client.getSecret({ key: 'db', property: 'pass' }, signal()))).toBe('pass-Zm4q');
    const map = await client.getSecretMap({ key: 'db' }, signal());
    expect(Object.fromEntries(Object.entries(map).map(([k, v]) => [k, text(v)]))).toEqual({
      user: 'app-Hd8w',
      pass: 'pass-Zm4q',
      port: '5432',
    });
  });

  it('finds by labels although the server ignores the list filter', async () => {
    await createSecret('api-prod', ['prod-key-Wc1x'], { env: 'prod', team: 'payments' });
    await createSecret('api-dev', ['dev-key-Gh6u'], { env: 'dev', team: 'payments' });
    await createSecret('web-prod', ['web-key-Nn2e'], { env: 'prod', team: 'web' });
    await createSecret('unlabelled', ['plain-Yb9c']);
    const client = await clientFor(emulatorConfig());
    const prod = await client.findSecrets({ tags: { env: 'prod' } }, signal());
    expect(Object.keys(prod).sort()).toEqual(['api-prod', 'web-prod']);
    expect(text(prod['api-prod'] ?? new Uint8Array())).toBe('prod-key-Wc1x');
    const payments = await client.findSecrets({ tags: { env: 'prod', team: 'payments' } }, signal());
    expect(Object.keys(payments)).toEqual(['api-prod']);
  });

  it('finds by path (a prefix of the secret id), alone and with a name', async () => {
    await createSecret('app-db', ['db-Rt4k']);
    await createSecret('app-cache', ['cache-Lp8m']);
    await createSecret('other-app-db', ['other-Qs3v']);
    const client = await clientFor(emulatorConfig());
    const app = await client.findSecrets({ path: 'app-' }, signal());
    expect(Object.keys(app).sort()).toEqual(['app-cache', 'app-db']);
    const named = await client.findSecrets(
      { path: 'app-', nameRegexp: 'db$', selectNames: selectNamesWhere((name) => name.endsWith('db')) },
      signal(),
    );
    expect(Object.keys(named)).toEqual(['app-db']);
  });

  it('skips a found secret that has no version yet, instead of failing the whole find', async () => {
    await createSecret('ready', ['ready-Fk2d'], { env: 'prod' });
    await createSecret('pending', [], { env: 'prod' });
    const client = await clientFor(emulatorConfig());
    expect(Object.keys(await client.findSecrets({ tags: { env: 'prod' } }, signal()))).toEqual(['ready']);
  });

  it('returns the labels with metadataPolicy Fetch, as ESO', async () => {
    await createSecret('labelled', ['value-Jm5t'], { env: 'prod', tier: 'gold' });
    const client = await clientFor(emulatorConfig());
    const fetch = (property?: string) =>
      client.getSecret({ key: 'labelled', metadataPolicy: 'Fetch', property }, signal());
    // This server does not keep annotations; the shape is ESO's all the same.
    expect(JSON.parse(text(await fetch()))).toEqual({
      annotations: {},
      labels: { env: 'prod', tier: 'gold' },
    });
    expect(JSON.parse(text(await fetch('labels')))).toEqual({ env: 'prod', tier: 'gold' });
    expect(text(await fetch('labels.tier'))).toBe('gold');
    expect(await failureOf(fetch('labels.missing'))).toBeInstanceOf(PropertyNotFoundError);
    const missing = await failureOf(client.getSecret({ key: 'absent', metadataPolicy: 'Fetch' }, signal()));
    expect(missing).toBeInstanceOf(SecretNotFoundError);
  });

  it('validates Ready against the server', async () => {
    const client = await clientFor(emulatorConfig());
    expect(await client.validate(signal())).toBe('Ready');
  });

  it('refuses a key that is not a secret id before calling the server', async () => {
    const client = await clientFor(emulatorConfig());
    expect(await failureOf(client.getSecret({ key: 'a/../../b' }, signal()))).toBeInstanceOf(
      InvalidConfigError,
    );
  });
});

describe('gcpsm provider when Secret Manager cannot answer', () => {
  let closedPort: number;
  let silent: Server;
  let silentPort: number;

  beforeAll(async () => {
    closedPort = await freeLoopbackPort();
    // Accepts connections and never answers: a hung server, for the call timeout.
    silent = createServer(() => undefined);
    silentPort = await freeLoopbackPort();
    await new Promise<void>((resolve) => silent.listen(silentPort, '127.0.0.1', resolve));
  });
  afterAll(() => {
    silent.close();
  });

  it.each(['gRPC', 'REST'])(
    'an unreachable server (%s) is UNAVAILABLE: retryable, and validate says so',
    async (transport) => {
      const client = await clientFor(
        emulatorConfig({ endpoint: `http://127.0.0.1:${String(closedPort)}`, transport }),
      );
      const error = await failureOf(client.getSecret({ key: 'any' }, signal()));
      expect(error).toBeInstanceOf(UnavailableError);
      expect(error).toMatchObject({ reason: 'Unavailable', retryable: true });
      expect(error.message).toContain(`127.0.0.1:${String(closedPort)}`);
      expect(await failureOf(client.validate(signal()))).toBeInstanceOf(UnavailableError);
    },
  );

  it('a server that never answers (gRPC) ends in DEADLINE_EXCEEDED, mapped to unavailable', async () => {
    const client = await clientFor(
      emulatorConfig({ endpoint: `http://127.0.0.1:${String(silentPort)}`, transport: 'gRPC' }),
    );
    const error = await failureOf(client.getSecret({ key: 'any' }, signal()));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toContain('DEADLINE_EXCEEDED');
  });

  it("the caller's signal ends a hung call at once", async () => {
    const client = await clientFor(
      emulatorConfig({ endpoint: `http://127.0.0.1:${String(silentPort)}`, transport: 'REST' }),
    );
    const controller = new AbortController();
    const started = Date.now();
    const pending = failureOf(client.getSecret({ key: 'any' }, controller.signal));
    setTimeout(() => {
      controller.abort();
    }, 200);
    expect(await pending).toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('gcpsm workload identity up to Google', () => {
  const admin = adminKubeConfig();
  let namespace: string;

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'provider-gcpsm');
    await admin
      .makeApiClient(CoreV1Api)
      .createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'ferry-gcp' } } });
  });
  afterAll(async () => {
    await deleteNamespace(admin, namespace);
  });

  it.each([
    [
      'workloadIdentity',
      {
        workloadIdentity: {
          serviceAccountRef: { name: 'ferry-gcp' },
          clusterLocation: 'europe-west1',
          clusterName: 'prod',
        },
      },
      ['acme-prod.svc.id.goog'],
    ],
    [
      'workloadIdentityFederation',
      {
        workloadIdentityFederation: {
          serviceAccountRef: { name: 'ferry-gcp', audiences: ['//iam.googleapis.com/projects/1/pool'] },
          audience: '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/k8s',
        },
      },
      ['//iam.googleapis.com/projects/1/pool'],
    ],
  ])('%s asks Kubernetes for a token with the audience Google checks', async (_method, auth, audiences) => {
    const config = gcpsm.configSchema.parse({ projectID: 'acme-prod', auth });
    const [ref] = gcpsm.credentialRefs(config);
    expect(ref).toMatchObject({
      name: 'subjectToken',
      kind: 'serviceAccountToken',
      serviceAccountName: 'ferry-gcp',
    });
    if (ref?.kind !== 'serviceAccountToken') throw new Error('expected a serviceAccountToken ref');
    expect(ref.audiences).toEqual(audiences);
    const token = await mintServiceAccountToken(admin, namespace, ref.serviceAccountName, {
      audiences: ref.audiences ?? [],
      expirationSeconds: 600,
    });
    expect(jwtClaims(token).aud).toEqual(audiences);
    // The client is built without a call to Google: STS is reached on the first read only.
    const client = await gcpsm.newClient(
      config,
      { subjectToken: new TextEncoder().encode(token) },
      testTransport,
    );
    await client.close();
  });
});

describe('gcpsm store admission by the API server', () => {
  const admin = adminKubeConfig();
  let namespace: string;
  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'provider-gcpsm-crd');
  });
  afterAll(async () => {
    await deleteNamespace(admin, namespace);
  });
  const apply = (name: string, gcpsmBlock: Record<string, unknown>) =>
    admin.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: 'ferry.dev',
      version: 'v1alpha1',
      namespace,
      plural: 'secretstores',
      body: {
        apiVersion: 'ferry.dev/v1alpha1',
        kind: 'SecretStore',
        metadata: { name },
        spec: { provider: { gcpsm: gcpsmBlock } },
      },
    });
  const keyRef = { secretRef: { secretAccessKeySecretRef: { name: 'gcp-key', key: 'key.json' } } };

  it('accepts an ESO store block, regional with a key', async () => {
    await expect(
      apply('eso', { projectID: 'acme', location: 'europe-west1', auth: keyRef }),
    ).resolves.toBeDefined();
  });

  it('refuses credentials over a plaintext endpoint, and two auth methods, saying how to fix it', async () => {
    const plaintext = await failureOf(
      apply('plaintext', { projectID: 'acme', endpoint: 'http://127.0.0.1:9090', auth: keyRef }),
    );
    expect(String((plaintext as { body?: unknown }).body)).toContain('never carries credentials');
    const twoMethods = await failureOf(
      apply('two', {
        projectID: 'acme',
        auth: { ...keyRef, workloadIdentity: { serviceAccountRef: { name: 'sa' } } },
      }),
    );
    expect(String((twoMethods as { body?: unknown }).body)).toContain('auth takes at most one of');
  });
});
