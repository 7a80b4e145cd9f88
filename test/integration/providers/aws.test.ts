// The aws provider against a real moto server: the shared conformance cases, then what only this
// provider does (versions, SecretBinary, tags, find filters, each way to authenticate, roles and
// their session refresh, error mapping). moto checks signatures, policies and trust policies only
// while its IAM checks are on; the tests that depend on that switch them on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { CoreV1Api, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
// The conformance suite is test code, so it is not exported through providers/index.ts.
import { resolveCredentials } from '../../../operator/controllers/store-clients/index.ts';
import { ClusterClient } from '../../../operator/kube/index.ts';
import { describeProviderConformance, selectNamesWhere } from '../../../operator/providers/conformance.ts';
import {
  AuthError,
  PropertyNotFoundError,
  SecretNotFoundError,
  UnavailableError,
  getProvider,
  operatorIdentityCredential,
  type AWSProviderConfig,
  type Provider,
  type ResolvedCredentials,
  type SecretsClient,
} from '../../../operator/providers/index.ts';
import { freeLoopbackPort } from '../../controlplane/index.ts';
import {
  createIamRole,
  createIamUser,
  roleSessions,
  setIamChecks,
  startMotoServer,
  type PolicyStatement,
} from '../../provider-servers/moto/index.ts';
import type { ProviderServer } from '../../provider-servers/types.ts';
import {
  adminKubeConfig,
  createTestNamespace,
  deleteNamespace,
  jwtClaims,
  mintServiceAccountToken,
} from '../../support/cluster.ts';
import { loadExample } from '../../support/manifests.ts';
import { testTransport } from '../../support/provider-transport.ts';

const aws = getProvider('aws') as Provider<AWSProviderConfig>;
const bytes = (value: string): Uint8Array => new TextEncoder().encode(value);
const text = (value: Uint8Array): string => new TextDecoder().decode(value);
const signal = (): AbortSignal => new AbortController().signal;
/** What the controller hands a store it lets use the operator's own identity (a ClusterSecretStore). */
const operatorIdentityGranted: ResolvedCredentials = { [operatorIdentityCredential]: new Uint8Array(0) };
const failureOf = (operation: Promise<unknown>): Promise<Error> =>
  operation.then(
    () => new Error('expected the call to fail'),
    (error: unknown) => error as Error,
  );

const readSecrets: PolicyStatement = {
  Effect: 'Allow',
  Action: [
    'secretsmanager:GetSecretValue',
    'secretsmanager:BatchGetSecretValue',
    'secretsmanager:ListSecrets',
    'secretsmanager:DescribeSecret',
  ],
  Resource: '*',
};
const assumeRoles: PolicyStatement = { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' };
const keyAuth = {
  auth: {
    secretRef: {
      accessKeyIDSecretRef: { name: 'aws', key: 'id' },
      secretAccessKeySecretRef: { name: 'aws', key: 'secret' },
    },
  },
};
const keyCredentials = (keys: { accessKeyId: string; secretAccessKey: string }): ResolvedCredentials => ({
  accessKeyID: bytes(keys.accessKeyId),
  secretAccessKey: bytes(keys.secretAccessKey),
});

let server: ProviderServer;
let serverDir: string;
let endpoint: string;
let region: string;
/** The test's own client, for seeding; its keys only work while IAM checks are off. */
let seeder: SecretsManagerClient;

beforeAll(async () => {
  serverDir = mkdtempSync(join(tmpdir(), 'ferry-moto-'));
  server = await startMotoServer({ dir: serverDir, detached: false });
  endpoint = server.env['AWS_ENDPOINT_URL'] ?? '';
  region = server.env['AWS_REGION'] ?? '';
  seeder = new SecretsManagerClient({
    region,
    endpoint,
    credentials: {
      accessKeyId: server.env['AWS_ACCESS_KEY_ID'] ?? '',
      secretAccessKey: server.env['AWS_SECRET_ACCESS_KEY'] ?? '',
    },
  });
});
afterAll(async () => {
  seeder.destroy();
  await server.stop();
  rmSync(serverDir, { recursive: true, force: true });
});

const storeConfig = (overrides: Record<string, unknown>): AWSProviderConfig =>
  aws.configSchema.parse({
    service: 'SecretsManager',
    region,
    endpoint,
    stsEndpoint: endpoint,
    ...overrides,
  });

async function seedSecret(
  name: string,
  value: string | Uint8Array,
  tags: Record<string, string> = {},
): Promise<string> {
  const created = await seeder.send(
    new CreateSecretCommand({
      Name: name,
      ...(typeof value === 'string' ? { SecretString: value } : { SecretBinary: value }),
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
  return created.VersionId ?? '';
}

describeProviderConformance('aws', async () => {
  await server.reset();
  return {
    async seed(secrets) {
      for (const [name, value] of Object.entries(secrets)) {
        await seedSecret(name, typeof value === 'string' ? value : JSON.stringify(value));
      }
      const config = storeConfig(keyAuth);
      expect(aws.credentialRefs(config).map((ref) => ref.name)).toEqual(['accessKeyID', 'secretAccessKey']);
      return aws.newClient(
        config,
        keyCredentials({
          accessKeyId: server.env['AWS_ACCESS_KEY_ID'] ?? '',
          secretAccessKey: server.env['AWS_SECRET_ACCESS_KEY'] ?? '',
        }),
        testTransport,
      );
    },
  };
});

describe('aws provider against moto', () => {
  const clients: SecretsClient[] = [];
  const clientFor = async (overrides: Record<string, unknown>, credentials: ResolvedCredentials) => {
    const client = await aws.newClient(storeConfig(overrides), credentials, testTransport);
    clients.push(client);
    return client;
  };
  /** Any well-formed keys: what moto takes while its IAM checks are off. */
  const anyKeys = keyCredentials({ accessKeyId: 'AKIAFERRYANYKEY00000', secretAccessKey: 'any-secret-Ww3' });

  beforeAll(async () => {
    await server.reset();
  });
  afterEach(async () => {
    await setIamChecks(endpoint, false);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
  });

  describe('values, versions and metadata', () => {
    let client: SecretsClient;
    let firstVersion: string;
    beforeAll(async () => {
      firstVersion = await seedSecret('rotated', '{"password":"first-Rt1"}', {
        team: 'ledger',
        'cost.center': '42',
      });
      // A rotation as a rotation Lambda ends it: a new AWSCURRENT, the old one AWSPREVIOUS.
      await seeder.send(
        new PutSecretValueCommand({ SecretId: 'rotated', SecretString: '{"password":"second-Rt2"}' }),
      );
      await seeder.send(
        new PutSecretValueCommand({
          SecretId: 'rotated',
          SecretString: '{"password":"staged-Rt3"}',
          VersionStages: ['blue'],
        }),
      );
      await seedSecret('binary', new Uint8Array([0, 159, 146, 150, 255, 10]));
      client = await clientFor(keyAuth, anyKeys);
    });
    const read = async (version?: string) =>
      text(await client.getSecret({ key: 'rotated', property: 'password', version }, signal()));

    it('reads AWSCURRENT, AWSPREVIOUS, a custom stage and uuid/<version id> after a rotation', async () => {
      expect(await read()).toBe('second-Rt2');
      expect(await read('AWSCURRENT')).toBe('second-Rt2');
      expect(await read('AWSPREVIOUS')).toBe('first-Rt1');
      expect(await read('blue')).toBe('staged-Rt3');
      expect(await read(`uuid/${firstVersion}`)).toBe('first-Rt1');
    });

    it('a stage or version id that does not exist is SecretNotFoundError naming it', async () => {
      await expect(read('green')).rejects.toThrow(
        new SecretNotFoundError('aws: secret "rotated" at version stage "green" not found'),
      );
      await expect(read('uuid/00000000-0000-0000-0000-000000000000')).rejects.toBeInstanceOf(
        SecretNotFoundError,
      );
    });

    it('returns SecretBinary byte for byte', async () => {
      expect(await client.getSecret({ key: 'binary' }, signal())).toEqual(
        new Uint8Array([0, 159, 146, 150, 255, 10]),
      );
    });

    it('with metadataPolicy Fetch, returns the tags as a JSON object, or one of them', async () => {
      const tags = await client.getSecret({ key: 'rotated', metadataPolicy: 'Fetch' }, signal());
      expect(JSON.parse(text(tags))).toEqual({ team: 'ledger', 'cost.center': '42' });
      const costCenter = await client.getSecret(
        { key: 'rotated', metadataPolicy: 'Fetch', property: 'cost.center' },
        signal(),
      );
      expect(text(costCenter)).toBe('42');
      await expect(
        client.getSecret({ key: 'rotated', metadataPolicy: 'Fetch', property: 'owner' }, signal()),
      ).rejects.toBeInstanceOf(PropertyNotFoundError);
    });

    it('a secret scheduled for deletion reads as SecretNotFoundError', async () => {
      await seedSecret('retired', 'retired-value-Rd4');
      await seeder.send(new DeleteSecretCommand({ SecretId: 'retired', RecoveryWindowInDays: 7 }));
      await expect(client.getSecret({ key: 'retired' }, signal())).rejects.toBeInstanceOf(
        SecretNotFoundError,
      );
    });
  });

  describe('find', () => {
    let client: SecretsClient;
    const batchNames = Array.from(
      { length: 23 },
      (_, index) => `batch/item-${String(index).padStart(2, '0')}`,
    );
    beforeAll(async () => {
      await seedSecret('svc/payments-db', 'payments-db-Fd1', { team: 'payments', tier: 'gold' });
      await seedSecret('svc/payments-cache', 'payments-cache-Fd2', { team: 'payments', tier: 'silver' });
      await seedSecret('svc/pay-legacy', 'pay-legacy-Fd3', { team: 'pay', tier: 'gold' });
      await seedSecret('svc/crossed', 'crossed-Fd4', { team: 'gold', tier: 'payments' });
      await seedSecret('Svc/upper', 'upper-Fd5', { team: 'payments' });
      await seedSecret('svc/blob', new Uint8Array([255, 0, 128]), { team: 'blobs' });
      for (const name of batchNames) await seedSecret(name, `value-of-${name}`, { kind: 'batch' });
      client = await clientFor(keyAuth, anyKeys);
    });

    it("by tags, exactly: a tag value is not a prefix and a key never pairs with another tag's value", async () => {
      const found = await client.findSecrets({ tags: { team: 'payments', tier: 'gold' } }, signal());
      expect(Object.keys(found)).toEqual(['svc/payments-db']);
      expect(text(found['svc/payments-db'] ?? bytes(''))).toBe('payments-db-Fd1');
      const payments = await client.findSecrets({ tags: { team: 'payments' } }, signal());
      expect(Object.keys(payments).sort()).toEqual(['Svc/upper', 'svc/payments-cache', 'svc/payments-db']);
    });

    it('by path, case-sensitively, together with tags', async () => {
      const found = await client.findSecrets({ path: 'svc/', tags: { team: 'payments' } }, signal());
      expect(Object.keys(found).sort()).toEqual(['svc/payments-cache', 'svc/payments-db']);
    });

    it("by name, deciding with the controller's matcher, across more than one batch", async () => {
      const found = await client.findSecrets(
        {
          nameRegexp: '^batch/item-',
          selectNames: selectNamesWhere((name) => /^batch\/item-\d+$/.test(name)),
        },
        signal(),
      );
      expect(Object.keys(found).sort()).toEqual(batchNames);
      for (const name of batchNames) expect(text(found[name] ?? bytes(''))).toBe(`value-of-${name}`);
      const odd = await client.findSecrets(
        {
          nameRegexp: '^batch/item-.[13579]$',
          selectNames: selectNamesWhere((name) => /^batch\/item-.[13579]$/.test(name)),
        },
        signal(),
      );
      expect(Object.keys(odd)).toHaveLength(11);
    });

    it('returns SecretBinary values as their bytes', async () => {
      const found = await client.findSecrets({ tags: { team: 'blobs' } }, signal());
      expect(found['svc/blob']).toEqual(new Uint8Array([255, 0, 128]));
    });

    it('leaves out secrets scheduled for deletion', async () => {
      await seedSecret('svc/doomed', 'doomed-Fd6', { team: 'doomed' });
      await seeder.send(new DeleteSecretCommand({ SecretId: 'svc/doomed', RecoveryWindowInDays: 7 }));
      expect(await client.findSecrets({ tags: { team: 'doomed' } }, signal())).toEqual({});
    });
  });

  describe('static keys (auth.secretRef), with IAM checks on', () => {
    let reader: { accessKeyId: string; secretAccessKey: string };
    let stranger: { accessKeyId: string; secretAccessKey: string };
    beforeAll(async () => {
      await seedSecret('keyed', 'keyed-value-Ks1');
      reader = await createIamUser(endpoint, 'key-reader', [readSecrets]);
      stranger = await createIamUser(endpoint, 'key-stranger', []);
    });

    it("reads with an IAM user's access key; validate is Ready", async () => {
      const client = await clientFor(keyAuth, keyCredentials(reader));
      await setIamChecks(endpoint, true);
      expect(text(await client.getSecret({ key: 'keyed' }, signal()))).toBe('keyed-value-Ks1');
      expect(await client.validate(signal())).toBe('Ready');
    });

    it('keys AWS does not know, or a wrong secret key, are AuthError and validate Error, never quoted', async () => {
      const unknown = await clientFor(
        keyAuth,
        keyCredentials({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'unknown-secret-Uk7' }),
      );
      const wrongSecret = await clientFor(
        keyAuth,
        keyCredentials({ accessKeyId: reader.accessKeyId, secretAccessKey: 'wrong-secret-Ws8' }),
      );
      await setIamChecks(endpoint, true);
      for (const client of [unknown, wrongSecret]) {
        const error = await failureOf(client.getSecret({ key: 'keyed' }, signal()));
        expect(error).toBeInstanceOf(AuthError);
        expect(error).toMatchObject({ reason: 'AuthFailed', retryable: true });
        for (const secret of [
          'unknown-secret-Uk7',
          'wrong-secret-Ws8',
          reader.secretAccessKey,
          'keyed-value-Ks1',
        ]) {
          expect(error.message).not.toContain(secret);
        }
        expect(await client.validate(signal())).toBe('Error');
      }
    });

    it('an identity without permission to read is an AuthError', async () => {
      const client = await clientFor(keyAuth, keyCredentials(stranger));
      await setIamChecks(endpoint, true);
      const error = await failureOf(client.getSecret({ key: 'keyed' }, signal()));
      expect(error).toBeInstanceOf(AuthError);
      expect(error.message).toContain('Secrets Manager at 127.0.0.1');
    });

    it('temporary keys work with sessionTokenSecretRef, and are refused without their token', async () => {
      const roleArn = await createIamRole(
        endpoint,
        'temporary-keys',
        [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
        [readSecrets],
      );
      const sts = new STSClient({ region, endpoint, credentials: reader });
      const session = await sts.send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'handed-out' }),
      );
      sts.destroy();
      const temporary = {
        accessKeyId: session.Credentials?.AccessKeyId ?? '',
        secretAccessKey: session.Credentials?.SecretAccessKey ?? '',
      };
      const withToken = await clientFor(
        {
          auth: {
            secretRef: { ...keyAuth.auth.secretRef, sessionTokenSecretRef: { name: 'aws', key: 'token' } },
          },
        },
        { ...keyCredentials(temporary), sessionToken: bytes(session.Credentials?.SessionToken ?? '') },
      );
      const withoutToken = await clientFor(keyAuth, keyCredentials(temporary));
      await setIamChecks(endpoint, true);
      expect(text(await withToken.getSecret({ key: 'keyed' }, signal()))).toBe('keyed-value-Ks1');
      await expect(withoutToken.getSecret({ key: 'keyed' }, signal())).rejects.toBeInstanceOf(AuthError);
    });
  });

  describe('roles (role, externalID, sessionTags, additionalRoles)', () => {
    let reader: { arn: string; accessKeyId: string; secretAccessKey: string };
    let guardedRole: string;
    beforeAll(async () => {
      await seedSecret('behind-role', 'behind-role-Br1');
      reader = await createIamUser(endpoint, 'role-reader', [assumeRoles]);
      guardedRole = await createIamRole(
        endpoint,
        'guarded',
        [
          {
            Effect: 'Allow',
            Principal: { AWS: reader.arn },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:ExternalId': 'shared-id-Ex1' } },
          },
        ],
        [readSecrets],
      );
    });
    const roleAuth = (externalID: string) => ({
      ...keyAuth,
      role: guardedRole,
      externalID,
      sessionTags: [{ key: 'team', value: 'payments' }],
      transitiveTagKeys: ['team'],
    });

    it('assumes role with its externalID; one session serves many concurrent reads', async () => {
      const before = (await roleSessions(endpoint)).length;
      const client = await clientFor(roleAuth('shared-id-Ex1'), keyCredentials(reader));
      await setIamChecks(endpoint, true);
      const values = await Promise.all(
        Array.from({ length: 20 }, () => client.getSecret({ key: 'behind-role' }, signal())),
      );
      expect(new Set(values.map(text))).toEqual(new Set(['behind-role-Br1']));
      expect(await client.validate(signal())).toBe('Ready');
      const sessions = (await roleSessions(endpoint)).slice(before);
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ roleArn: guardedRole, externalId: 'shared-id-Ex1' });
    });

    it('a wrong externalID is an AuthError naming the role, from reads and from validate', async () => {
      const client = await clientFor(roleAuth('wrong-id-Ex2'), keyCredentials(reader));
      await setIamChecks(endpoint, true);
      const errors = await Promise.all(
        [client.getSecret({ key: 'behind-role' }, signal()), client.validate(signal())].map(failureOf),
      );
      for (const error of errors) {
        expect(error).toBeInstanceOf(AuthError);
        expect(error.message).toContain(`may not assume role ${guardedRole}`);
        expect(error.message).not.toContain(reader.secretAccessKey);
      }
    });

    it('assumes additionalRoles in order before role', async () => {
      const hop = await createIamRole(
        endpoint,
        'hop',
        [{ Effect: 'Allow', Principal: { AWS: reader.arn }, Action: 'sts:AssumeRole' }],
        [assumeRoles],
      );
      const target = await createIamRole(
        endpoint,
        'target',
        [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
        [readSecrets],
      );
      const before = (await roleSessions(endpoint)).length;
      const client = await clientFor(
        { ...keyAuth, additionalRoles: [hop], role: target },
        keyCredentials(reader),
      );
      await setIamChecks(endpoint, true);
      expect(text(await client.getSecret({ key: 'behind-role' }, signal()))).toBe('behind-role-Br1');
      const sessions = (await roleSessions(endpoint)).slice(before);
      expect(sessions.map((session) => session.roleArn)).toEqual([hop, target]);
    });

    it('refreshes the role session before it expires, once for all concurrent reads', async () => {
      const client = await clientFor(roleAuth('shared-id-Ex1'), keyCredentials(reader));
      const sessionCount = async () => (await roleSessions(endpoint)).length;
      const start = await sessionCount();
      await client.getSecret({ key: 'behind-role' }, signal());
      // moto's one-hour session ends within an hour of now, by the same system clock.
      const firstEndsBy = Date.now() + 3600_000;
      expect(await sessionCount()).toBe(start + 1);
      // So that a session started from here ends measurably later than the first.
      await sleep(1_500);
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        vi.setSystemTime(firstEndsBy - 30 * 60_000);
        await client.getSecret({ key: 'behind-role' }, signal());
        expect(await sessionCount()).toBe(start + 1);
        // Just under five minutes before the first session ends (the SDK's refresh window), and
        // more than five before a session started now would: the next reads renew it, once.
        vi.setSystemTime(firstEndsBy - 5 * 60_000 + 500);
        const values = await Promise.all(
          Array.from({ length: 10 }, () => client.getSecret({ key: 'behind-role' }, signal())),
        );
        expect(new Set(values.map(text))).toEqual(new Set(['behind-role-Br1']));
        expect(await sessionCount()).toBe(start + 2);
        await client.getSecret({ key: 'behind-role' }, signal());
        expect(await sessionCount()).toBe(start + 2);
      } finally {
        vi.useRealTimers();
      }
    });
  });

  describe('web identity (auth.jwt) with a TokenRequest token of the real API server', () => {
    const admin = adminKubeConfig();
    let namespace: string;
    beforeAll(async () => {
      namespace = await createTestNamespace(admin, 'provider-aws');
      await admin
        .makeApiClient(CoreV1Api)
        .createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'secrets-reader' } } });
      await seedSecret('for-workload', 'for-workload-Wi1');
      await seedSecret('for-workload-too', 'for-workload-Wi2');
    });
    afterAll(async () => {
      await deleteNamespace(admin, namespace);
    });

    it('exchanges the ServiceAccount token for the role, audience sts.amazonaws.com', async () => {
      const roleArn = await createIamRole(
        endpoint,
        'workload',
        [
          {
            Effect: 'Allow',
            Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/cluster' },
            Action: 'sts:AssumeRoleWithWebIdentity',
          },
        ],
        [readSecrets],
      );
      const config = storeConfig({
        auth: { jwt: { serviceAccountRef: { name: 'secrets-reader' } } },
        role: roleArn,
      });
      const [ref] = aws.credentialRefs(config);
      expect(ref).toMatchObject({
        kind: 'serviceAccountToken',
        serviceAccountName: 'secrets-reader',
        audiences: ['sts.amazonaws.com'],
      });
      // What the controller does for a serviceAccountToken credential.
      const token = await mintServiceAccountToken(admin, namespace, 'secrets-reader', {
        audiences: ref?.kind === 'serviceAccountToken' ? (ref.audiences ?? []) : [],
        expirationSeconds: 600,
      });
      const claims = jwtClaims(token);
      expect(claims.aud).toEqual(['sts.amazonaws.com']);

      const before = (await roleSessions(endpoint)).length;
      const client = await aws.newClient(config, { webIdentityToken: bytes(token) }, testTransport);
      clients.push(client);
      // moto serves the unsigned AssumeRoleWithWebIdentity only while its IAM checks are off.
      expect(text(await client.getSecret({ key: 'for-workload' }, signal()))).toBe('for-workload-Wi1');
      const sessions = (await roleSessions(endpoint)).slice(before);
      expect(sessions.map((session) => session.roleArn)).toEqual([roleArn]);
      // The session's keys, not any key of the test, sign what follows: IAM checks now accept them.
      await setIamChecks(endpoint, true);
      expect(text(await client.getSecret({ key: 'for-workload-too' }, signal()))).toBe('for-workload-Wi2');
    });
  });

  describe("web identity with the role named by the ServiceAccount's eks.amazonaws.com/role-arn annotation (as ESO)", () => {
    const admin = adminKubeConfig();
    let namespace: string;
    beforeAll(async () => {
      namespace = await createTestNamespace(admin, 'provider-aws-irsa');
      await seedSecret('for-annotated', 'for-annotated-Ir1');
    });
    afterAll(async () => {
      await deleteNamespace(admin, namespace);
    });

    it('reads the role from the real ServiceAccount, and says so when the annotation is missing', async () => {
      const roleArn = await createIamRole(
        endpoint,
        'annotated',
        [
          {
            Effect: 'Allow',
            Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/cluster' },
            Action: 'sts:AssumeRoleWithWebIdentity',
          },
        ],
        [readSecrets],
      );
      const core = admin.makeApiClient(CoreV1Api);
      await core.createNamespacedServiceAccount({
        namespace,
        body: { metadata: { name: 'irsa', annotations: { 'eks.amazonaws.com/role-arn': roleArn } } },
      });
      await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'plain' } } });
      const config = (account: string) =>
        storeConfig({ auth: { jwt: { serviceAccountRef: { name: account } } } });
      const scope = { kind: 'SecretStore' as const, name: 'aws', namespace };
      const kube = new ClusterClient(admin, 'provider-aws-test');
      // What the controller does: resolve every credential the provider asks for, then build the client.
      const credentials = await resolveCredentials(aws.credentialRefs(config('irsa')), scope, kube);
      expect(text(credentials.values['roleArn'] ?? new Uint8Array())).toBe(roleArn);
      const before = (await roleSessions(endpoint)).length;
      const client = await aws.newClient(config('irsa'), credentials.values, testTransport);
      clients.push(client);
      expect(text(await client.getSecret({ key: 'for-annotated' }, signal()))).toBe('for-annotated-Ir1');
      expect((await roleSessions(endpoint)).slice(before).map((session) => session.roleArn)).toEqual([
        roleArn,
      ]);

      await expect(resolveCredentials(aws.credentialRefs(config('plain')), scope, kube)).rejects.toThrow(
        `ServiceAccount ${namespace}/plain has no annotation "eks.amazonaws.com/role-arn"`,
      );
    });
  });

  describe("the AWS SDK's default chain (no auth)", () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) {
        if (saved[name] === undefined) Reflect.deleteProperty(process.env, name);
        else process.env[name] = saved[name];
      }
    });

    it("uses the operator's environment, and then assumes role", async () => {
      await seedSecret('from-environment', 'from-environment-Dc1');
      const envUser = await createIamUser(endpoint, 'environment-user', [assumeRoles]);
      const roleArn = await createIamRole(
        endpoint,
        'environment-role',
        [{ Effect: 'Allow', Principal: { AWS: envUser.arn }, Action: 'sts:AssumeRole' }],
        [readSecrets],
      );
      process.env['AWS_ACCESS_KEY_ID'] = envUser.accessKeyId;
      process.env['AWS_SECRET_ACCESS_KEY'] = envUser.secretAccessKey;
      Reflect.deleteProperty(process.env, 'AWS_SESSION_TOKEN');
      Reflect.deleteProperty(process.env, 'AWS_PROFILE');
      const config = storeConfig({ role: roleArn });
      // The operator's own identity is asked for; the controller grants it by the store's kind.
      expect(aws.credentialRefs(config).map((ref) => ref.kind)).toEqual(['operatorIdentity']);
      const client = await clientFor({ role: roleArn }, operatorIdentityGranted);
      await setIamChecks(endpoint, true);
      expect(text(await client.getSecret({ key: 'from-environment' }, signal()))).toBe(
        'from-environment-Dc1',
      );
    });
  });

  describe("the operator's environment: what `make run` gets from .dev/providers.env", () => {
    const names = ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];
    const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
    afterEach(() => {
      for (const name of names) {
        const value = saved[name];
        if (value === undefined) Reflect.deleteProperty(process.env, name);
        else process.env[name] = value;
      }
    });

    it('a store with neither endpoint nor auth uses the default chain’s credentials, but never AWS_ENDPOINT_URL', async () => {
      await seedSecret('via-environment-endpoint', 'via-env-endpoint-Gg4');
      for (const name of names) process.env[name] = server.env[name] ?? '';
      const client = await aws.newClient(
        aws.configSchema.parse({ service: 'SecretsManager', region }),
        operatorIdentityGranted,
        testTransport,
      );
      clients.push(client);
      // The region's public endpoint is what it tries (unreachable here, or refusing moto's keys),
      // not the local server the operator's environment names for every store.
      const error = await failureOf(client.getSecret({ key: 'via-environment-endpoint' }, signal()));
      expect(error.message).toMatch(new RegExp(`^aws: .*${region}`));
      expect(error.message).not.toContain(new URL(server.env['AWS_ENDPOINT_URL'] ?? '').host);
      // The same store with its own endpoint reaches that server with the same default chain.
      const named = await aws.newClient(
        aws.configSchema.parse({ service: 'SecretsManager', region, endpoint }),
        operatorIdentityGranted,
        testTransport,
      );
      clients.push(named);
      expect(text(await named.getSecret({ key: 'via-environment-endpoint' }, signal()))).toBe(
        'via-env-endpoint-Gg4',
      );
    });
  });

  describe('failures', () => {
    it('an endpoint nobody listens on is UnavailableError naming it', async () => {
      const port = await freeLoopbackPort();
      const client = await clientFor({ ...keyAuth, endpoint: `http://127.0.0.1:${String(port)}` }, anyKeys);
      const error = await failureOf(client.getSecret({ key: 'anything' }, signal()));
      expect(error).toBeInstanceOf(UnavailableError);
      expect(error.message).toBe(
        `aws: cannot reach Secrets Manager at 127.0.0.1:${String(port)} (ECONNREFUSED)`,
      );
    });

    it('aborting the signal cancels a request in flight', async () => {
      await seedSecret('slow', 'slow-Ab1');
      const client = await clientFor(keyAuth, anyKeys);
      const controller = new AbortController();
      const reading = client.getSecret({ key: 'slow' }, controller.signal);
      controller.abort();
      await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    });
  });
});

describe('spec.provider.aws at admission (generated CRDs on the real API server)', () => {
  const admin = adminKubeConfig();
  const objects = KubernetesObjectApi.makeApiClient(admin);
  let namespace: string;
  let counter = 0;
  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'aws-admission');
  });
  afterAll(async () => {
    await deleteNamespace(admin, namespace);
  });

  /** The API server's answer to a create: undefined when stored, else its message. */
  const rejectionOf = async (object: KubernetesObject): Promise<string | undefined> => {
    try {
      await objects.create(object);
      return undefined;
    } catch (error) {
      const body = (error as { body?: unknown }).body;
      return typeof body === 'string'
        ? ((JSON.parse(body) as { message?: string }).message ?? body)
        : String(error);
    }
  };
  const store = (aws: Record<string, unknown>): KubernetesObject =>
    ({
      apiVersion: 'ferry.dev/v1alpha1',
      kind: 'SecretStore',
      metadata: { name: `aws-${String(++counter)}`, namespace },
      spec: { provider: { aws: { service: 'SecretsManager', region: 'eu-west-1', ...aws } } },
    }) as KubernetesObject;
  const jwt = { jwt: { serviceAccountRef: { name: 'reader', audiences: ['extra'] } } };
  const role = 'arn:aws:iam::123456789012:role/reader';

  it('accepts the examples and ESO-shaped stores', async () => {
    for (const file of [
      'secret-store.yaml',
      'secret-store-web-identity.yaml',
      'secret-store-moto.yaml',
      'external-secret.yaml',
    ]) {
      for (const object of loadExample(`aws/${file}`, namespace)) {
        // The store files all name their store "aws-secrets-manager": one namespace holds them all here.
        const named = {
          ...object,
          metadata: Object.assign({}, object.metadata, {
            name: `${object.metadata?.name ?? ''}-${String(++counter)}`,
          }),
        };
        expect(await rejectionOf(named)).toBeUndefined();
      }
    }
    expect(
      await rejectionOf(
        store({
          auth: jwt,
          additionalRoles: ['arn:aws:iam::123456789012:role/irsa'],
          role,
          externalID: 'shared-id',
          sessionTags: [{ key: 'team', value: 'payments' }],
          transitiveTagKeys: ['team'],
          secretsManager: { forceDeleteWithoutRecovery: true },
        }),
      ),
    ).toBeUndefined();
    expect(await rejectionOf(store({}))).toBeUndefined();
    // ESO's IRSA shape: the role comes from the ServiceAccount's annotation.
    expect(await rejectionOf(store({ auth: jwt }))).toBeUndefined();
  });

  it.each([
    [
      { service: 'ParameterStore' },
      'service ParameterStore is not supported by Ferry yet; use SecretsManager',
    ],
    [
      { externalID: 'shared-id' },
      'externalID, sessionTags and transitiveTagKeys apply when assuming role: set role',
    ],
    [{ auth: jwt, role, externalID: 'shared-id' }, 'put that web identity role first in additionalRoles'],
    [{ sessionTagsPolicy: 'Custom' }, 'sessionTagsPolicy Simple and Custom are not supported by Ferry yet'],
    [
      {
        auth: {
          ...jwt,
          secretRef: {
            accessKeyIDSecretRef: { name: 'a', key: 'id' },
            secretAccessKeySecretRef: { name: 'a', key: 'secret' },
          },
        },
        role,
      },
      'auth takes at most one of secretRef or jwt',
    ],
    [{ region: 'Europe' }, 'spec.provider.aws.region'],
    [{ role: 'reader' }, 'spec.provider.aws.role'],
    [{ endpoint: 'secretsmanager.local' }, 'spec.provider.aws.endpoint'],
  ])('rejects %j, saying why', async (fields, message) => {
    expect(await rejectionOf(store(fields))).toContain(message);
  });
});
