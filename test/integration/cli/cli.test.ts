// The `ferry` CLI as a user runs it — a child process, output piped, pointed at a cluster with
// --kubeconfig — against the real control plane and a real operator watching the test namespace,
// with stores of the built-in `fake` provider.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { freeLoopbackPort } from '../../controlplane/index.ts';
import {
  adminKubeConfig,
  adminKubeconfigPath,
  createTestNamespace,
  deleteNamespace,
  serviceAccountKubeConfig,
} from '../../support/cluster.ts';
import { applyObjects } from '../../support/manifests.ts';
import { startNamespacedOperator, stopAndCheckOutput } from '../../support/namespaced-operator.ts';
import type { OperatorProcess } from '../../support/operator-process.ts';
import {
  decoded,
  eventually,
  readExternalSecret,
  readSecret,
  readyCondition,
  waitForReason,
} from '../../support/waiting.ts';
import { ferry, tableRows, type FerryRun } from './ferry-process.ts';

const api = 'ferry.dev/v1alpha1';
// Values planted in the stores: no output of the CLI (nor the operator's logs) may ever show one.
const planted = ['cli-pass-v1', 'rotating-v1', 'rotating-v2', 'fragile-pass', 'broken-not-json'];
const escape = '\u001b';

describe('the ferry CLI against a real cluster and operator', () => {
  const admin = adminKubeConfig();
  const custom = admin.makeApiClient(CustomObjectsApi);
  let namespace: string;
  let operator: OperatorProcess;
  const runs: FerryRun[] = [];
  const kubeconfigs = mkdtempSync(join(tmpdir(), 'ferry-cli-kubeconfigs-'));

  /** ferry ARGS --kubeconfig ADMIN, remembered for the check that no value was ever printed. */
  async function run(...args: string[]): Promise<FerryRun> {
    const result = await ferry([...args, '--kubeconfig', adminKubeconfigPath()]);
    runs.push(result);
    return result;
  }

  const externalSecret = (
    name: string,
    spec: Record<string, unknown>,
  ): KubernetesObject & { spec: unknown } => ({
    apiVersion: api,
    kind: 'ExternalSecret',
    metadata: { name, namespace },
    spec,
  });

  const storeData = (rotating: string, fragile: string): { key: string; value: string }[] => [
    { key: '/db/credentials', value: '{"username":"app","password":"cli-pass-v1"}' },
    { key: '/rotating', value: rotating },
    { key: '/fragile', value: fragile },
    { key: '/broken', value: 'broken-not-json' },
  ];

  /** Changes the fake store's values and waits until the operator has seen the new generation. */
  async function changeStore(rotating: string, fragile: string): Promise<void> {
    const options = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const base = { group: 'ferry.dev', version: 'v1alpha1', namespace, plural: 'secretstores', name: 'fake' };
    const patched = (await custom.patchNamespacedCustomObject(
      { ...base, body: { spec: { provider: { fake: { data: storeData(rotating, fragile) } } } } },
      options,
    )) as { metadata: { generation: number } };
    await vi.waitFor(async () => {
      const store = (await custom.getNamespacedCustomObject(base)) as {
        status?: { observedGeneration?: number };
      };
      expect(store.status?.observedGeneration).toBe(patched.metadata.generation);
    }, eventually);
  }

  beforeAll(async () => {
    namespace = await createTestNamespace(admin, 'cli');
    operator = await startNamespacedOperator(namespace);
    await applyObjects(admin, [
      {
        apiVersion: api,
        kind: 'SecretStore',
        metadata: { name: 'fake', namespace },
        spec: { provider: { fake: { data: storeData('rotating-v1', '{"password":"fragile-pass"}') } } },
      } as KubernetesObject,
      externalSecret('app-db', {
        secretStoreRef: { name: 'fake' },
        refreshInterval: '1h',
        data: [
          { secretKey: 'username', remoteRef: { key: '/db/credentials', property: 'username' } },
          { secretKey: 'password', remoteRef: { key: '/db/credentials', property: 'password' } },
        ],
      }),
      // OnChange: a changed store value reaches the Secret only through a forced sync.
      externalSecret('rotating', {
        secretStoreRef: { name: 'fake' },
        refreshPolicy: 'OnChange',
        data: [{ secretKey: 'value', remoteRef: { key: '/rotating' } }],
      }),
      externalSecret('fragile', {
        secretStoreRef: { name: 'fake' },
        refreshPolicy: 'OnChange',
        data: [{ secretKey: 'password', remoteRef: { key: '/fragile', property: 'password' } }],
      }),
      // Broken from the start: the value is not JSON, so the property cannot be read.
      externalSecret('broken', {
        secretStoreRef: { name: 'fake' },
        data: [{ secretKey: 'x', remoteRef: { key: '/broken', property: 'x' } }],
      }),
    ]);
    for (const name of ['app-db', 'rotating', 'fragile'])
      await waitForReason(admin, namespace, name, 'SecretSynced');
    await waitForReason(admin, namespace, 'broken', 'InvalidSpec');
  });

  afterAll(async () => {
    for (const { stdout, stderr } of runs)
      for (const value of planted) expect(stdout + stderr).not.toContain(value);
    await stopAndCheckOutput(operator, planted);
    await deleteNamespace(admin, namespace);
    rmSync(kubeconfigs, { recursive: true, force: true });
  });

  it('status lists the namespace’s ExternalSecrets as tab-separated lines without colour when piped', async () => {
    const { code, stdout, stderr } = await run('status', '-n', namespace);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).not.toContain(escape);
    const rows = tableRows(stdout);
    expect(rows.map((row) => row['NAME'])).toEqual(['app-db', 'broken', 'fragile', 'rotating']);
    const byName = new Map(rows.map((row) => [row['NAME'], row]));
    expect(byName.get('app-db')).toMatchObject({
      STORE: 'SecretStore/fake',
      READY: 'True',
      REASON: 'SecretSynced',
      'LAST SYNC': expect.stringMatching(/^\d+s$/) as unknown,
      'NEXT REFRESH': expect.stringMatching(/^in \d+/) as unknown,
    });
    expect(byName.get('rotating')).toMatchObject({ READY: 'True', 'NEXT REFRESH': 'on change' });
    expect(byName.get('broken')).toMatchObject({
      READY: 'False',
      REASON: 'InvalidSpec',
      'LAST SYNC': 'never',
      'NEXT REFRESH': 'on change',
    });
  });

  it('status -A adds the namespace column; -n picks the namespace, NAME picks ExternalSecrets', async () => {
    const all = await run('status', '-A');
    expect(all.code).toBe(0);
    const ours = tableRows(all.stdout).filter((row) => row['NAMESPACE'] === namespace);
    expect(ours.map((row) => row['NAME'])).toEqual(['app-db', 'broken', 'fragile', 'rotating']);

    const named = await run('status', 'rotating', 'app-db', `--namespace=${namespace}`, '--no-headers');
    expect(named.code).toBe(0);
    expect(named.stdout.split('\n').map((line) => line.split('\t')[0])).toEqual(['app-db', 'rotating', '']);
  });

  it('status without -n uses the namespace of the kubeconfig context, as kubectl does', async () => {
    const kubeConfig = adminKubeConfig();
    const context = kubeConfig.getCurrentContext();
    kubeConfig.contexts = kubeConfig.contexts.map((entry) =>
      entry.name === context ? { ...entry, namespace } : entry,
    );
    const kubeconfig = join(kubeconfigs, 'with-namespace');
    writeFileSync(kubeconfig, kubeConfig.exportConfig());
    const result = await ferry(['status', '--kubeconfig', kubeconfig, '--context', context]);
    runs.push(result);
    expect(result.code).toBe(0);
    expect(tableRows(result.stdout).map((row) => row['NAME'])).toEqual([
      'app-db',
      'broken',
      'fragile',
      'rotating',
    ]);
  });

  it('status with a name that does not exist prints the others and exits 1', async () => {
    const { code, stdout, stderr } = await run('status', 'app-db', 'nope', '-n', namespace);
    expect(code).toBe(1);
    expect(tableRows(stdout).map((row) => row['NAME'])).toEqual(['app-db']);
    expect(stderr).toBe(
      `error: ExternalSecret "nope" not found in namespace "${namespace}" (ferry status -n ${namespace} lists the ones there)\n`,
    );
  });

  it('status -o json and -o yaml carry each ExternalSecret’s status data', async () => {
    const json = await run('status', '-n', namespace, '-o', 'json');
    expect(json.code).toBe(0);
    const { items } = JSON.parse(json.stdout) as {
      items: {
        name: string;
        ready: string;
        stores: unknown;
        nextRefresh: { kind: string; at?: string };
        status: { history: { action: string }[]; syncedResourceVersion: string };
      }[];
    };
    const appDb = items.find((item) => item.name === 'app-db');
    expect(appDb).toMatchObject({ ready: 'True', stores: [{ kind: 'SecretStore', name: 'fake' }] });
    expect(appDb?.status.history[0]?.action).toBe('Created');
    expect(appDb?.nextRefresh.kind).toBe('scheduled');
    expect(Date.parse(appDb?.nextRefresh.at ?? '')).toBeGreaterThan(Date.now());

    const yaml = await run('status', 'broken', '-n', namespace, '-o', 'yaml');
    expect(yaml.code).toBe(0);
    expect(parseYaml(yaml.stdout)).toMatchObject({
      items: [{ name: 'broken', ready: 'False', reason: 'InvalidSpec' }],
    });
  });

  it('sync makes an OnChange ExternalSecret read the store’s new value, and exits 0 once synced', async () => {
    await changeStore('rotating-v2', '{"password":"fragile-pass"}');
    // The operator has seen the new store; an OnChange ExternalSecret does not follow it by itself.
    expect(decoded(await readSecret(admin, namespace, 'rotating'))).toEqual({ value: 'rotating-v1' });

    const { code, stdout, stderr } = await run('sync', 'rotating', '-n', namespace, '--timeout', '60s');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(
      new RegExp(
        `^sync requested: ExternalSecret ${namespace}/rotating \\(ferry\\.dev/force-sync=[^)]+\\)\n`,
      ),
    );
    expect(stdout).toMatch(/\nsynced in \S+: Secret "rotating" updated \(SecretSynced\)\n$/);
    expect(stdout).not.toContain(escape);
    expect(decoded(await readSecret(admin, namespace, 'rotating'))).toEqual({ value: 'rotating-v2' });
    const es = await readExternalSecret(admin, namespace, 'rotating');
    expect(es.status?.history?.map((entry) => entry.action)).toEqual(['Created', 'Updated']);
  });

  it('sync exits 1 with the reason and message when the sync it requested fails', async () => {
    await changeStore('rotating-v2', '{"user":"nobody"}');
    expect(readyCondition(await readExternalSecret(admin, namespace, 'fragile'))?.status).toBe('True');

    const { code, stderr } = await run('sync', 'fragile', '-n', namespace);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `sync failed: RemoteValueNotFound: spec.data[0] (password): fake: key "/fragile" has no property "password"; Ferry tries again with backoff (at least every 5 minutes), so adding it to the store is enough\n  ferry explain fragile -n ${namespace} shows its history and Events\n`,
    );
    // A provider problem never blanks the Secret: it keeps the last good value.
    expect(decoded(await readSecret(admin, namespace, 'fragile'))).toEqual({ password: 'fragile-pass' });
  });

  it('sync of an ExternalSecret that keeps failing the same way exits 1 with the reason', async () => {
    // The operator records the same failure again for the forced sync (a new spec version), so the
    // answer comes from the operator, not from the timeout.
    const { code, stderr } = await run('sync', 'broken', '-n', namespace, '--timeout', '20s');
    expect(code).toBe(1);
    expect(stderr).not.toContain('timed out');
    expect(stderr).toContain('InvalidSpec');
    expect(stderr).toContain('key "/broken" is not JSON');
  });

  it('sync --no-wait sets the force-sync annotation and returns at once', async () => {
    const { code, stdout } = await run('sync', 'app-db', '-n', namespace, '--no-wait');
    expect(code).toBe(0);
    const value = /ferry\.dev\/force-sync=([^)]+)\)/.exec(stdout)?.[1];
    const es = await readExternalSecret(admin, namespace, 'app-db');
    expect(es.metadata.annotations?.['ferry.dev/force-sync']).toBe(value);
  });

  it('sync of an ExternalSecret that does not exist exits 1 and says where it looked', async () => {
    const { code, stderr } = await run('sync', 'nope', '-n', namespace);
    expect(code).toBe(1);
    expect(stderr).toContain(`error: ExternalSecret "nope" not found in namespace "${namespace}"`);
  });

  it('explain shows the spec in short, conditions, history and Events', async () => {
    const { code, stdout, stderr } = await run('explain', 'app-db', '-n', namespace);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).not.toContain(escape);
    expect(stdout).toContain(`Namespace: ${namespace}\n`);
    expect(stdout).toContain('Store:     SecretStore/fake\n');
    expect(stdout).toMatch(/Refresh: {3}Periodic, every 1h \(next: /);
    expect(stdout).toContain('Target:    Secret "app-db" (creationPolicy Owner, deletionPolicy Retain)\n');
    expect(stdout).toContain('Data:      2 data entries, 0 dataFrom entries\n');
    expect(stdout).toMatch(
      /\nConditions:\n {2}TYPE +STATUS +REASON +AGE +MESSAGE\n {2}Ready +True +SecretSynced +\S+ +Secret \S.*\n/,
    );
    expect(stdout).toMatch(
      /\nHistory \(oldest first\):\n {2}TIME .*\n {2}\S+Z +\S+ ago +Created +SecretSynced +1 +[0-9a-f]{12} +-\n/,
    );
    expect(stdout).toMatch(
      /\nEvents \(oldest first\):\n {2}TYPE .*\n {2}Normal +SecretSynced +\S+ +ferry\.dev\/externalsecret-controller +Secret "app-db" created\n/,
    );
  });

  it('explain -o json carries the status, the history and the Warning Events of a failing ExternalSecret', async () => {
    const { code, stdout } = await run('explain', 'broken', '-n', namespace, '-o', 'json');
    expect(code).toBe(0);
    const explanation = JSON.parse(stdout) as {
      name: string;
      status: { conditions: { reason: string }[]; history: { action: string; reason: string }[] };
      events: { type: string; reason: string; note: string }[];
    };
    expect(explanation.name).toBe('broken');
    expect(explanation.status.conditions[0]?.reason).toBe('InvalidSpec');
    expect(explanation.status.history[0]).toMatchObject({ action: 'Failed', reason: 'InvalidSpec' });
    expect(explanation.events).toContainEqual(
      expect.objectContaining({
        type: 'Warning',
        reason: 'InvalidSpec',
        note: expect.stringContaining('/broken') as unknown,
      }),
    );
  });

  it('exits 3 with one line when the cluster cannot be reached', async () => {
    const port = await freeLoopbackPort();
    const kubeconfig = join(kubeconfigs, 'unreachable');
    writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'gone', cluster: { server: `https://127.0.0.1:${String(port)}` } }],
        users: [{ name: 'someone', user: { token: 'not-a-real-token' } }],
        contexts: [{ name: 'nowhere', context: { cluster: 'gone', user: 'someone' } }],
        'current-context': 'nowhere',
      }),
    );
    const result = await ferry(['status', '--kubeconfig', kubeconfig]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      new RegExp(
        `^error: cannot list ExternalSecrets in namespace "default": cannot reach the cluster at https://127\\.0\\.0\\.1:${String(port)} \\(kubeconfig context "nowhere"\\): .*ECONNREFUSED.*\n$`,
      ),
    );
  });

  it('exits 3 with one line when RBAC forbids reading ExternalSecrets', async () => {
    const nobody = await serviceAccountKubeConfig(admin, namespace, 'nobody');
    const kubeconfig = join(kubeconfigs, 'nobody');
    writeFileSync(kubeconfig, nobody.exportConfig());
    const result = await ferry(['explain', 'app-db', '-n', namespace, '--kubeconfig', kubeconfig]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /^error: cannot get ExternalSecret "app-db" in namespace ".*": forbidden \(.*cannot get resource "externalsecrets".*\); ask for RBAC that allows "get" on externalsecrets\.ferry\.dev, or choose another --context\n$/,
    );
  });
});
