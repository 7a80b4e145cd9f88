// The azurekv provider against a real Lowkey Vault 7.x (Azure Key Vault's data plane, from its
// jar): the shared conformance cases, then what only this provider does.
//
// Which authentication paths run for real: ManagedIdentity runs end to end (MSAL's IMDS source asks
// Lowkey Vault's token endpoint for a token, which the vault then accepts). ServicePrincipal (secret
// and certificate) and WorkloadIdentity need Azure AD's token endpoint (POST
// /{tenant}/oauth2/v2.0/token), which Lowkey Vault does not serve and no local server provides:
// those run up to the token request (a real TokenRequest from the run's kube-apiserver for
// WorkloadIdentity, a real MSAL authority lookup against a local HTTPS server that is not Azure
// AD), and the tests check that the failure is an AuthError that leaks no credential. Azure AD
// accepting the credential, and the vault the token it returns, are not exercised.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The conformance suite is test code, so it is not exported through providers/index.ts.
import { describeProviderConformance, selectNamesWhere } from '../../../operator/providers/conformance.ts';
import {
  AuthError,
  InvalidConfigError,
  PropertyNotFoundError,
  SecretNotFoundError,
  UnavailableError,
  getProvider,
  operatorIdentityCredential,
  type AzureKVProviderConfig,
  type Provider,
  type ResolvedCredentials,
  type SecretsClient,
} from '../../../operator/providers/index.ts';
import { freeLoopbackPort } from '../../controlplane/index.ts';
import {
  isLowkeyVaultAvailable,
  lowkeyVaultSeeder,
  startLowkeyVault,
  trustLowkeyVaultCa,
  type LowkeyVaultSeeder,
} from '../../provider-servers/lowkey-vault/index.ts';
import type { ProviderServer } from '../../provider-servers/types.ts';
import {
  adminKubeConfig,
  createTestNamespace,
  deleteNamespace,
  jwtClaims,
  mintServiceAccountToken,
} from '../../support/cluster.ts';
import { listeningSockets } from '../../support/listening-sockets.ts';
import { testTransport } from '../../support/provider-transport.ts';

const azurekv = getProvider('azurekv') as Provider<AzureKVProviderConfig>;
const bytes = (value: string): Uint8Array => new TextEncoder().encode(value);
const text = (value: Uint8Array): string => new TextDecoder().decode(value);
const signal = (): AbortSignal => new AbortController().signal;
const failureOf = (operation: Promise<unknown>): Promise<Error> =>
  operation.then(
    () => new Error('expected the call to fail'),
    (error: unknown) => error as Error,
  );

const serverDir = mkdtempSync(join(tmpdir(), 'ferry-lowkey-vault-'));
let serverStart: Promise<ProviderServer> | undefined;
/** One Lowkey Vault for the file, started by whichever block needs it first. */
function lowkeyVault(): Promise<ProviderServer> {
  serverStart ??= startLowkeyVault({ dir: serverDir, detached: false }).then((server) => {
    trustLowkeyVaultCa(server.env);
    // MSAL's IMDS source reads this variable when a ManagedIdentityCredential is built.
    process.env['AZURE_POD_IDENTITY_AUTHORITY_HOST'] = server.env['AZURE_POD_IDENTITY_AUTHORITY_HOST'];
    return server;
  });
  return serverStart;
}
afterAll(async () => {
  if (serverStart) await (await serverStart).stop();
  rmSync(serverDir, { recursive: true, force: true });
});

const env = (server: ProviderServer, name: string): string => {
  const value = server.env[name];
  if (value === undefined) throw new Error(`the harness did not set ${name}`);
  return value;
};
const managedIdentityConfig = (server: ProviderServer, extra: Record<string, unknown> = {}) =>
  azurekv.configSchema.parse({
    authType: 'ManagedIdentity',
    vaultUrl: env(server, 'AZURE_KEYVAULT_URL'),
    ...extra,
  });

// `make test-tools` stops CI without Lowkey Vault's jar; a direct run without one skips, saying so.
const lowkeyVaultAvailable = await isLowkeyVaultAvailable('azurekv');

/** What the controller hands a store it lets use the operator's own identity (a ClusterSecretStore). */
const operatorIdentityGranted: ResolvedCredentials = { [operatorIdentityCredential]: new Uint8Array(0) };

describe.runIf(lowkeyVaultAvailable)('azurekv (Lowkey Vault)', () => {
  describeProviderConformance('azurekv', async () => {
    const server = await lowkeyVault();
    await server.reset();
    const seeder = lowkeyVaultSeeder(server.env);
    return {
      async seed(secrets) {
        for (const [name, value] of Object.entries(secrets)) {
          await seeder.setSecret(name, typeof value === 'string' ? value : JSON.stringify(value));
        }
        const config = managedIdentityConfig(server);
        // The managed identity is the operator's own: granted by the controller, by the store's kind.
        expect(azurekv.credentialRefs(config).map((ref) => ref.kind)).toEqual(['operatorIdentity']);
        return azurekv.newClient(config, operatorIdentityGranted, testTransport);
      },
    };
  });

  describe('azurekv provider against Lowkey Vault', () => {
    let server: ProviderServer;
    let seeder: LowkeyVaultSeeder;
    let client: SecretsClient;
    const clients: SecretsClient[] = [];
    const newClient = async (
      config: AzureKVProviderConfig,
      credentials: ResolvedCredentials = operatorIdentityGranted,
    ) => {
      const created = await azurekv.newClient(config, credentials, testTransport);
      clients.push(created);
      return created;
    };
    /** Lines of the server's log that record a token it issued. */
    const tokensIssued = (): number =>
      readFileSync(server.logFile, 'utf8')
        .split('\n')
        .filter((line) => line.includes('Returning token')).length;

    beforeAll(async () => {
      server = await lowkeyVault();
      await server.reset();
      seeder = lowkeyVaultSeeder(server.env);
      client = await newClient(managedIdentityConfig(server));
    });
    afterAll(async () => {
      await Promise.all(clients.map((each) => each.close()));
    });

    it('ManagedIdentity: gets one token from the identity endpoint and reuses it for every call', async () => {
      await seeder.setSecret('cached-token', 'cached-token-value-Qe4');
      await seeder.createRsaKey('cached-token-key');
      const fresh = await newClient(
        managedIdentityConfig(server, { identityId: '11111111-2222-3333-4444-555555555555' }),
      );
      const before = tokensIssued();
      for (let call = 0; call < 10; call++) {
        expect(text(await fresh.getSecret({ key: 'cached-token' }, signal()))).toBe('cached-token-value-Qe4');
      }
      expect(
        JSON.parse(text(await fresh.getSecret({ key: 'key/cached-token-key' }, signal()))),
      ).toMatchObject({
        kty: 'RSA',
      });
      expect(await fresh.validate(signal())).toBe('Ready');
      // MSAL caches the managed-identity token across credentials of the process, so a second
      // client may issue none; per call, there is never one.
      expect(tokensIssued() - before).toBeLessThanOrEqual(1);
    });

    it('every port the server opens listens on 127.0.0.1 only, as its sockets in /proc show', () => {
      const [pid] = server.pids;
      if (pid === undefined) throw new Error('the harness reported no PID');
      const sockets = listeningSockets(pid);
      const portOf = (variable: string) => Number(new URL(env(server, variable)).port);
      // The vault's HTTPS port and the managed-identity token port, at least.
      expect(sockets.map(({ port }) => port)).toEqual(
        expect.arrayContaining([portOf('AZURE_KEYVAULT_URL'), portOf('AZURE_POD_IDENTITY_AUTHORITY_HOST')]),
      );
      // 127.0.0.1 as an IPv4 socket, or as a dual-stack Java socket shows it.
      const elsewhere = sockets.filter(({ address }) => !['127.0.0.1', '::ffff:127.0.0.1'].includes(address));
      expect(elsewhere).toEqual([]);
    });

    it('reads a given version of a secret, and the latest without one', async () => {
      const first = await seeder.setSecret('rotated', 'rotated-v1-Hn3');
      await seeder.setSecret('rotated', 'rotated-v2-Jw8');
      expect(text(await client.getSecret({ key: 'rotated', version: first }, signal()))).toBe(
        'rotated-v1-Hn3',
      );
      expect(text(await client.getSecret({ key: 'secret/rotated' }, signal()))).toBe('rotated-v2-Jw8');
      const missing = await failureOf(
        client.getSecret({ key: 'rotated', version: '00000000000000000000000000000000' }, signal()),
      );
      expect(missing).toBeInstanceOf(SecretNotFoundError);
      expect(missing.message).toContain('version "00000000000000000000000000000000"');
    });

    it('cert/ returns the certificate’s DER bytes, at a version too', async () => {
      const created = await seeder.createCertificate('tls-cert', { team: 'edge' });
      const der = await client.getSecret({ key: 'cert/tls-cert' }, signal());
      expect(Buffer.from(der).equals(Buffer.from(created.cer))).toBe(true);
      expect(new X509Certificate(der).subject).toBe('CN=tls-cert');
      const atVersion = await client.getSecret({ key: 'cert/tls-cert', version: created.version }, signal());
      expect(Buffer.from(atVersion).equals(Buffer.from(created.cer))).toBe(true);
      const tags = await client.getSecret(
        { key: 'cert/tls-cert', metadataPolicy: 'Fetch', property: 'team' },
        signal(),
      );
      expect(text(tags)).toBe('edge');
      const withProperty = await failureOf(
        client.getSecret({ key: 'cert/tls-cert', property: 'x' }, signal()),
      );
      expect(withProperty).toBeInstanceOf(InvalidConfigError);
      const asMap = await failureOf(client.getSecretMap({ key: 'cert/tls-cert' }, signal()));
      expect(asMap).toBeInstanceOf(InvalidConfigError);
    });

    it('a certificate’s own secret is its PEM with the private key, as Key Vault keeps it and ESO reads it', async () => {
      const created = await seeder.createCertificate('tls-pem');
      const pem = text(await client.getSecret({ key: 'secret/tls-pem' }, signal()));
      const certificate = new X509Certificate(pem);
      expect(Buffer.from(certificate.raw).equals(Buffer.from(created.cer))).toBe(true);
      expect(pem).toMatch(/-----BEGIN PRIVATE KEY-----/);
      const atVersion = await client.getSecret({ key: 'tls-pem', version: created.version }, signal());
      expect(text(atVersion)).toBe(pem);
    });

    it('key/ returns the public JWK as JSON, narrowed by property, and as a map', async () => {
      const version = await seeder.createRsaKey('signing-key');
      const jwk = JSON.parse(text(await client.getSecret({ key: 'key/signing-key' }, signal()))) as Record<
        string,
        unknown
      >;
      expect(jwk).toMatchObject({ kty: 'RSA', e: 'AQAB' });
      expect(jwk['kid']).toBe(`${env(server, 'AZURE_KEYVAULT_URL')}/keys/signing-key/${version}`);
      // A 2048-bit modulus; Lowkey Vault, like Java's BigInteger, may prefix a zero byte.
      const modulus = Buffer.from(jwk['n'] as string, 'base64url');
      expect(modulus.subarray(modulus[0] === 0 ? 1 : 0)).toHaveLength(256);
      expect(jwk).not.toHaveProperty('d');
      expect(text(await client.getSecret({ key: 'key/signing-key', property: 'kty' }, signal()))).toBe('RSA');
      const map = await client.getSecretMap({ key: 'key/signing-key', version }, signal());
      expect(text(map['e'] ?? new Uint8Array())).toBe('AQAB');
    });

    it('metadataPolicy Fetch returns tags and attributes, one tag, or a field of a JSON tag', async () => {
      await seeder.setSecret('tagged', 'tagged-value-Pz6', {
        tags: { environment: 'dev', settings: '{"rotation":"30d"}' },
      });
      const all = JSON.parse(
        text(await client.getSecret({ key: 'tagged', metadataPolicy: 'Fetch' }, signal())),
      ) as Record<string, string>;
      expect(all).toMatchObject({ environment: 'dev', settings: '{"rotation":"30d"}' });
      expect(all['attribute.created']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const read = async (property: string) =>
        text(await client.getSecret({ key: 'tagged', metadataPolicy: 'Fetch', property }, signal()));
      expect(await read('environment')).toBe('dev');
      expect(await read('settings.rotation')).toBe('30d');
      const missing = await failureOf(read('owner'));
      expect(missing).toBeInstanceOf(PropertyNotFoundError);
      expect(missing.message).not.toContain('tagged-value-Pz6');

      const map = await client.getSecretMap({ key: 'tagged', metadataPolicy: 'Fetch' }, signal());
      expect(text(map['tagged_environment'] ?? new Uint8Array())).toBe('dev');
      expect(text(map['tagged_settings_rotation'] ?? new Uint8Array())).toBe('30d');
      expect(Object.keys(map)).toContain('tagged_attribute.created');
      const one = await client.getSecretMap(
        { key: 'tagged', metadataPolicy: 'Fetch', property: 'environment' },
        signal(),
      );
      expect(Object.keys(one)).toEqual(['tagged_environment']);
    });

    it('finds enabled secrets by tags, by name, and by both', async () => {
      await seeder.setSecret('pay-db', 'pay-db-Vk1', { tags: { team: 'payments', tier: 'gold' } });
      await seeder.setSecret('pay-cache', 'pay-cache-Wm2', { tags: { team: 'payments' } });
      await seeder.setSecret('pay-old', 'pay-old-Xn3', { tags: { team: 'payments' }, enabled: false });
      await seeder.setSecret('search-db', 'search-db-Yp4', { tags: { team: 'search', tier: 'gold' } });
      const byTags = await client.findSecrets({ tags: { team: 'payments' } }, signal());
      expect(Object.fromEntries(Object.entries(byTags).map(([name, value]) => [name, text(value)]))).toEqual({
        'pay-db': 'pay-db-Vk1',
        'pay-cache': 'pay-cache-Wm2',
      });
      const both = await client.findSecrets(
        { tags: { tier: 'gold' }, selectNames: selectNamesWhere((name) => name.endsWith('-db')) },
        signal(),
      );
      expect(Object.keys(both).sort()).toEqual(['pay-db', 'search-db']);
      const byPath = await client.findSecrets({ path: 'search-' }, signal());
      expect(Object.keys(byPath)).toEqual(['search-db']);
    });

    it('rejects refs Key Vault cannot hold before asking it', async () => {
      for (const key of ['blob/name', 'secret/under_score', 'secret/']) {
        expect(await failureOf(client.getSecret({ key }, signal()))).toBeInstanceOf(InvalidConfigError);
      }
    });

    it('aborting the signal cancels a request in flight', async () => {
      const controller = new AbortController();
      const pending = client.findSecrets({ selectNames: selectNamesWhere(() => true) }, controller.signal);
      controller.abort();
      expect(await failureOf(pending)).toMatchObject({ name: 'AbortError' });
    });

    it('a vault that does not answer is UnavailableError; validate throws rather than guessing', async () => {
      const closedPort = await freeLoopbackPort();
      const unreachable = await newClient(
        azurekv.configSchema.parse({
          authType: 'ManagedIdentity',
          vaultUrl: `https://127.0.0.1:${String(closedPort)}`,
        }),
      );
      const error = await failureOf(unreachable.getSecret({ key: 'anything' }, signal()));
      expect(error).toBeInstanceOf(UnavailableError);
      expect(error.message).toContain('ECONNREFUSED');
      expect(await failureOf(unreachable.validate(signal()))).toBeInstanceOf(UnavailableError);
    });

    describe('credential flows that need Azure AD (run up to the token request)', () => {
      const clientSecret = 'sp-client-secret-Do-Not-Leak-7Rz';
      // A real HTTPS server that is not Azure AD: MSAL's authority lookup against it fails.
      const notAzureAd = () => ({ activeDirectoryEndpoint: `${env(server, 'AZURE_KEYVAULT_URL')}/` });
      const expectAuthFailureWithoutLeak = async (probe: SecretsClient, secrets: string[]) => {
        const error = await failureOf(probe.getSecret({ key: 'cached-token' }, signal()));
        expect(error).toBeInstanceOf(AuthError);
        expect(error.message).toMatch(/^azurekv: /);
        for (const secret of secrets) expect(error.message).not.toContain(secret);
        expect(await probe.validate(signal())).toBe('Error');
      };

      it('ServicePrincipal with a client secret: the store’s credentials reach MSAL, and a refusal is an AuthError', async () => {
        const config = azurekv.configSchema.parse({
          vaultUrl: env(server, 'AZURE_KEYVAULT_URL'),
          tenantId: 'contoso.onmicrosoft.com',
          environmentType: 'AzureStackCloud',
          customCloudConfig: notAzureAd(),
          authSecretRef: {
            clientId: { name: 'sp', key: 'client-id' },
            clientSecret: { name: 'sp', key: 'client-secret' },
          },
        });
        expect(azurekv.credentialRefs(config).map((ref) => ref.name)).toEqual(['clientId', 'clientSecret']);
        const probe = await newClient(config, {
          clientId: bytes('00000000-0000-0000-0000-000000000001\n'),
          clientSecret: bytes(clientSecret),
        });
        await expectAuthFailureWithoutLeak(probe, [clientSecret]);
      });

      it('ServicePrincipal with a client certificate: the PEM is checked, then MSAL refuses as above', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'ferry-azurekv-cert-'));
        try {
          execFileSync(
            'openssl',
            [
              'req',
              '-x509',
              '-newkey',
              'rsa:2048',
              '-nodes',
              '-keyout',
              join(dir, 'key.pem'),
              '-out',
              join(dir, 'cert.pem'),
              '-days',
              '1',
              '-subj',
              '/CN=ferry-sp',
            ],
            { stdio: 'ignore' },
          );
          const keyPem = readFileSync(join(dir, 'key.pem'), 'utf8');
          const pem = readFileSync(join(dir, 'cert.pem'), 'utf8') + keyPem;
          const config = azurekv.configSchema.parse({
            vaultUrl: env(server, 'AZURE_KEYVAULT_URL'),
            tenantId: 'contoso.onmicrosoft.com',
            environmentType: 'AzureStackCloud',
            customCloudConfig: notAzureAd(),
            authSecretRef: {
              clientId: { name: 'sp', key: 'client-id' },
              clientCertificate: { name: 'sp', key: 'tls.pem' },
            },
          });
          const probe = await newClient(config, {
            clientId: bytes('00000000-0000-0000-0000-000000000001'),
            clientCertificate: bytes(pem),
          });
          const keyBody = keyPem.split('\n')[1] ?? keyPem;
          await expectAuthFailureWithoutLeak(probe, [keyBody]);
          const broken = await failureOf(
            azurekv.newClient(
              config,
              { clientId: bytes('client'), clientCertificate: bytes('not a pem') },
              testTransport,
            ),
          );
          expect(broken).toBeInstanceOf(InvalidConfigError);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });

      it('WorkloadIdentity: asks for a ServiceAccount token for api://AzureADTokenExchange and offers it to MSAL', async () => {
        const admin = adminKubeConfig();
        const namespace = await createTestNamespace(admin, 'provider-azurekv');
        try {
          const core = admin.makeApiClient(CoreV1Api);
          await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'workload' } } });
          const config = azurekv.configSchema.parse({
            authType: 'WorkloadIdentity',
            vaultUrl: env(server, 'AZURE_KEYVAULT_URL'),
            tenantId: 'contoso.onmicrosoft.com',
            environmentType: 'AzureStackCloud',
            customCloudConfig: notAzureAd(),
            serviceAccountRef: { name: 'workload' },
            authSecretRef: { clientId: { name: 'wi', key: 'client-id' } },
          });
          const tokenRef = azurekv.credentialRefs(config).find((ref) => ref.kind === 'serviceAccountToken');
          expect(tokenRef).toMatchObject({
            serviceAccountName: 'workload',
            audiences: ['api://AzureADTokenExchange'],
          });
          // What the controller does for that ref: TokenRequest with the ref's audiences.
          const token = await mintServiceAccountToken(admin, namespace, 'workload', {
            audiences: tokenRef?.kind === 'serviceAccountToken' ? (tokenRef.audiences ?? []) : [],
          });
          const claims = jwtClaims(token);
          expect(claims).toMatchObject({
            aud: ['api://AzureADTokenExchange'],
            sub: `system:serviceaccount:${namespace}:workload`,
          });
          const probe = await newClient(config, {
            clientId: bytes('00000000-0000-0000-0000-000000000002'),
            serviceAccountToken: bytes(token),
          });
          await expectAuthFailureWithoutLeak(probe, [token, token.split('.')[2] ?? token]);
        } finally {
          await deleteNamespace(admin, namespace);
        }
      });
    });
  });
});
