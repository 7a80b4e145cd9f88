// `make bench-tarpit` / `make bench-outage`: what a dead store costs, against the dev control plane
// and a real OpenBao behind the fault-injecting proxy (test/support/fault-proxy.ts). Prints figures;
// asserts nothing. The operator watches every namespace.
//
//   --scenario=tarpit: N (300) ExternalSecrets read a store whose server accepts connections and
//     never answers; meanwhile a neighbour namespace creates ExternalSecrets one after another, and
//     each one's time to its Secret is recorded (p50/p99) until every tarpit one reports
//     Ready=False (ProviderUnavailable, or before #23 ProviderError); plus the most connections held open to the tarpit.
//   --scenario=outage: N (60) ExternalSecrets (refreshInterval 5s) read a store whose server then
//     refuses connections for 40 s: the time until all are Ready=False, and — the value changed
//     upstream meanwhile — the heal time from the server's return to the last Secret updated.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { openBaoAdmin, startOpenBaoServer } from '../provider-servers/openbao/index.ts';
import { FaultProxy, type FaultMode } from '../support/fault-proxy.ts';
import { OperatorProcess } from '../support/operator-process.ts';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'tarpit' },
    n: { type: 'string', default: '' },
    entry: { type: 'string', default: 'dist/main.mjs' },
    'node-options': { type: 'string', default: process.env['OPERATOR_NODE_OPTIONS'] ?? '' },
    'outage-seconds': { type: 'string', default: '40' },
  },
});
const scenario = values.scenario;
if (scenario !== 'tarpit' && scenario !== 'outage')
  throw new Error(`--scenario=${scenario}: expected tarpit or outage`);
const n = Number(values.n || (scenario === 'tarpit' ? 300 : 60));
const group = 'ferry.dev';
const version = 'v1alpha1';
const kubeConfig = new KubeConfig();
kubeConfig.loadFromDefault();
const core = kubeConfig.makeApiClient(CoreV1Api);
const custom = kubeConfig.makeApiClient(CustomObjectsApi);
const run = `ferry-bench-${randomBytes(3).toString('hex')}`;

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

const createObject = (namespace: string, plural: string, body: object): Promise<unknown> =>
  custom.createNamespacedCustomObject({ group, version, namespace, plural, body });

function store(namespace: string, provider: object): object {
  return {
    apiVersion: `${group}/${version}`,
    kind: 'SecretStore',
    metadata: { name: 'store', namespace },
    spec: { provider },
  };
}

function externalSecret(
  namespace: string,
  name: string,
  key: string,
  refreshInterval: string,
  property?: string,
): object {
  return {
    apiVersion: `${group}/${version}`,
    kind: 'ExternalSecret',
    metadata: { name, namespace },
    spec: {
      refreshInterval,
      secretStoreRef: { name: 'store', kind: 'SecretStore' },
      data: [{ secretKey: 'password', remoteRef: { key, ...(property ? { property } : {}) } }],
    },
  };
}

interface Condition {
  type: string;
  status: string;
  reason: string;
}

async function readyConditions(namespace: string): Promise<(Condition | undefined)[]> {
  const list = (await custom.listNamespacedCustomObject({
    group,
    version,
    namespace,
    plural: 'externalsecrets',
  })) as {
    items: { status?: { conditions?: Condition[] } }[];
  };
  return list.items.map((es) => es.status?.conditions?.find((condition) => condition.type === 'Ready'));
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not after ${String(timeoutMs / 1000)} s`);
    await sleep(100);
  }
}

function startOperator(leaseNamespace: string): Promise<OperatorProcess> {
  const args = [
    `--kubeconfig=${process.env['KUBECONFIG'] ?? ''}`,
    `--leader-election-namespace=${leaseNamespace}`,
    '--log-level=warn',
  ];
  const nodeOptions = values['node-options'];
  return OperatorProcess.start(args, nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}, resolve(values.entry));
}

/** OpenBao with a reader token, behind a proxy in `mode`; the store block that reads through it. */
async function vaultBehindProxy(namespace: string, mode: FaultMode) {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-openbao-'));
  const server = await startOpenBaoServer({ dir, detached: false });
  const admin = openBaoAdmin(server.env);
  await admin.writePolicy('reader', 'path "secret/*" { capabilities = ["read", "list"] }');
  const token = await admin.createToken(['reader']);
  const proxy = await FaultProxy.start({
    target: { host: '127.0.0.1', port: Number(new URL(server.env['VAULT_ADDR'] ?? '').port) },
    mode,
  });
  await core.createNamespacedSecret({
    namespace,
    body: { metadata: { name: 'vault-token' }, stringData: { token } },
  });
  const provider = {
    vault: {
      server: proxy.url,
      path: 'secret',
      version: 'v2',
      auth: { tokenSecretRef: { name: 'vault-token', key: 'token' } },
    },
  };
  return {
    admin,
    proxy,
    provider,
    async stop() {
      await proxy.stop();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function tarpit(): Promise<void> {
  const tarpitNamespace = `${run}-tarpit`;
  const neighbour = `${run}-neighbour`;
  for (const name of [tarpitNamespace, neighbour])
    await core.createNamespace({ body: { metadata: { name } } });
  const vault = await vaultBehindProxy(tarpitNamespace, 'hang');
  await createObject(tarpitNamespace, 'secretstores', store(tarpitNamespace, vault.provider));
  await createObject(
    neighbour,
    'secretstores',
    store(neighbour, { fake: { data: [{ key: 'db', value: 'neighbour' }] } }),
  );
  const operator = await startOperator(neighbour);
  let mostConnections = 0;
  const sampler = setInterval(
    () => (mostConnections = Math.max(mostConnections, vault.proxy.openConnections)),
    20,
  );
  try {
    while ((await operator.get('/readyz').catch(() => ({ status: 0 }))).status !== 200) await sleep(100);
    log(
      `tarpit: ${String(n)} ExternalSecrets in ${tarpitNamespace} behind a proxy that never answers; operator ${values.entry}`,
    );
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let index = next++; index < n; index = next++)
          await createObject(
            tarpitNamespace,
            'externalsecrets',
            externalSecret(tarpitNamespace, `es-${String(index)}`, `key-${String(index)}`, '1h', 'value'),
          );
      }),
    );
    const samples: number[] = [];
    let reportedAt: number | undefined;
    // At least through one request timeout of the tarpit's calls (Vault's 30 s), and until all report.
    while (reportedAt === undefined || Date.now() - started < 45_000) {
      const created = Date.now();
      const name = `sample-${String(samples.length)}`;
      await createObject(neighbour, 'externalsecrets', externalSecret(neighbour, name, 'db', '1h'));
      while (!(await core.readNamespacedSecret({ namespace: neighbour, name }).catch(() => undefined)))
        await sleep(20);
      samples.push(Date.now() - created);
      if (reportedAt === undefined) {
        const conditions = await readyConditions(tarpitNamespace);
        if (conditions.filter((condition) => condition?.status === 'False').length === n)
          reportedAt = Date.now();
      }
      if (Date.now() - started > 600_000)
        throw new Error('the tarpit ExternalSecrets did not all report within 10 minutes');
    }
    const sorted = [...samples].sort((a, b) => a - b);
    console.log(
      `tarpit                             ${String(n)} ExternalSecrets behind a server that never answers`,
    );
    console.log(
      `neighbour first sync, during it    p50 ${String(percentile(sorted, 0.5))} ms, p99 ${String(percentile(sorted, 0.99))} ms, max ${String(sorted.at(-1))} ms (${String(sorted.length)} samples)`,
    );
    console.log(
      `tarpit all Ready=False reported    ${((reportedAt - started) / 1000).toFixed(1)} s after they were applied`,
    );
    console.log(`connections open to the tarpit     ${String(mostConnections)} at most`);
  } finally {
    clearInterval(sampler);
    await operator.stop('SIGTERM').catch(() => undefined);
    await vault.stop();
    for (const name of [tarpitNamespace, neighbour])
      await core.deleteNamespace({ name }).catch(() => undefined);
  }
}

async function outage(): Promise<void> {
  const namespace = `${run}-outage`;
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  const vault = await vaultBehindProxy(namespace, 'pass');
  await vault.admin.writeKv2('secret', 'db', { value: 'before' });
  await createObject(namespace, 'secretstores', store(namespace, vault.provider));
  for (let index = 0; index < n; index++)
    await createObject(
      namespace,
      'externalsecrets',
      externalSecret(namespace, `es-${String(index)}`, 'db', '5s', 'value'),
    );
  const operator = await startOperator(namespace);
  const secretsHolding = async (value: string): Promise<number> =>
    (await core.listNamespacedSecret({ namespace, labelSelector: 'ferry.dev/managed=true' })).items.filter(
      (secret) => Buffer.from(secret.data?.['password'] ?? '', 'base64').toString() === value,
    ).length;
  try {
    log(`outage: ${String(n)} ExternalSecrets (refreshInterval 5s); operator ${values.entry}`);
    await waitUntil('all Secrets written', async () => (await secretsHolding('before')) === n);
    const down = Date.now();
    await vault.proxy.setMode('refuse');
    await waitUntil('all Ready=False', async () =>
      (await readyConditions(namespace)).every((condition) => condition?.status === 'False'),
    );
    const detected = Date.now() - down;
    const reason = (await readyConditions(namespace))[0]?.reason ?? '';
    const unchanged = await secretsHolding('before');
    await vault.admin.writeKv2('secret', 'db', { value: 'after' });
    await sleep(Math.max(0, Number(values['outage-seconds']) * 1000 - (Date.now() - down)));
    const back = Date.now();
    await vault.proxy.setMode('pass');
    await waitUntil('all healed', async () => (await secretsHolding('after')) === n);
    const healed = Date.now() - back;
    console.log(
      `outage                             ${String(n)} ExternalSecrets, server refusing for ${values['outage-seconds']} s`,
    );
    console.log(
      `all Ready=False after              ${(detected / 1000).toFixed(1)} s (reason ${reason}); ${String(unchanged)}/${String(n)} Secrets unchanged`,
    );
    console.log(
      `heal time after the server's return ${(healed / 1000).toFixed(1)} s (every Secret holds the value changed meanwhile)`,
    );
  } finally {
    await operator.stop('SIGTERM').catch(() => undefined);
    await vault.stop();
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  }
}

if (scenario === 'tarpit') await tarpit();
else await outage();
