// `make bench`: how Ferry behaves at scale against the dev control plane. Prints figures; asserts
// nothing (targets live in the issues, not in timed tests). The store is the fake provider, or with
// `--provider=aws` (`make bench PROVIDER=aws`) a real moto server started for the run, so that the
// provider calls counted are real calls over the wire.
//
//   N ExternalSecrets are created before the operator starts, then it is started cold:
//   1. seconds until all N are Ready, and syncs per second;
//   2. Secret and status writes during one full periodic refresh cycle with nothing changed upstream;
//   3. latency from creating one new ExternalSecret to its Secret existing, during a refresh wave;
//   4. provider calls: at cold start and in that refresh cycle (100 distinct remote secrets, two
//      properties each, shared by all N ExternalSecrets);
//   5. the operator's peak RSS.
//
// `--neighbours` (`make bench-neighbours`, N=2000) measures fairness across namespaces instead: an
// operator watching every namespace is running when one namespace applies N ExternalSecrets at once; meanwhile another namespace creates ExternalSecrets one after another, and the
// benchmark prints how long each took to get its Secret (p50/p99) while the burst drains.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, CustomObjectsApi, KubeConfig, Watch } from '@kubernetes/client-node';
import { OperatorProcess } from '../support/operator-process.ts';
import {
  awaitEarlierRunsGone,
  inBatches,
  log,
  motoKeysSecret,
  motoStoreProvider,
  peakRssMiB,
  startSeededMoto,
  type SeededMoto,
} from './bench-kit.ts';
import { manyStores } from './many-stores.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: process.env['N'] ?? '1000' },
    'refresh-seconds': { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '' },
    provider: { type: 'string', default: process.env['PROVIDER'] || 'fake' },
    // What runs: the production build (`make build`), as shipped, or the TypeScript sources.
    entry: { type: 'string', default: 'dist/main.mjs' },
    // The V8 flags a container limit would imply (Node sizes its heap to the cgroup limit).
    'node-options': { type: 'string', default: process.env['OPERATOR_NODE_OPTIONS'] ?? '' },
    // Stop once all are Ready: for profiling a cold start (with --node-options=--cpu-prof).
    'cold-only': { type: 'boolean', default: false },
    // Every ExternalSecret renders a small target.template.data: the cost of the render workers.
    template: { type: 'boolean', default: false },
    neighbours: { type: 'boolean', default: false },
    // Many stores (`make bench-stores`): this many SecretStores, one ExternalSecret each.
    stores: { type: 'string', default: '' },
    'stores-per-namespace': { type: 'string', default: '10' },
    // How long the many-stores scenario keeps measuring once all are Ready (default: two intervals).
    'steady-seconds': { type: 'string', default: '' },
    'create-concurrency': { type: 'string', default: '16' },
    // Passed on to the operator, e.g. --operator-flag=--provider-client-cache-size=200.
    'operator-flag': { type: 'string', multiple: true, default: [] },
  },
});
const n = Number(values.n);
function providerOf(name: string): 'fake' | 'aws' {
  if (name !== 'fake' && name !== 'aws') throw new Error(`--provider=${name}: expected fake or aws`);
  return name;
}
const provider = providerOf(values.provider);
const refreshSeconds = Number(values['refresh-seconds']);
const group = 'ferry.dev';
const version = 'v1alpha1';

const kubeConfig = new KubeConfig();
kubeConfig.loadFromDefault();
const core = kubeConfig.makeApiClient(CoreV1Api);
const custom = kubeConfig.makeApiClient(CustomObjectsApi);
const namespace = `ferry-bench-${randomBytes(3).toString('hex')}`;
const storeKeys = 100;

function externalSecret(name: string, index: number, inNamespace = namespace): object {
  return {
    apiVersion: `${group}/${version}`,
    kind: 'ExternalSecret',
    metadata: { name, namespace: inNamespace },
    spec: {
      refreshInterval: `${refreshSeconds}s`,
      secretStoreRef: { name: 'bench', kind: 'SecretStore' },
      ...(values.template && {
        target: { template: { data: { credentials: 'user={{ .username }} password={{ .password }}' } } },
      }),
      data: [
        { secretKey: 'username', remoteRef: { key: `key-${index % storeKeys}`, property: 'username' } },
        { secretKey: 'password', remoteRef: { key: `key-${index % storeKeys}`, property: 'password' } },
      ],
    },
  };
}

/** Tracks how many ExternalSecrets are Ready from a watch: polling a list of N objects would load the API server more than the operator does. */
async function readyTracker(): Promise<{ ready: () => number; stop: () => void }> {
  const readyNames = new Set<string>();
  let stopped = false;
  let request: AbortController | undefined;
  // A watch ends after a while (sooner on a loaded machine); the next one starts from a full list.
  const watch = async (): Promise<void> => {
    request = await new Watch(kubeConfig).watch(
      `/apis/${group}/${version}/namespaces/${namespace}/externalsecrets`,
      { resourceVersion: '0' },
      (
        _phase,
        object: {
          metadata?: { name?: string };
          status?: { conditions?: { type: string; status: string }[] };
        },
      ) => {
        const name = object.metadata?.name ?? '';
        if (object.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
          readyNames.add(name);
        else readyNames.delete(name);
      },
      () => {
        if (!stopped) void watch();
      },
    );
  };
  await watch();
  return {
    ready: () => readyNames.size,
    stop: () => {
      stopped = true;
      request?.abort();
    },
  };
}

function unchangedSyncsIn(metrics: string): number {
  return Number(/ferry_sync_total\{kind="ExternalSecret",result="unchanged"\} (\d+)/.exec(metrics)?.[1] ?? 0);
}

function providerCallsIn(metrics: string): number {
  return [...metrics.matchAll(/ferry_provider_calls_total\{[^}]*\} (\d+)/g)].reduce(
    (sum, m) => sum + Number(m[1]),
    0,
  );
}

/** Counts writes (ADDED, MODIFIED, DELETED events) to a collection while `during` runs. */
async function countWrites(path: string, during: () => Promise<void>): Promise<number> {
  let writes = 0;
  // Watch from the current resourceVersion: no initial burst of ADDED events to mistake for writes.
  const list = (await kubeConfig
    .makeApiClient(CustomObjectsApi)
    .listClusterCustomObject({ group, version, plural: 'secretstores', limit: 1 })) as {
    metadata?: { resourceVersion?: string };
  };
  let resourceVersion = list.metadata?.resourceVersion ?? '';
  let finished = false;
  let request: AbortController | undefined;
  // client-node ends a watch after 30 s without events; resume from the last version seen.
  const watchFrom = async (): Promise<void> => {
    request = await new Watch(kubeConfig).watch(
      path,
      { allowWatchBookmarks: true, resourceVersion },
      (phase, object: { metadata?: { resourceVersion?: string } }) => {
        resourceVersion = object.metadata?.resourceVersion ?? resourceVersion;
        if (phase === 'MODIFIED' || phase === 'ADDED' || phase === 'DELETED') writes += 1;
      },
      () => {
        if (!finished) void watchFrom();
      },
    );
  };
  await watchFrom();
  await during();
  finished = true;
  request?.abort();
  return writes;
}

let moto: SeededMoto | undefined;

/** A moto server holding the remote secrets, and a store block pointed at it. */
async function awsStore(data: { key: string; value: string }[]): Promise<object> {
  moto = await startSeededMoto(data);
  await core.createNamespacedSecret({ namespace, body: motoKeysSecret(moto) });
  return motoStoreProvider(moto);
}

/** The operator under test: watching the benchmark's namespace, or every namespace. */
function startOperator({ everyNamespace }: { everyNamespace: boolean }): Promise<OperatorProcess> {
  const args = [
    `--kubeconfig=${process.env['KUBECONFIG'] ?? ''}`,
    ...(everyNamespace ? [] : [`--namespace=${namespace}`]),
    `--leader-election-namespace=${namespace}`,
    '--log-level=warn',
  ];
  if (values.concurrency) args.push(`--concurrency=${values.concurrency}`);
  const nodeOptions = values['node-options'];
  return OperatorProcess.start(args, nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}, resolve(values.entry));
}

/** The time until `name`'s Secret exists, polled as a user would see it. */
async function secretAppears(inNamespace: string, name: string, since: number): Promise<number> {
  for (;;) {
    const secret = await core.readNamespacedSecret({ namespace: inNamespace, name }).catch(() => undefined);
    if (secret) return Date.now() - since;
    await sleep(20);
  }
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Fairness across namespaces: with an operator watching every namespace already running, one
 * namespace applies N ExternalSecrets at once; meanwhile a neighbour namespace creates one
 * ExternalSecret at a time and each one's time to its Secret is recorded, until the burst is Ready.
 */
async function neighbours(): Promise<void> {
  const neighbour = `${namespace}-neighbour`;
  log(`neighbours: burst of N=${n} in ${namespace}, samples in ${neighbour}, operator ${values.entry}`);
  const data = [{ key: `key-7`, value: JSON.stringify({ username: 'user', password: 'bench' }) }];
  for (const name of [namespace, neighbour]) {
    await core.createNamespace({ body: { metadata: { name } } });
    await custom.createNamespacedCustomObject({
      group,
      version,
      namespace: name,
      plural: 'secretstores',
      body: {
        apiVersion: `${group}/${version}`,
        kind: 'SecretStore',
        metadata: { name: 'bench', namespace: name },
        spec: { provider: { fake: { data } } },
      },
    });
  }
  const operator = await startOperator({ everyNamespace: true });
  // One ExternalSecret of the neighbour, created now: the time until its Secret exists.
  const neighbourSample = async (name: string): Promise<number> => {
    const created = Date.now();
    await custom.createNamespacedCustomObject({
      group,
      version,
      namespace: neighbour,
      plural: 'externalsecrets',
      body: externalSecret(name, 7, neighbour),
    });
    return secretAppears(neighbour, name, created);
  };
  try {
    while ((await operator.get('/readyz').catch(() => ({ status: 0 }))).status !== 200) await sleep(100);
    // A quiet operator first: the neighbour's latency with nothing else queued.
    const quiet: number[] = [];
    for (let sample = 0; sample < 5; sample++) quiet.push(await neighbourSample(`quiet-${sample}`));

    const tracker = await readyTracker();
    const burstStart = Date.now();
    const burst = inBatches(
      Array.from({ length: n }, (_, i) => `es-${i}`),
      16,
      (name) =>
        custom.createNamespacedCustomObject({
          group,
          version,
          namespace,
          plural: 'externalsecrets',
          body: externalSecret(name, 7),
        }),
    ).then(() => log(`burst created in ${((Date.now() - burstStart) / 1000).toFixed(1)} s`));
    const during: number[] = [];
    while (tracker.ready() < n) {
      during.push(await neighbourSample(`during-${during.length}`));
      if (Date.now() - burstStart > 600_000)
        throw new Error(`only ${tracker.ready()}/${n} Ready after 10 minutes`);
    }
    await burst;
    const burstSeconds = (Date.now() - burstStart) / 1000;
    tracker.stop();
    const sorted = [...during].sort((a, b) => a - b);
    const quietSorted = [...quiet].sort((a, b) => a - b);
    console.log(`burst                              ${n} ExternalSecrets in one namespace`);
    console.log(`burst applied to all Ready         ${burstSeconds.toFixed(1)} s`);
    console.log(`neighbour first sync, quiet        p50 ${percentile(quietSorted, 0.5)} ms`);
    console.log(
      `neighbour first sync, during burst p50 ${percentile(sorted, 0.5)} ms, p99 ${percentile(sorted, 0.99)} ms, max ${sorted.at(-1) ?? Number.NaN} ms (${sorted.length} samples)`,
    );
  } finally {
    await operator.stop('SIGTERM').catch(() => undefined);
    await core.deleteNamespace({ name: neighbour }).catch(() => undefined);
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  }
}

async function main(): Promise<void> {
  await awaitEarlierRunsGone(core);
  if (values.stores) {
    await manyStores({
      kubeConfig,
      prefix: namespace,
      stores: Number(values.stores),
      storesPerNamespace: Math.min(Number(values['stores-per-namespace']), Number(values.stores)),
      provider,
      refreshSeconds,
      steadySeconds: Number(values['steady-seconds'] || refreshSeconds * 2),
      entry: resolve(values.entry),
      // Unless given, the shipped manifests' (not the Makefile's OPERATOR_NODE_OPTIONS).
      nodeOptions: process.argv.some((arg) => arg.startsWith('--node-options'))
        ? values['node-options']
        : undefined,
      operatorFlags: values['operator-flag'],
      createConcurrency: Number(values['create-concurrency']),
    });
    return;
  }
  if (values.neighbours) {
    await neighbours();
    return;
  }
  log(
    `N=${n}, provider ${provider}${values.template ? ', templated' : ''}, operator ${values.entry}, refreshInterval=${refreshSeconds}s, namespace ${namespace}, operator NODE_OPTIONS="${values['node-options']}"`,
  );
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  const data = Array.from({ length: storeKeys }, (_, i) => ({
    key: `key-${i}`,
    value: JSON.stringify({ username: `user-${i}`, password: randomBytes(12).toString('hex') }),
  }));
  await custom.createNamespacedCustomObject({
    group,
    version,
    namespace,
    plural: 'secretstores',
    body: {
      apiVersion: `${group}/${version}`,
      kind: 'SecretStore',
      metadata: { name: 'bench', namespace },
      spec: { provider: provider === 'aws' ? await awsStore(data) : { fake: { data } } },
    },
  });
  const names = Array.from({ length: n }, (_, i) => `es-${i}`);
  const createStart = Date.now();
  await inBatches(names, 16, (name) =>
    custom.createNamespacedCustomObject({
      group,
      version,
      namespace,
      plural: 'externalsecrets',
      body: externalSecret(name, Number(name.slice(3))),
    }),
  );
  log(`created ${n} ExternalSecrets in ${((Date.now() - createStart) / 1000).toFixed(1)} s`);

  const startedAt = Date.now();
  const operator = await startOperator({ everyNamespace: false });
  // A scrape may wait behind a busy event loop (a burst of watch events at 10000 objects); the
  // benchmark measures, it does not judge responsiveness.
  const scrape = async (): Promise<string> => (await operator.get('/metrics', 30_000)).body;
  try {
    const tracker = await readyTracker();
    while (tracker.ready() < n) {
      await sleep(50);
      if (Date.now() - startedAt > 600_000)
        throw new Error(`only ${tracker.ready()}/${n} Ready after 10 minutes`);
    }
    const coldSeconds = (Date.now() - startedAt) / 1000;
    tracker.stop();
    log(
      `all ${n} Ready after ${coldSeconds.toFixed(1)} s; peak RSS so far ${peakRssMiB(operator.pid ?? 0)} MiB`,
    );
    const callsWhenReady = providerCallsIn(await scrape());
    if (values['cold-only']) {
      console.log(`cold start to all Ready            ${coldSeconds.toFixed(1)} s`);
      console.log(`operator peak RSS                  ${peakRssMiB(operator.pid ?? 0)} MiB`);
      return;
    }

    // One full refresh cycle (the interval + margin) with nothing changed upstream. ExternalSecrets
    // of one store refresh together on the store's grid, at most one interval after their last sync.
    const cycleMs = refreshSeconds * 1000 * 1.1 + 3000;
    let secretWrites = 0;
    let latencyMs = Number.NaN;
    const statusWrites = await countWrites(
      `/apis/${group}/${version}/namespaces/${namespace}/externalsecrets`,
      async () => {
        secretWrites = await countWrites(`/api/v1/namespaces/${namespace}/secrets`, async () => {
          // Wait until the refresh wave is under way, then create one new ExternalSecret.
          const waveSeen = Date.now() + cycleMs;
          while (Date.now() < waveSeen && unchangedSyncsIn(await scrape()) === 0) await sleep(100);
          const created = Date.now();
          await custom.createNamespacedCustomObject({
            group,
            version,
            namespace,
            plural: 'externalsecrets',
            body: externalSecret('es-new', 7),
          });
          for (;;) {
            const secret = await core
              .readNamespacedSecret({ namespace, name: 'es-new' })
              .catch(() => undefined);
            if (secret) break;
            await sleep(20);
          }
          latencyMs = Date.now() - created;
          await sleep(Math.max(0, cycleMs - (Date.now() - created)));
        });
      },
    );
    const metrics = await scrape();
    // The first refreshes bring every ExternalSecret onto its store's refresh grid; from then on one
    // wave per interval. Count the calls of one steady interval.
    const steadyStart = providerCallsIn(metrics);
    await sleep(refreshSeconds * 1000);
    const steadyCalls = providerCallsIn(await scrape()) - steadyStart;
    const unchanged = unchangedSyncsIn(metrics);
    const providerCalls = providerCallsIn(metrics);
    const rss = peakRssMiB(operator.pid ?? 0);
    const heapUsed = Number(/ferry_nodejs_heap_size_used_bytes (\d+)/.exec(metrics)?.[1] ?? 0);

    // Writes caused by es-new itself (its Secret, its status) are expected; report them apart.
    console.log(`N                                  ${n}`);
    console.log(`provider                           ${provider}`);
    console.log(`cold start to all Ready            ${coldSeconds.toFixed(1)} s`);
    console.log(`syncs per second (cold)            ${(n / coldSeconds).toFixed(0)}`);
    console.log(`refresh cycle: periodic checks     ${unchanged} unchanged syncs counted`);
    console.log(
      `refresh cycle: Secret writes       ${secretWrites} (of which 1 is the new ExternalSecret's Secret)`,
    );
    console.log(
      `refresh cycle: status writes       ${statusWrites} (of which the new ExternalSecret's own: creation + status)`,
    );
    console.log(`new ExternalSecret → Secret        ${latencyMs} ms, during the refresh wave`);
    console.log(
      `provider calls, cold start         ${callsWhenReady} (${storeKeys} distinct remote keys, 2 properties each)`,
    );
    console.log(`provider calls, first cycle        ${providerCalls - callsWhenReady}`);
    console.log(`provider calls, steady cycle       ${steadyCalls}`);
    console.log(`operator peak RSS                  ${rss} MiB`);
    console.log(`operator heap used at the end      ${Math.round(heapUsed / 1024 / 1024)} MiB`);
  } finally {
    await operator.stop('SIGTERM').catch(() => undefined);
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
    await moto?.stop();
  }
}

await main();
