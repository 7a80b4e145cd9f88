// The end-to-end cases every provider passes: remote secrets created through the store's own API,
// a real operator process syncing them, and the Kubernetes Secret's bytes asserted. Each provider's
// file under test/integration/sync/ calls describeSyncConformance with a SyncTarget for its server.
import { randomBytes } from 'node:crypto';
import type { KubernetesObject } from '@kubernetes/client-node';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminKubeConfig, createTestNamespace, deleteNamespace } from './cluster.ts';
import { applyObjects } from './manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from './namespaced-operator.ts';
import type { OperatorProcess } from './operator-process.ts';
import { eventually, readExternalSecret, readSecret, readyCondition, waitForReason } from './waiting.ts';

export interface SyncTarget {
  /**
   * The spec.provider block of a SecretStore in `namespace` that reads what `put` writes, and any
   * objects it needs there (credential Secrets). `broken` asks for wrong credentials.
   */
  store(namespace: string, options: { broken: boolean }): Promise<StoreSetup>;
  /** Creates or replaces a remote secret through the store's own API. */
  put(name: string, value: string | Uint8Array, options?: { tags?: Record<string, string> }): Promise<void>;
  /**
   * Stores a structured secret. By default its JSON as one value; a store with native maps (Vault)
   * stores the fields.
   */
  putDocument?(name: string, document: Record<string, unknown>): Promise<void>;
  /** Deletes a remote secret (for good: no recovery window). */
  remove(name: string): Promise<void>;
  /**
   * The remoteRef fields that read a plain value `put` stored. A store that keeps only maps (Vault)
   * stores it under a field and names it here; by default `{ key: name }`.
   */
  plainRef?(name: string): { key: string; property?: string };
  /** What find returns for a plain value `put` stored; by default the value itself. */
  foundValue?(value: string): string;
  /** Environment for the operator process (trusted CA files, endpoints). */
  operatorEnv?: Record<string, string>;
}

/** What a store can do, known when the cases are declared: only cases it supports are registered. */
export interface SyncFeatures {
  /** Raw bytes survive as they are; otherwise binary values travel base64-encoded with decodingStrategy Base64. */
  binary: boolean;
  /** find.tags matches what put's `tags` set. */
  tags: boolean;
  /** Remote names may hold `/`, and find.path selects the secrets under a path. */
  path: boolean;
  /** The store has credentials that can be wrong. */
  credentials: boolean;
}

export interface StoreSetup {
  provider: Record<string, unknown>;
  objects?: KubernetesObject[];
  /** Credentials among `objects` (a client secret, a token) that no status, Event or log may show. */
  secretValues?: string[];
}

const api = 'ferry.dev/v1alpha1';
const text = (data: string | undefined): string => Buffer.from(data ?? '', 'base64').toString('utf8');

// Values shaped like what teams store, byte-exact, each distinctive so that a leak is no coincidence.
const sshKey = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACDconformanceSshKeyQx7mZ0Sx0f1bfakeBodyLinesKeepTheirBreaks',
  '-----END OPENSSH PRIVATE KEY-----',
  '',
].join('\n');
const dockerConfig = JSON.stringify({
  auths: {
    'registry.example.com': { username: 'robot', password: 'docker-pass-Ty7u', auth: 'cm9ib3Q6eA==' },
  },
});
const binaryValue = new Uint8Array([0, 1, 2, 0xfe, 0xff, 0x80, 10, 13, 0x7f, 0xc3, 0x28]);

export function describeSyncConformance(
  name: string,
  features: SyncFeatures,
  setup: () => Promise<SyncTarget>,
): void {
  describe(`${name}: ExternalSecrets synced end to end (real server, real operator)`, () => {
    const admin = adminKubeConfig();
    const custom = admin.makeApiClient(CustomObjectsApi);
    // Remote names are unique per run: the server may be shared with other files.
    const prefix = `sc${randomBytes(3).toString('hex')}`;
    const remote = (suffix: string): string => `${prefix}-${suffix}`;
    let target: SyncTarget;
    let namespace = '';
    let operator: OperatorProcess | undefined;
    const planted: string[] = ['docker-pass-Ty7u', 'conformanceSshKey'];

    const externalSecret = (
      esName: string,
      spec: Record<string, unknown>,
    ): KubernetesObject & { spec: unknown } => ({
      apiVersion: api,
      kind: 'ExternalSecret',
      metadata: { name: esName, namespace },
      spec: { secretStoreRef: { name: 'store' }, refreshInterval: '1h', ...spec },
    });
    const secretData = async (secretName: string): Promise<Record<string, string> | undefined> => {
      const secret = await readSecret(admin, namespace, secretName);
      if (!secret) return undefined;
      return Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, text(v)]));
    };
    const ref = (remoteName: string): { key: string; property?: string } =>
      target.plainRef ? target.plainRef(remoteName) : { key: remoteName };
    const found = (value: string): string => (target.foundValue ? target.foundValue(value) : value);
    const putDocument = async (suffix: string, document: Record<string, unknown>): Promise<string> => {
      planted.push(...Object.values(document).filter((v): v is string => typeof v === 'string'));
      if (target.putDocument) await target.putDocument(remote(suffix), document);
      else await target.put(remote(suffix), JSON.stringify(document));
      return remote(suffix);
    };
    const put = async (suffix: string, value: string, tags?: Record<string, string>): Promise<string> => {
      planted.push(value);
      await target.put(remote(suffix), value, tags ? { tags } : undefined);
      return remote(suffix);
    };

    beforeAll(async () => {
      target = await setup();
      namespace = await createTestNamespace(admin, `sync-${name}`);
      const store = await target.store(namespace, { broken: false });
      await applyObjects(admin, [
        ...(store.objects ?? []),
        {
          apiVersion: api,
          kind: 'SecretStore',
          metadata: { name: 'store', namespace },
          spec: { provider: store.provider },
        } as KubernetesObject,
      ]);
      operator = await startNamespacedOperator(namespace, target.operatorEnv);
    });

    afterAll(async () => {
      if (operator) await stopAndCheckOutput(operator, planted);
      if (namespace) await deleteNamespace(admin, namespace);
    });

    it('plain keys, and a nested JSON property', async () => {
      const plain = await put('plain', 'plain-value-Qm3x');
      const json = await putDocument('json', { db: { user: 'json-user-Pz8r', port: 5432 } });
      await applyObjects(admin, [
        externalSecret('plain', {
          data: [
            { secretKey: 'password', remoteRef: ref(plain) },
            { secretKey: 'user', remoteRef: { key: json, property: 'db.user' } },
            { secretKey: 'port', remoteRef: { key: json, property: 'db.port' } },
          ],
        }),
      ]);
      await waitForReason(admin, namespace, 'plain', 'SecretSynced');
      // No target.name: the Secret is named after the ExternalSecret.
      expect(await secretData('plain')).toEqual({
        password: 'plain-value-Qm3x',
        user: 'json-user-Pz8r',
        port: '5432',
      });
    });

    it('dataFrom extract, and extract with a rewrite', async () => {
      const doc = await putDocument('doc', { username: 'doc-user-Lk2w', password: 'doc-pass-Rt5y' });
      await applyObjects(admin, [
        externalSecret('extract', {
          target: { name: 'extracted' },
          dataFrom: [
            { extract: { key: doc } },
            {
              extract: { key: doc },
              rewrite: [{ regexp: { source: '^(.*)$', target: 'app_$1' } }],
            },
          ],
        }),
      ]);
      await waitForReason(admin, namespace, 'extract', 'SecretSynced');
      expect(await secretData('extracted')).toEqual({
        username: 'doc-user-Lk2w',
        password: 'doc-pass-Rt5y',
        app_username: 'doc-user-Lk2w',
        app_password: 'doc-pass-Rt5y',
      });
    });

    it('find by name', async () => {
      await put('found-a', 'found-a-value-Hh1j');
      await put('found-b', 'found-b-value-Nn4k');
      await put('other-c', 'other-value-Bb6v');
      await applyObjects(admin, [
        externalSecret('find-name', { dataFrom: [{ find: { name: { regexp: `^${prefix}-found-` } } }] }),
      ]);
      await waitForReason(admin, namespace, 'find-name', 'SecretSynced');
      expect(await secretData('find-name')).toEqual({
        [remote('found-a')]: found('found-a-value-Hh1j'),
        [remote('found-b')]: found('found-b-value-Nn4k'),
      });
    });

    it('SSH keys, docker config JSON and binary values arrive byte for byte', async () => {
      const ssh = await put('ssh', sshKey);
      const docker = await put('docker', dockerConfig);
      const binary = remote('binary');
      if (features.binary) await target.put(binary, binaryValue);
      else await target.put(binary, Buffer.from(binaryValue).toString('base64'));
      await applyObjects(admin, [
        externalSecret('bytes', {
          data: [
            { secretKey: 'id_ed25519', remoteRef: ref(ssh) },
            {
              secretKey: 'blob',
              remoteRef: { ...ref(binary), ...(features.binary ? {} : { decodingStrategy: 'Base64' }) },
            },
          ],
        }),
        externalSecret('docker', {
          target: { template: { type: 'kubernetes.io/dockerconfigjson' } },
          data: [{ secretKey: '.dockerconfigjson', remoteRef: ref(docker) }],
        }),
      ]);
      await waitForReason(admin, namespace, 'bytes', 'SecretSynced');
      await waitForReason(admin, namespace, 'docker', 'SecretSynced');
      const bytes = await readSecret(admin, namespace, 'bytes');
      expect(text(bytes?.data?.['id_ed25519'])).toBe(sshKey);
      expect([...Buffer.from(bytes?.data?.['blob'] ?? '', 'base64')]).toEqual([...binaryValue]);
      const dockerSecret = await readSecret(admin, namespace, 'docker');
      expect(dockerSecret?.type).toBe('kubernetes.io/dockerconfigjson');
      expect(text(dockerSecret?.data?.['.dockerconfigjson'])).toBe(dockerConfig);
    });

    it('a remote update reaches the Secret on the next refresh', async () => {
      const rotating = await put('rotating', 'rotating-v1-Ww2e');
      await applyObjects(admin, [
        externalSecret('rotating', {
          refreshInterval: '2s',
          data: [{ secretKey: 'value', remoteRef: ref(rotating) }],
        }),
      ]);
      await waitForReason(admin, namespace, 'rotating', 'SecretSynced');
      expect(await secretData('rotating')).toEqual({ value: 'rotating-v1-Ww2e' });
      await put('rotating', 'rotating-v2-Ee9r');
      await vi.waitFor(
        async () => expect(await secretData('rotating')).toEqual({ value: 'rotating-v2-Ee9r' }),
        eventually,
      );
    });

    it('no status churn after a successful sync', async () => {
      const steady = await put('steady', 'steady-value-Cc3d');
      await applyObjects(admin, [
        externalSecret('steady', {
          refreshInterval: '1s',
          data: [{ secretKey: 'value', remoteRef: ref(steady) }],
        }),
      ]);
      await waitForReason(admin, namespace, 'steady', 'SecretSynced');
      // The first refresh may fold "Created" history into status once; after that, nothing moves.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const before = await readExternalSecret(admin, namespace, 'steady');
      const secretBefore = await readSecret(admin, namespace, 'steady');
      await new Promise((resolve) => setTimeout(resolve, 4000));
      const after = await readExternalSecret(admin, namespace, 'steady');
      expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
      expect((await readSecret(admin, namespace, 'steady'))?.metadata?.resourceVersion).toBe(
        secretBefore?.metadata?.resourceVersion,
      );
    });

    it('deleting the remote secret: Delete removes the Secret, Merge empties it, Retain keeps it', async () => {
      const doomed = await put('doomed', 'doomed-value-Vv7b');
      const spec = (deletionPolicy: string): Record<string, unknown> => ({
        refreshInterval: '2s',
        target: { deletionPolicy },
        data: [{ secretKey: 'value', remoteRef: ref(doomed) }],
      });
      await applyObjects(admin, [
        externalSecret('deleting', spec('Delete')),
        externalSecret('merging', spec('Merge')),
        externalSecret('retaining', spec('Retain')),
      ]);
      for (const esName of ['deleting', 'merging', 'retaining'])
        await waitForReason(admin, namespace, esName, 'SecretSynced');
      await target.remove(doomed);
      await waitForReason(admin, namespace, 'deleting', 'SecretDeleted');
      await vi.waitFor(
        async () => expect(await readSecret(admin, namespace, 'deleting')).toBeUndefined(),
        eventually,
      );
      await waitForReason(admin, namespace, 'merging', 'SecretDeleted');
      expect(await secretData('merging')).toEqual({});
      const retaining = await waitForReason(admin, namespace, 'retaining', 'RemoteValueNotFound');
      expect(readyCondition(retaining)?.status).toBe('False');
      expect(readyCondition(retaining)?.message).toContain(doomed);
      // A provider failure never deletes or blanks a Secret.
      expect(await secretData('retaining')).toEqual({ value: 'doomed-value-Vv7b' });
    });

    it('a key or property the store does not have yet is RemoteValueNotFound, and heals once it has it', async () => {
      // GitOps order: the ExternalSecret first, the value later; nothing about the store changes.
      const early = remote('early');
      // A property someone removes, under deletionPolicy Delete: the Secret must stay as it is.
      const partial = await putDocument('partial', {
        user: 'partial-user-Jj5k',
        password: 'partial-pw-Hh6m',
      });
      await applyObjects(admin, [
        externalSecret('early', { data: [{ secretKey: 'value', remoteRef: ref(early) }] }),
        externalSecret('partial', {
          refreshInterval: '2s',
          target: { deletionPolicy: 'Delete' },
          data: [
            { secretKey: 'user', remoteRef: { key: partial, property: 'user' } },
            { secretKey: 'password', remoteRef: { key: partial, property: 'password' } },
          ],
        }),
      ]);
      const waiting = await waitForReason(admin, namespace, 'early', 'RemoteValueNotFound');
      expect(readyCondition(waiting)).toMatchObject({ status: 'False' });
      expect(readyCondition(waiting)?.message).toMatch(/^spec\.data\[0\] \(value\): .*tries again/);
      expect(readyCondition(waiting)?.message).toContain(early);
      await waitForReason(admin, namespace, 'partial', 'SecretSynced');

      await putDocument('partial', { user: 'partial-user-Jj5k' });
      const lacking = await waitForReason(admin, namespace, 'partial', 'RemoteValueNotFound');
      expect(readyCondition(lacking)?.message).toMatch(/^spec\.data\[1\] \(password\): .*"password"/);
      // A missing property is not missing data: deletionPolicy Delete leaves the Secret as it was.
      expect(await secretData('partial')).toEqual({ user: 'partial-user-Jj5k', password: 'partial-pw-Hh6m' });

      await put('early', 'early-value-Ff8n');
      await putDocument('partial', { user: 'partial-user-Jj5k', password: 'partial-pw-2-Gg9p' });
      await vi.waitFor(async () => {
        expect(await secretData('early')).toEqual({ value: 'early-value-Ff8n' });
        expect(await secretData('partial')).toEqual({
          user: 'partial-user-Jj5k',
          password: 'partial-pw-2-Gg9p',
        });
      }, eventually);
      await waitForReason(admin, namespace, 'early', 'SecretSynced');
      await waitForReason(admin, namespace, 'partial', 'SecretSynced');
    });

    if (features.tags) {
      it('find by tags', async () => {
        await put('tagged-a', 'tagged-a-Xx1c', { team: prefix, tier: 'gold' });
        await put('tagged-b', 'tagged-b-Zz2v', { team: prefix, tier: 'silver' });
        await applyObjects(admin, [
          externalSecret('find-tags', { dataFrom: [{ find: { tags: { team: prefix, tier: 'gold' } } }] }),
        ]);
        await waitForReason(admin, namespace, 'find-tags', 'SecretSynced');
        expect(await secretData('find-tags')).toEqual({ [remote('tagged-a')]: found('tagged-a-Xx1c') });
      });
    }

    if (features.path) {
      it('find under a path', async () => {
        await put('team/one', 'team-one-Jj5k');
        await put('team/two', 'team-two-Kk6l');
        await put('elsewhere/three', 'elsewhere-three-Ll7m');
        await applyObjects(admin, [
          externalSecret('find-path', {
            dataFrom: [{ find: { path: remote('team'), name: { regexp: '.*' } } }],
          }),
        ]);
        await waitForReason(admin, namespace, 'find-path', 'SecretSynced');
        // How a found name becomes a key is the store's (ESO's) own; the values say what was found.
        expect(Object.values((await secretData('find-path')) ?? {}).sort()).toEqual([
          found('team-one-Jj5k'),
          found('team-two-Kk6l'),
        ]);
      });
    }

    it('the store is Ready with working credentials', async () => {
      expect(await readStore(custom, namespace, 'store')).toMatchObject({ status: 'True' });
    });

    if (features.credentials) {
      it('a store with wrong credentials is not Ready, and says why', async () => {
        const broken = await target.store(namespace, { broken: true });
        planted.push(...(broken.secretValues ?? []));
        await applyObjects(admin, [
          ...(broken.objects ?? []),
          {
            apiVersion: api,
            kind: 'SecretStore',
            metadata: { name: 'broken-store', namespace },
            spec: { provider: broken.provider },
          } as KubernetesObject,
        ]);
        await vi.waitFor(async () => {
          const ready = await readStore(custom, namespace, 'broken-store');
          expect(ready?.status).toBe('False');
          expect(ready?.message).not.toBe('');
          for (const value of broken.secretValues ?? []) expect(ready?.message).not.toContain(value);
        }, eventually);
      });
    }
  });
}

async function readStore(
  custom: CustomObjectsApi,
  namespace: string,
  name: string,
): Promise<{ status: string; reason: string; message: string } | undefined> {
  return vi.waitFor(async () => {
    const store = (await custom.getNamespacedCustomObject({
      group: 'ferry.dev',
      version: 'v1alpha1',
      namespace,
      plural: 'secretstores',
      name,
    })) as { status?: { conditions?: { type: string; status: string; reason: string; message: string }[] } };
    const ready = store.status?.conditions?.find((condition) => condition.type === 'Ready');
    if (!ready) throw new Error(`SecretStore ${name} has no Ready condition yet`);
    return ready;
  }, eventually);
}
