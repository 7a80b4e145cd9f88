// The vault provider against a real OpenBao dev server: the shared conformance cases, then what
// only this provider does (KV versions, KV v1, find by path and tags, namespaces, every auth method
// the server can exercise, TLS, token renewal), with the run's real API server behind Kubernetes
// and JWT auth.
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CoreV1Api,
  KubernetesObjectApi,
  OpenidApi,
  RbacAuthorizationV1Api,
  WellKnownApi,
  type KubeConfig,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The conformance suite is test code, so it is not exported through providers/index.ts.
import { describeProviderConformance, selectNamesWhere } from '../../../operator/providers/conformance.ts';
import {
  AuthError,
  InvalidConfigError,
  PropertyNotFoundError,
  ProviderError,
  SecretNotFoundError,
  UnavailableError,
  getProvider,
  type Provider,
  type ResolvedCredentials,
  type SecretsClient,
  type VaultProviderConfig,
} from '../../../operator/providers/index.ts';
import { freeLoopbackPort } from '../../controlplane/index.ts';
import { openBaoAdmin, startOpenBaoServer, type OpenBaoAdmin } from '../../provider-servers/openbao/index.ts';
import type { ProviderServer } from '../../provider-servers/types.ts';
import {
  adminKubeConfig,
  createTestNamespace,
  deleteNamespace,
  mintServiceAccountToken,
} from '../../support/cluster.ts';
import { testTransport } from '../../support/provider-transport.ts';

const vault = getProvider('vault') as Provider<VaultProviderConfig>;
const bytes = (value: string): Uint8Array => new TextEncoder().encode(value);
const text = (value: Uint8Array): string => new TextDecoder().decode(value);
const signal = (): AbortSignal => new AbortController().signal;
const failureOf = (operation: Promise<unknown>): Promise<Error> =>
  operation.then(
    () => new Error('expected the call to fail, but it succeeded'),
    (error: unknown) => error as Error,
  );
const tokenAuth = { auth: { tokenSecretRef: { name: 'vault-token', key: 'token' } } };

let server: ProviderServer;
let admin: OpenBaoAdmin;
let serverDir: string;
const clients: SecretsClient[] = [];
const kube = adminKubeConfig();
const namespaces: string[] = [];
const clusterRoleBindings: string[] = [];

/** A client of `config`, closed after the file; credentials by the names of its CredentialRefs. */
async function clientFor(
  config: Record<string, unknown>,
  credentials: ResolvedCredentials,
): Promise<SecretsClient> {
  const client = await vault.newClient(vault.configSchema.parse(config), credentials, testTransport);
  clients.push(client);
  return client;
}

/** A token whose only policy reads (and lists) the given KV v2 mount. */
async function readerToken(mount: string, ttl?: string): Promise<string> {
  await admin.writePolicy(`read-${mount}`, readPolicy(mount));
  return admin.createToken([`read-${mount}`], ttl === undefined ? {} : { ttl });
}

function readPolicy(mount: string, prefix = ''): string {
  return [
    `path "${prefix}${mount}/data/*" { capabilities = ["read"] }`,
    `path "${prefix}${mount}/metadata/*" { capabilities = ["read", "list"] }`,
    // KV v1 mounts are read and listed at the mount itself.
    `path "${prefix}${mount}/*" { capabilities = ["read", "list"] }`,
  ].join('\n');
}

beforeAll(async () => {
  serverDir = mkdtempSync(join(tmpdir(), 'ferry-openbao-'));
  server = await startOpenBaoServer({ dir: serverDir, detached: false });
  admin = openBaoAdmin(server.env);
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await server.stop();
  rmSync(serverDir, { recursive: true, force: true });
  const rbac = kube.makeApiClient(RbacAuthorizationV1Api);
  await Promise.all(
    clusterRoleBindings.map((name) => rbac.deleteClusterRoleBinding({ name }).catch(() => undefined)),
  );
  await Promise.all(namespaces.map((namespace) => deleteNamespace(kube, namespace)));
});

describeProviderConformance('vault', () =>
  Promise.resolve({
    async seed(secrets) {
      await admin.mountKv('conformance', 2);
      // Vault keeps maps only: a plain value is seeded as the field `value`.
      for (const [key, value] of Object.entries(secrets)) {
        await admin.writeKv2('conformance', key, typeof value === 'string' ? { value } : value);
      }
      const config = vault.configSchema.parse({
        server: server.env['VAULT_ADDR'],
        path: 'conformance',
        ...tokenAuth,
      });
      expect(vault.credentialRefs(config)).toEqual([
        { name: 'token', kind: 'secretKey', secretName: 'vault-token', key: 'token', namespace: undefined },
      ]);
      return vault.newClient(config, { token: bytes(await readerToken('conformance')) }, testTransport);
    },
    plainValueRef: (key, property) => ({
      key,
      property: property === undefined ? 'value' : `value.${property}`,
    }),
  }),
);

describe('vault provider: the KV v2 engine', () => {
  let client: SecretsClient;
  beforeAll(async () => {
    await admin.mountKv('kv2', 2);
    await admin.writeKv2('kv2', 'rotated', { password: 'first-pass-Gq1' });
    await admin.writeKv2('kv2', 'rotated', { password: 'second-pass-Hw2' });
    await admin.writeKv2('kv2', 'apps/billing/db', { user: 'billing-user-Tz4' });
    await admin.writeKv2('kv2', 'apps/billing/api', { key: 'billing-key-Pm7' });
    await admin.writeKv2('kv2', 'apps/web', { key: 'web-key-Cc3' });
    await admin.writeKv2('kv2', 'other/unrelated', { key: 'other-key-Lb8' });
    await admin.writeKv2('kv2', 'gone', { key: 'gone-key-Jf5' });
    await admin.request('DELETE', 'kv2/data/gone');
    await admin.request('POST', 'kv2/metadata/apps/billing/db', {
      custom_metadata: { team: 'billing', tier: 'gold' },
    });
    await admin.request('POST', 'kv2/metadata/apps/web', { custom_metadata: { team: 'web', tier: 'gold' } });
    client = await clientFor(
      { server: server.env['VAULT_ADDR'], path: 'kv2', ...tokenAuth },
      {
        token: bytes(await readerToken('kv2')),
      },
    );
  });

  it('reads the latest version, or the one remoteRef.version names', async () => {
    const read = async (version?: string) =>
      text(await client.getSecret({ key: 'rotated', property: 'password', version }, signal()));
    expect(await read()).toBe('second-pass-Hw2');
    expect(await read('1')).toBe('first-pass-Gq1');
    expect(await read('2')).toBe('second-pass-Hw2');
    const missing = await failureOf(read('9'));
    expect(missing).toBeInstanceOf(SecretNotFoundError);
    expect(missing.message).toContain('version 9');
    const malformed = await failureOf(read('latest'));
    expect(malformed).toBeInstanceOf(InvalidConfigError);
    expect(malformed.message).toContain('expected a number');
  });

  it('a secret whose latest version is deleted is not found', async () => {
    const error = await failureOf(client.getSecret({ key: 'gone' }, signal()));
    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect(error.message).toContain('"gone"');
  });

  it('accepts keys that repeat the mount, as ESO does', async () => {
    for (const key of ['kv2/rotated', 'kv2/data/rotated']) {
      expect(text(await client.getSecret({ key, property: 'password' }, signal()))).toBe('second-pass-Hw2');
    }
  });

  it('without path, a key names its mount', async () => {
    const mountless = await clientFor(
      { server: server.env['VAULT_ADDR'], ...tokenAuth },
      {
        token: bytes(await readerToken('kv2')),
      },
    );
    expect(text(await mountless.getSecret({ key: 'kv2/apps/web', property: 'key' }, signal()))).toBe(
      'web-key-Cc3',
    );
    expect(text(await mountless.getSecret({ key: 'kv2/data/apps/web', property: 'key' }, signal()))).toBe(
      'web-key-Cc3',
    );
    await expect(
      mountless.findSecrets({ selectNames: selectNamesWhere(() => true) }, signal()),
    ).rejects.toBeInstanceOf(InvalidConfigError);
  });

  it('finds by name over a recursive listing, names being paths from the mount', async () => {
    const all = await client.findSecrets({ selectNames: selectNamesWhere(() => true) }, signal());
    // The deleted secret is listed by Vault but has no value: it is skipped.
    expect(Object.keys(all).sort()).toEqual([
      'apps/billing/api',
      'apps/billing/db',
      'apps/web',
      'other/unrelated',
      'rotated',
    ]);
    const billing = await client.findSecrets(
      { selectNames: selectNamesWhere((name) => name.startsWith('apps/billing/')) },
      signal(),
    );
    expect(Object.keys(billing).sort()).toEqual(['apps/billing/api', 'apps/billing/db']);
    expect(JSON.parse(text(billing['apps/billing/db'] ?? bytes('')))).toEqual({ user: 'billing-user-Tz4' });
  });

  it('find.path lists one folder only', async () => {
    const found = await client.findSecrets(
      { path: 'apps', selectNames: selectNamesWhere((name) => name.endsWith('db') || name.endsWith('web')) },
      signal(),
    );
    expect(Object.keys(found).sort()).toEqual(['apps/billing/db', 'apps/web']);
    expect(await client.findSecrets({ path: 'nothing-here' }, signal())).toEqual({});
  });

  it('finds by tags: KV v2 custom_metadata, every tag must match', async () => {
    const gold = await client.findSecrets({ tags: { tier: 'gold' } }, signal());
    expect(Object.keys(gold).sort()).toEqual(['apps/billing/db', 'apps/web']);
    const billing = await client.findSecrets({ tags: { tier: 'gold', team: 'billing' } }, signal());
    expect(Object.keys(billing)).toEqual(['apps/billing/db']);
    const narrowed = await client.findSecrets(
      { tags: { tier: 'gold' }, selectNames: selectNamesWhere((name) => name === 'apps/web') },
      signal(),
    );
    expect(Object.keys(narrowed)).toEqual(['apps/web']);
  });

  it('metadataPolicy Fetch reads custom_metadata and the version fields', async () => {
    const metadata: unknown = JSON.parse(
      text(await client.getSecret({ key: 'apps/web', metadataPolicy: 'Fetch' }, signal())),
    );
    expect(metadata).toMatchObject({ team: 'web', tier: 'gold', current_version: '1' });
    expect(
      text(await client.getSecret({ key: 'apps/web', metadataPolicy: 'Fetch', property: 'team' }, signal())),
    ).toBe('web');
    await expect(
      client.getSecret({ key: 'apps/web', metadataPolicy: 'Fetch', property: 'owner' }, signal()),
    ).rejects.toBeInstanceOf(PropertyNotFoundError);
    const map = await client.getSecretMap({ key: 'apps/billing/db', metadataPolicy: 'Fetch' }, signal());
    expect(text(map['team'] ?? bytes(''))).toBe('billing');
  });

  it('a path the token may not read is an AuthError; validate stays Ready', async () => {
    await admin.writeKv2('secret', 'forbidden', { key: 'forbidden-value-Xr2' });
    const other = await clientFor(
      { server: server.env['VAULT_ADDR'], path: 'secret', ...tokenAuth },
      {
        token: bytes(await readerToken('kv2')),
      },
    );
    const error = await failureOf(other.getSecret({ key: 'forbidden' }, signal()));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain('permission denied');
    expect(error.message).not.toContain('forbidden-value-Xr2');
    expect(await other.validate(signal())).toBe('Ready');
  });

  it('a mount that does not exist is an InvalidConfigError, not a missing secret', async () => {
    const misnamed = await clientFor(
      { server: server.env['VAULT_ADDR'], path: 'no-such-mount', ...tokenAuth },
      {
        token: bytes(server.env['VAULT_TOKEN'] ?? ''),
      },
    );
    const error = await failureOf(misnamed.getSecret({ key: 'rotated' }, signal()));
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(error).not.toBeInstanceOf(SecretNotFoundError);
  });

  it('refuses keys that would leave the mount', async () => {
    const error = await failureOf(client.getSecret({ key: '../sys/mounts' }, signal()));
    expect(error).toBeInstanceOf(InvalidConfigError);
  });

  it('aborting the signal stops waiting for a request in flight', async () => {
    const controller = new AbortController();
    const reading = client.getSecret({ key: 'rotated' }, controller.signal);
    controller.abort();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('vault provider: the KV v1 engine', () => {
  let client: SecretsClient;
  beforeAll(async () => {
    await admin.mountKv('kv1', 1);
    await admin.request('POST', 'kv1/db', { user: 'v1-user-Nd6', config: '{"host":"v1-host-Qa9"}' });
    await admin.request('POST', 'kv1/team/api', { key: 'v1-key-Ws3' });
    client = await clientFor(
      { server: server.env['VAULT_ADDR'], path: 'kv1', version: 'v1', ...tokenAuth },
      {
        token: bytes(await readerToken('kv1')),
      },
    );
  });

  it('reads fields, paths into JSON fields, and whole secrets', async () => {
    expect(text(await client.getSecret({ key: 'db', property: 'user' }, signal()))).toBe('v1-user-Nd6');
    expect(text(await client.getSecret({ key: 'db', property: 'config.host' }, signal()))).toBe(
      'v1-host-Qa9',
    );
    expect(JSON.parse(text(await client.getSecret({ key: 'team/api' }, signal())))).toEqual({
      key: 'v1-key-Ws3',
    });
    await expect(client.getSecret({ key: 'missing' }, signal())).rejects.toBeInstanceOf(SecretNotFoundError);
  });

  it('finds by name; versions, tags and metadata are KV v2 only', async () => {
    const found = await client.findSecrets({ selectNames: selectNamesWhere(() => true) }, signal());
    expect(Object.keys(found).sort()).toEqual(['db', 'team/api']);
    for (const failing of [
      client.getSecret({ key: 'db', version: '1' }, signal()),
      client.getSecret({ key: 'db', metadataPolicy: 'Fetch' }, signal()),
      client.findSecrets({ tags: { team: 'x' } }, signal()),
    ]) {
      expect(await failureOf(failing)).toBeInstanceOf(InvalidConfigError);
    }
  });
});

describe('vault provider: namespaces', () => {
  beforeAll(async () => {
    await admin.request('POST', 'sys/namespaces/team-a', {});
    await admin.mountKv('kv', 2, { namespace: 'team-a' });
    await admin.writeKv2('kv', 'app', { password: 'namespaced-pass-Ug3' }, { namespace: 'team-a' });
  });

  it('reads from the namespace the store names, sent as X-Vault-Namespace', async () => {
    await admin.writePolicy('read-kv', readPolicy('kv'), { namespace: 'team-a' });
    const token = await admin.createToken(['read-kv'], {}, { namespace: 'team-a' });
    const client = await clientFor(
      { server: server.env['VAULT_ADDR'], namespace: 'team-a', path: 'kv', ...tokenAuth },
      {
        token: bytes(token),
      },
    );
    expect(text(await client.getSecret({ key: 'app', property: 'password' }, signal()))).toBe(
      'namespaced-pass-Ug3',
    );
    expect(await client.validate(signal())).toBe('Ready');
    // Without the namespace the same path is a mount of the root namespace, which has none.
    const rootClient = await clientFor(
      { server: server.env['VAULT_ADDR'], path: 'kv', ...tokenAuth },
      {
        token: bytes(server.env['VAULT_TOKEN'] ?? ''),
      },
    );
    expect(await failureOf(rootClient.getSecret({ key: 'app' }, signal()))).toBeInstanceOf(
      InvalidConfigError,
    );
  });

  it('logs in to auth.namespace and reads from namespace', async () => {
    // AppRole in the root namespace, with a policy for the child namespace's mount.
    await admin.enableAuth('approle-root', 'approle');
    await admin.writePolicy('read-team-a-kv', readPolicy('kv', 'team-a/'));
    const { roleId, secretId } = await appRole('approle-root', 'team-a-reader', ['read-team-a-kv']);
    const client = await clientFor(
      {
        server: server.env['VAULT_ADDR'],
        namespace: 'team-a',
        path: 'kv',
        auth: {
          namespace: '',
          appRole: { path: 'approle-root', roleId, secretRef: { name: 'approle', key: 'secret-id' } },
        },
      },
      { secretId: bytes(secretId) },
    );
    expect(text(await client.getSecret({ key: 'app', property: 'password' }, signal()))).toBe(
      'namespaced-pass-Ug3',
    );
  });
});

/** An AppRole role with these policies, its RoleID and a fresh SecretID. */
async function appRole(
  mount: string,
  role: string,
  policies: string[],
  settings: Record<string, unknown> = {},
): Promise<{ roleId: string; secretId: string }> {
  await admin.request('POST', `auth/${mount}/role/${role}`, { token_policies: policies, ...settings });
  const roleAnswer = (await admin.request('GET', `auth/${mount}/role/${role}/role-id`)) as {
    data: { role_id: string };
  };
  const secretAnswer = (await admin.request('POST', `auth/${mount}/role/${role}/secret-id`, {})) as {
    data: { secret_id: string };
  };
  return { roleId: roleAnswer.data.role_id, secretId: secretAnswer.data.secret_id };
}

describe('vault provider: auth methods', () => {
  let kubeNamespace: string;
  const expected = 'auth-value-Rk5';
  const readWith = async (auth: Record<string, unknown>, credentials: ResolvedCredentials, extra = {}) => {
    const client = await clientFor(
      { server: server.env['VAULT_ADDR'], path: 'authkv', auth, ...extra },
      credentials,
    );
    expect(await client.validate(signal())).toBe('Ready');
    return text(await client.getSecret({ key: 'app', property: 'value' }, signal()));
  };

  beforeAll(async () => {
    await admin.mountKv('authkv', 2);
    await admin.writeKv2('authkv', 'app', { value: expected });
    await admin.writePolicy('read-authkv', readPolicy('authkv'));
    kubeNamespace = await createTestNamespace(kube, 'provider-vault');
    namespaces.push(kubeNamespace);
  });

  it('tokenSecretRef: a token from a Secret; a wrong one fails validate with AuthError', async () => {
    expect(await readWith(tokenAuth.auth, { token: bytes(`${await readerToken('authkv')}\n`) })).toBe(
      expected,
    );
    const wrong = await clientFor(
      { server: server.env['VAULT_ADDR'], path: 'authkv', ...tokenAuth },
      {
        token: bytes('s.notatokenthatopenbaoknows1'),
      },
    );
    const error = await failureOf(wrong.validate(signal()));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).not.toContain('notatokenthatopenbaoknows');
  });

  it('appRole: roleId in the store or roleRef; a wrong SecretID is an AuthError that quotes nothing', async () => {
    await admin.enableAuth('approle', 'approle');
    const { roleId, secretId } = await appRole('approle', 'reader', ['read-authkv']);
    const secretRef = { name: 'approle', key: 'secret-id' };
    expect(await readWith({ appRole: { roleId, secretRef } }, { secretId: bytes(secretId) })).toBe(expected);
    const byRef = { appRole: { roleRef: { name: 'approle', key: 'role-id' }, secretRef } };
    const config = vault.configSchema.parse({ server: server.env['VAULT_ADDR'], auth: byRef });
    expect(vault.credentialRefs(config).map((ref) => ref.name)).toEqual(['roleId', 'secretId']);
    expect(await readWith(byRef, { roleId: bytes(roleId), secretId: bytes(secretId) })).toBe(expected);

    const wrongSecretId = 'c0ffee00-0000-4000-8000-00000000beef';
    const wrong = await clientFor(
      { server: server.env['VAULT_ADDR'], path: 'authkv', auth: { appRole: { roleId, secretRef } } },
      {
        secretId: bytes(wrongSecretId),
      },
    );
    for (const failing of [wrong.validate(signal()), wrong.getSecret({ key: 'app' }, signal())]) {
      const error = await failureOf(failing);
      expect(error).toBeInstanceOf(AuthError);
      expect(error.message).toContain('appRole at auth/approle');
      expect(error.message).not.toContain(wrongSecretId);
      expect(error.message).not.toContain(roleId);
    }
  });

  it('userPass: a username and a password from a Secret', async () => {
    await admin.enableAuth('userpass', 'userpass');
    const password = 'user-pass-Vb6 with spaces';
    await admin.request('POST', 'auth/userpass/users/app.reader', {
      password,
      token_policies: ['read-authkv'],
    });
    const auth = {
      userPass: { username: 'app.reader', secretRef: { name: 'userpass', key: 'password' } },
    };
    expect(await readWith(auth, { password: bytes(password) })).toBe(expected);
    const wrong = await clientFor(
      { server: server.env['VAULT_ADDR'], path: 'authkv', auth },
      { password: bytes('not-the-password') },
    );
    const error = await failureOf(wrong.getSecret({ key: 'app' }, signal()));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).not.toContain('not-the-password');
  });

  it('kubernetes: a ServiceAccount token checked by the API server with TokenReview', async () => {
    await configureKubernetesAuth(kube, kubeNamespace);
    const auth = { kubernetes: { role: 'reader', serviceAccountRef: { name: 'vault-reader' } } };
    const config = vault.configSchema.parse({ server: server.env['VAULT_ADDR'], auth });
    expect(vault.credentialRefs(config)).toEqual([
      {
        name: 'jwt',
        kind: 'serviceAccountToken',
        serviceAccountName: 'vault-reader',
        namespace: undefined,
        audiences: undefined,
      },
    ]);
    // What the controller resolves serviceAccountRef to: a TokenRequest token.
    const jwt = await mintServiceAccountToken(kube, kubeNamespace, 'vault-reader', {
      audiences: [],
      expirationSeconds: 600,
    });
    expect(await readWith(auth, { jwt: bytes(jwt) })).toBe(expected);
    const fromSecret = {
      kubernetes: { mountPath: 'kubernetes', role: 'reader', secretRef: { name: 'sa-token' } },
    };
    expect(
      vault.credentialRefs(vault.configSchema.parse({ server: server.env['VAULT_ADDR'], auth: fromSecret })),
    ).toEqual([
      { name: 'jwt', kind: 'secretKey', secretName: 'sa-token', key: 'token', namespace: undefined },
    ]);
    expect(await readWith(fromSecret, { jwt: bytes(jwt) })).toBe(expected);

    // A ServiceAccount the role does not bind is refused by Vault.
    await kube.makeApiClient(CoreV1Api).createNamespacedServiceAccount({
      namespace: kubeNamespace,
      body: { metadata: { name: 'stranger' } },
    });
    const strangerJwt = await mintServiceAccountToken(kube, kubeNamespace, 'stranger', {
      audiences: [],
      expirationSeconds: 600,
    });
    const stranger = await clientFor(
      { server: server.env['VAULT_ADDR'], path: 'authkv', auth },
      { jwt: bytes(strangerJwt) },
    );
    const error = await failureOf(stranger.validate(signal()));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).not.toContain(strangerJwt);
  });

  it('jwt: a TokenRequest token with audience "vault", checked against the API server’s signing key', async () => {
    await configureJwtAuth(kube, kubeNamespace);
    const auth = {
      jwt: { role: 'reader', kubernetesServiceAccountToken: { serviceAccountRef: { name: 'vault-reader' } } },
    };
    const config = vault.configSchema.parse({ server: server.env['VAULT_ADDR'], auth });
    const [ref] = vault.credentialRefs(config);
    expect(ref).toEqual({
      name: 'jwt',
      kind: 'serviceAccountToken',
      serviceAccountName: 'vault-reader',
      namespace: undefined,
      audiences: ['vault'],
    });
    const jwt = await mintServiceAccountToken(kube, kubeNamespace, 'vault-reader', {
      audiences: ['vault'],
      expirationSeconds: 600,
    });
    expect(await readWith(auth, { jwt: bytes(jwt) })).toBe(expected);
    const fromSecret = { jwt: { role: 'reader', secretRef: { name: 'jwt', key: 'token' } } };
    expect(await readWith(fromSecret, { jwt: bytes(jwt) })).toBe(expected);
    // A token for the API server's own audience is not one for Vault.
    const wrongAudience = await mintServiceAccountToken(kube, kubeNamespace, 'vault-reader', {
      audiences: [],
      expirationSeconds: 600,
    });
    const refused = await clientFor(
      { server: server.env['VAULT_ADDR'], path: 'authkv', auth: fromSecret },
      {
        jwt: bytes(wrongAudience),
      },
    );
    const error = await failureOf(refused.validate(signal()));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).not.toContain(wrongAudience);
  });

  it('cert: a TLS client certificate, over the TLS listener', async () => {
    const caPem = readFileSync(server.env['VAULT_TLS_CA_CERT'] ?? '', 'utf8');
    await admin.enableAuth('cert', 'cert');
    await admin.request('POST', 'auth/cert/certs/ferry', {
      certificate: caPem,
      token_policies: ['read-authkv'],
    });
    const auth = {
      cert: {
        clientCert: { name: 'client-tls', key: 'tls.crt' },
        secretRef: { name: 'client-tls', key: 'tls.key' },
      },
    };
    const credentials = {
      clientCert: bytes(readFileSync(server.env['VAULT_TLS_CLIENT_CERT'] ?? '', 'utf8')),
      clientKey: bytes(readFileSync(server.env['VAULT_TLS_CLIENT_KEY'] ?? '', 'utf8')),
    };
    const overTls = {
      server: server.env['VAULT_TLS_ADDR'],
      caBundle: Buffer.from(caPem).toString('base64'),
    };
    expect(await readWith(auth, credentials, overTls)).toBe(expected);
    expect(await readWith({ cert: { ...auth.cert, vaultRole: 'ferry' } }, credentials, overTls)).toBe(
      expected,
    );
  });
});

describe('vault provider: TLS', () => {
  let caPem: string;
  let token: string;
  beforeAll(async () => {
    caPem = readFileSync(server.env['VAULT_TLS_CA_CERT'] ?? '', 'utf8');
    await admin.mountKv('tlskv', 2);
    await admin.writeKv2('tlskv', 'app', { value: 'tls-value-Mn2' });
    token = await readerToken('tlskv');
  });
  const read = async (config: Record<string, unknown>, credentials: ResolvedCredentials) => {
    const client = await clientFor(
      { server: server.env['VAULT_TLS_ADDR'], path: 'tlskv', ...tokenAuth, ...config },
      {
        token: bytes(token),
        ...credentials,
      },
    );
    return text(await client.getSecret({ key: 'app', property: 'value' }, signal()));
  };

  it('trusts the CA of caBundle (base64 of PEM, or PEM as is) or of caProvider', async () => {
    expect(await read({ caBundle: Buffer.from(caPem).toString('base64') }, {})).toBe('tls-value-Mn2');
    expect(await read({ caBundle: caPem }, {})).toBe('tls-value-Mn2');
    const viaProvider = { caProvider: { type: 'ConfigMap', name: 'vault-ca', key: 'ca.crt' } };
    expect(
      vault.credentialRefs(
        vault.configSchema.parse({ server: 'https://vault', ...tokenAuth, ...viaProvider }),
      )[0],
    ).toEqual({
      name: 'ca',
      kind: 'configMapKey',
      configMapName: 'vault-ca',
      key: 'ca.crt',
      namespace: undefined,
    });
    expect(await read(viaProvider, { ca: bytes(caPem) })).toBe('tls-value-Mn2');
  });

  it('presents the client certificate of tls (mutual TLS) alongside token auth', async () => {
    const tls = { certSecretRef: { name: 'client-tls' }, keySecretRef: { name: 'client-tls' } };
    const config = vault.configSchema.parse({ server: 'https://vault', tls, ...tokenAuth });
    expect(vault.credentialRefs(config).map((ref) => [ref.name, 'key' in ref ? ref.key : ''])).toEqual([
      ['tlsCert', 'tls.crt'],
      ['tlsKey', 'tls.key'],
      ['token', 'token'],
    ]);
    const value = await read(
      { caBundle: caPem, tls },
      {
        tlsCert: bytes(readFileSync(server.env['VAULT_TLS_CLIENT_CERT'] ?? '', 'utf8')),
        tlsKey: bytes(readFileSync(server.env['VAULT_TLS_CLIENT_KEY'] ?? '', 'utf8')),
      },
    );
    expect(value).toBe('tls-value-Mn2');
  });

  it('a server certificate no configured CA signed is an InvalidConfigError', async () => {
    const error = await failureOf(read({}, {}));
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(error.message).toContain('caBundle');
  });

  it('a malformed caBundle fails when the client is built, naming the field', async () => {
    const error = await failureOf(
      vault.newClient(
        vault.configSchema.parse({
          server: server.env['VAULT_TLS_ADDR'],
          caBundle: 'bm90IGEgY2VydA==',
          ...tokenAuth,
        }),
        {
          token: bytes(token),
        },
        testTransport,
      ),
    );
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(error.message).toContain('caBundle');
  });
});

describe('vault provider: login tokens', () => {
  beforeAll(async () => {
    await admin.mountKv('tokenkv', 2);
    await admin.writeKv2('tokenkv', 'app', { value: 'token-value-Dd4' });
    await admin.writePolicy('read-tokenkv', readPolicy('tokenkv'));
    await admin.enableAuth('approle-tokens', 'approle');
  });
  const loginClient = async (role: string, settings: Record<string, unknown>) => {
    const { roleId, secretId } = await appRole('approle-tokens', role, ['read-tokenkv'], settings);
    return clientFor(
      {
        server: server.env['VAULT_ADDR'],
        path: 'tokenkv',
        auth: {
          appRole: { path: 'approle-tokens', roleId, secretRef: { name: 'approle', key: 'secret-id' } },
        },
      },
      { secretId: bytes(secretId) },
    );
  };
  const readValue = async (client: SecretsClient) =>
    text(await client.getSecret({ key: 'app', property: 'value' }, signal()));

  it('concurrent first requests share one login', async () => {
    const client = await loginClient('shared', { token_ttl: '1h' });
    const before = (await admin.tokenAccessors()).length;
    const values = await Promise.all(Array.from({ length: 20 }, () => readValue(client)));
    expect(new Set(values)).toEqual(new Set(['token-value-Dd4']));
    expect((await admin.tokenAccessors()).length).toBe(before + 1);
  });

  it('close revokes the token it logged in with', async () => {
    const client = await loginClient('revoked-on-close', { token_ttl: '1h' });
    const before = (await admin.tokenAccessors()).length;
    await readValue(client);
    expect((await admin.tokenAccessors()).length).toBe(before + 1);
    await client.close();
    expect((await admin.tokenAccessors()).length).toBe(before);
    await expect(readValue(client)).rejects.toBeInstanceOf(ProviderError);
  });

  // Last: the tokens of this test expire by themselves, which would upset the counts above.
  it('keeps reading past the token TTL (renewal) and past its max TTL (a new login)', async () => {
    const client = await loginClient('short-lived', { token_ttl: '3s', token_max_ttl: '6s' });
    const deadline = Date.now() + 10_000;
    let reads = 0;
    while (Date.now() < deadline) {
      expect(await readValue(client)).toBe('token-value-Dd4');
      reads++;
      await sleep(700);
    }
    expect(reads).toBeGreaterThan(10);
  });
});

describe('vault provider: the store at admission (the CRD on the real API server)', () => {
  const objects = KubernetesObjectApi.makeApiClient(kube);
  let namespace: string;
  let counter = 0;
  beforeAll(async () => {
    namespace = await createTestNamespace(kube, 'vault-admission');
    namespaces.push(namespace);
  });
  /** The stored spec.provider.vault, or the API server's rejection message. */
  const create = async (
    vaultBlock: Record<string, unknown>,
  ): Promise<{ stored?: unknown; rejected?: string }> => {
    const manifest = {
      apiVersion: 'ferry.dev/v1alpha1',
      kind: 'SecretStore',
      metadata: { name: `vault-${String(++counter)}`, namespace },
      spec: { provider: { vault: vaultBlock } },
    };
    try {
      const stored = await objects.create<typeof manifest>(manifest);
      return { stored: stored.spec.provider.vault };
    } catch (error) {
      const body = (error as { body?: unknown }).body;
      const status = typeof body === 'string' ? (JSON.parse(body) as { message?: string }) : {};
      return { rejected: status.message ?? String(error) };
    }
  };
  const server = 'https://vault.example.com:8200';
  const secretRef = { name: 'approle', key: 'secret-id' };

  it('accepts an ESO store and fills in ESO defaults', async () => {
    const { stored, rejected } = await create({
      server,
      path: 'secret',
      auth: { appRole: { roleId: 'role', secretRef } },
    });
    expect(rejected).toBeUndefined();
    expect(stored).toMatchObject({ version: 'v2', auth: { appRole: { path: 'approle' } } });
    const kubernetesAuth = await create({ server, auth: { kubernetes: { role: 'app' } } });
    expect(kubernetesAuth.stored).toMatchObject({ auth: { kubernetes: { mountPath: 'kubernetes' } } });
  });

  it('refuses what cannot work, saying how to fix it', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { server, auth: { tokenSecretRef: secretRef, appRole: { roleId: 'r', secretRef } } },
        'auth needs exactly one of',
      ],
      [{ server, auth: {} }, 'auth needs exactly one of'],
      [{ server, auth: { appRole: { secretRef } } }, 'exactly one of roleId or roleRef'],
      [{ server, auth: { jwt: { role: 'r' } } }, 'exactly one of secretRef or kubernetesServiceAccountToken'],
      [{ server, tls: { certSecretRef: { name: 'c' } } }, 'both certSecretRef and keySecretRef'],
      [{ server, headers: { 'X-Vault-Token': 'x' } }, 'X-Vault-Token'],
      [{ server: 'vault.example.com:8200' }, 'http:// or https://'],
      [{ server, version: 'v3' }, 'v3'],
    ];
    for (const [block, message] of cases) {
      const { rejected } = await create(block);
      expect(rejected, JSON.stringify(block)).toContain(message);
    }
  });
});

describe('vault provider: an unreachable server', () => {
  it('is an UnavailableError naming the server, for reads and validate alike', async () => {
    const port = await freeLoopbackPort();
    const client = await clientFor(
      { server: `http://127.0.0.1:${String(port)}`, path: 'kv2', ...tokenAuth },
      {
        token: bytes('s.sometokenthatisnotsent00'),
      },
    );
    for (const failing of [client.getSecret({ key: 'app' }, signal()), client.validate(signal())]) {
      const error = await failureOf(failing);
      expect(error).toBeInstanceOf(UnavailableError);
      expect(error).toMatchObject({ reason: 'Unavailable', retryable: true });
      expect(error.message).toContain(`127.0.0.1:${String(port)}`);
      expect(error.message).not.toContain('sometokenthatisnotsent');
    }
  });
});

let kubernetesAuthReady: Promise<void> | undefined;
/**
 * OpenBao's Kubernetes auth against the run's API server: its URL and CA from the kubeconfig, and
 * a reviewer ServiceAccount allowed to create TokenReviews (system:auth-delegator).
 */
function configureKubernetesAuth(kube: KubeConfig, namespace: string): Promise<void> {
  kubernetesAuthReady ??= (async () => {
    const core = kube.makeApiClient(CoreV1Api);
    for (const name of ['openbao-reviewer', 'vault-reader']) {
      await core
        .createNamespacedServiceAccount({ namespace, body: { metadata: { name } } })
        .catch(() => undefined);
    }
    clusterRoleBindings.push(`openbao-reviewer-${namespace}`);
    await kube.makeApiClient(RbacAuthorizationV1Api).createClusterRoleBinding({
      body: {
        metadata: { name: `openbao-reviewer-${namespace}` },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'system:auth-delegator',
        },
        subjects: [{ kind: 'ServiceAccount', name: 'openbao-reviewer', namespace }],
      },
    });
    const cluster = kube.getCurrentCluster();
    if (!cluster?.caData) throw new Error('unexpected admin kubeconfig');
    await admin.enableAuth('kubernetes', 'kubernetes');
    await admin.request('POST', 'auth/kubernetes/config', {
      kubernetes_host: cluster.server,
      kubernetes_ca_cert: Buffer.from(cluster.caData, 'base64').toString('utf8'),
      token_reviewer_jwt: await mintServiceAccountToken(kube, namespace, 'openbao-reviewer', {
        audiences: [],
        expirationSeconds: 600,
      }),
      disable_local_ca_jwt: true,
    });
    await admin.request('POST', 'auth/kubernetes/role/reader', {
      bound_service_account_names: ['vault-reader'],
      bound_service_account_namespaces: [namespace],
      token_policies: ['read-authkv'],
    });
  })();
  return kubernetesAuthReady;
}

/** OpenBao's JWT auth trusting the API server's ServiceAccount issuer and signing key (its JWKS). */
async function configureJwtAuth(kube: KubeConfig, namespace: string): Promise<void> {
  await configureKubernetesAuth(kube, namespace);
  // client-node declares these as strings but hands back the parsed JSON.
  const asJson = (answer: unknown): unknown => (typeof answer === 'string' ? JSON.parse(answer) : answer);
  const discovery = asJson(
    await kube.makeApiClient(WellKnownApi).getServiceAccountIssuerOpenIDConfiguration(),
  ) as { issuer: string };
  const keyset = asJson(await kube.makeApiClient(OpenidApi).getServiceAccountIssuerOpenIDKeyset()) as {
    keys: JsonWebKey[];
  };
  const publicKeys = keyset.keys.map((key) =>
    createPublicKey({ key, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString(),
  );
  await admin.enableAuth('jwt', 'jwt');
  await admin.request('POST', 'auth/jwt/config', {
    jwt_validation_pubkeys: publicKeys,
    bound_issuer: discovery.issuer,
  });
  await admin.request('POST', 'auth/jwt/role/reader', {
    role_type: 'jwt',
    bound_audiences: ['vault'],
    user_claim: 'sub',
    bound_subject: `system:serviceaccount:${namespace}:vault-reader`,
    token_policies: ['read-authkv'],
  });
}
