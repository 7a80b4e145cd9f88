// `make bench-stores`: memory bounded by what is in use, not by what exists (issue #23). Creates
// STORES SecretStores with one ExternalSecret each — spread over namespaces of STORES_PER_NAMESPACE,
// or all in one — then starts the operator cold, watching every namespace, with the shipped
// manifests' heap settings (config/manager/manager.yaml's NODE_OPTIONS), and prints its peak RSS
// against the manifests' memory limit, its peak heap, the time until every ExternalSecret is Ready,
// and whether it crashed. After that it keeps running for a while as every ExternalSecret refreshes
// (each refresh uses its store, so every store is in use), and prints the same figures again.
//
// A crashed operator is started again, as the kubelet would, at most `maxRestarts` times.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, CustomObjectsApi, Watch, type KubeConfig } from '@kubernetes/client-node';
import { parse as parseYaml } from 'yaml';
import { OperatorProcess } from '../support/operator-process.ts';
import {
  inBatches,
  log,
  motoKeysSecret,
  motoStoreProvider,
  peakRssMiB,
  rssMiB,
  startSeededMoto,
  type SeededMoto,
} from './bench-kit.ts';

export interface ManyStoresOptions {
  kubeConfig: KubeConfig;
  /** Names of this run's namespaces start with it (`ferry-bench-…`). */
  prefix: string;
  stores: number;
  storesPerNamespace: number;
  provider: 'fake' | 'aws';
  refreshSeconds: number;
  /** How long to keep measuring after every ExternalSecret is Ready, while they refresh. */
  steadySeconds: number;
  /** The operator's entry point (the production build by default). */
  entry: string;
  /** V8 flags; default: the manifests'. */
  nodeOptions: string | undefined;
  operatorFlags: string[];
  createConcurrency: number;
}

const group = 'ferry.dev';
const version = 'v1alpha1';
const maxRestarts = 3;
const manifestPath = join(import.meta.dirname, '..', '..', 'config', 'manager', 'manager.yaml');

/** The manager container's NODE_OPTIONS and memory limit, as shipped. */
export function shippedMemorySettings(): { nodeOptions: string; limitMiB: number } {
  const deployment = parseYaml(readFileSync(manifestPath, 'utf8')) as {
    spec: {
      template: {
        spec: {
          containers: {
            name: string;
            env?: { name: string; value?: string }[];
            resources?: { limits?: { memory?: string } };
          }[];
        };
      };
    };
  };
  const manager = deployment.spec.template.spec.containers.find((c) => c.name === 'manager');
  const nodeOptions = manager?.env?.find((e) => e.name === 'NODE_OPTIONS')?.value ?? '';
  const limit = manager?.resources?.limits?.memory ?? '';
  const mebibytes = /^(\d+)Mi$/.exec(limit)?.[1] ?? String(Number(/^(\d+)Gi$/.exec(limit)?.[1]) * 1024);
  return { nodeOptions, limitMiB: Number(mebibytes) };
}

/** Ready ExternalSecrets of this run, from one watch over every namespace. */
async function readyTracker(
  kubeConfig: KubeConfig,
  prefix: string,
): Promise<{ ready: () => number; stop: () => void }> {
  const readyKeys = new Set<string>();
  let stopped = false;
  let request: AbortController | undefined;
  const watch = async (): Promise<void> => {
    request = await new Watch(kubeConfig).watch(
      `/apis/${group}/${version}/externalsecrets`,
      { resourceVersion: '0' },
      (
        phase,
        object: {
          metadata?: { name?: string; namespace?: string };
          status?: { conditions?: { type: string; status: string }[] };
        },
      ) => {
        const namespace = object.metadata?.namespace ?? '';
        if (!namespace.startsWith(`${prefix}-`)) return;
        const key = `${namespace}/${object.metadata?.name ?? ''}`;
        const ready = object.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
        if (ready && phase !== 'DELETED') readyKeys.add(key);
        else readyKeys.delete(key);
      },
      () => {
        // A watch ends after a while; the next one starts from a full list.
        if (!stopped) void watch().catch(() => undefined);
      },
    );
  };
  await watch();
  return {
    ready: () => readyKeys.size,
    stop: () => {
      stopped = true;
      request?.abort();
    },
  };
}

/** What the operator's /metrics says about its memory and its client cache. */
interface MemorySample {
  heapUsedMiB: number;
  oldSpaceUsedMiB: number;
  cacheEntries: number | undefined;
  cacheMiB: number | undefined;
  evictions: number | undefined;
  clientsCreated: number | undefined;
  unchangedSyncs: number;
}

function metric(metrics: string, pattern: RegExp): number | undefined {
  const matches = [...metrics.matchAll(pattern)];
  return matches.length === 0 ? undefined : matches.reduce((sum, m) => sum + Number(m[1]), 0);
}

function memorySampleOf(metrics: string): MemorySample {
  const mib = (bytes: number | undefined): number => Math.round(((bytes ?? 0) / 1024 / 1024) * 10) / 10;
  const cacheBytes = metric(metrics, /^ferry_provider_client_cache_bytes (\d+)/gm);
  return {
    heapUsedMiB: mib(metric(metrics, /^ferry_nodejs_heap_size_used_bytes (\d+)/gm)),
    oldSpaceUsedMiB: mib(metric(metrics, /^ferry_nodejs_heap_space_size_used_bytes\{space="old"\} (\d+)/gm)),
    cacheEntries: metric(metrics, /^ferry_provider_client_cache_entries (\d+)/gm),
    cacheMiB: cacheBytes === undefined ? undefined : mib(cacheBytes),
    evictions: metric(metrics, /^ferry_provider_client_cache_evictions_total\{[^}]*\} (\d+)/gm),
    clientsCreated: metric(metrics, /^ferry_provider_clients_created_total\{[^}]*\} (\d+)/gm),
    unchangedSyncs:
      metric(metrics, /^ferry_sync_total\{kind="ExternalSecret",result="unchanged"\} (\d+)/gm) ?? 0,
  };
}

/** Peaks of one phase, across every operator process that ran in it. */
class Peaks {
  rssMiB = 0;
  heapUsedMiB = 0;
  oldSpaceUsedMiB = 0;
  cacheEntries = 0;
  cacheMiB = 0;

  add(sample: MemorySample): void {
    this.heapUsedMiB = Math.max(this.heapUsedMiB, sample.heapUsedMiB);
    this.oldSpaceUsedMiB = Math.max(this.oldSpaceUsedMiB, sample.oldSpaceUsedMiB);
    this.cacheEntries = Math.max(this.cacheEntries, sample.cacheEntries ?? 0);
    this.cacheMiB = Math.max(this.cacheMiB, sample.cacheMiB ?? 0);
  }
}

/**
 * The operator as a Deployment would run it: started again when it dies, at most `maxRestarts`
 * times, every death recorded with what the process said about it.
 */
class SupervisedOperator {
  readonly crashes: { atSeconds: number; code: number | null; why: string }[] = [];
  current: OperatorProcess | undefined;
  private stopping = false;
  private startedAt: number | undefined;
  private readonly start: () => Promise<OperatorProcess>;

  constructor(start: () => Promise<OperatorProcess>) {
    this.start = start;
  }

  async run(): Promise<void> {
    this.startedAt ??= Date.now();
    const operator = await this.start();
    this.current = operator;
    void operator.waitForExit().then(async (code) => {
      if (this.stopping) return;
      const said = operator.stderr.join('\n');
      const why = /heap out of memory|Reached heap limit/.test(said)
        ? 'JavaScript heap out of memory'
        : (operator.stderr.at(-1) ?? 'no message');
      const atSeconds = (Date.now() - (this.startedAt ?? 0)) / 1000;
      this.crashes.push({ atSeconds, code, why });
      log(`operator exited with ${String(code)} after ${atSeconds.toFixed(1)} s: ${why}`);
      if (this.crashes.length <= maxRestarts) await this.run();
    });
  }

  get crashLooping(): boolean {
    return this.crashes.length > maxRestarts;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.current?.stop('SIGTERM').catch(() => undefined);
  }
}

/** Samples the operator's RSS every second and its /metrics every two, into the peaks of the phase. */
function sampleMemory(operator: SupervisedOperator): {
  phase: (peaks: Peaks) => void;
  last: () => MemorySample | undefined;
  stop: () => void;
} {
  let peaks = new Peaks();
  let last: MemorySample | undefined;
  let scraping = false;
  let tick = 0;
  const timer = setInterval(() => {
    const process = operator.current;
    const pid = process?.pid;
    if (!process || pid === undefined) return;
    peaks.rssMiB = Math.max(peaks.rssMiB, rssMiB(pid), peakRssMiB(pid));
    if (tick++ % 2 !== 0 || scraping) return;
    scraping = true;
    // A scrape may wait behind a busy event loop; a missed sample is no failure.
    process
      .get('/metrics', 10_000)
      .then(({ body }) => {
        last = memorySampleOf(body);
        peaks.add(last);
      })
      .catch(() => undefined)
      .finally(() => (scraping = false));
  }, 1_000);
  return {
    phase: (next) => (peaks = next),
    last: () => last,
    stop: () => clearInterval(timer),
  };
}

function namespaceName(prefix: string, index: number, count: number): string {
  return `${prefix}-${String(index).padStart(String(count - 1).length, '0')}`;
}

/** Creates the namespaces, the credentials the stores read, the stores and their ExternalSecrets. */
async function createWorld(options: ManyStoresOptions, moto: SeededMoto | undefined): Promise<string[]> {
  const { kubeConfig, prefix, stores, storesPerNamespace, createConcurrency } = options;
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  const namespaceCount = Math.ceil(stores / storesPerNamespace);
  const namespaces = Array.from({ length: namespaceCount }, (_, i) =>
    namespaceName(prefix, i, namespaceCount),
  );
  const started = Date.now();
  await inBatches(namespaces, createConcurrency, async (name) => {
    await core.createNamespace({ body: { metadata: { name } } });
    if (moto) await core.createNamespacedSecret({ namespace: name, body: motoKeysSecret(moto) });
  });
  const provider = moto ? motoStoreProvider(moto) : { fake: { data: [{ key: 'db', value: 'bench-value' }] } };
  let created = 0;
  await inBatches(
    Array.from({ length: stores }, (_, i) => i),
    createConcurrency,
    async (index) => {
      const namespace = namespaces[Math.floor(index / storesPerNamespace)] ?? '';
      const create = (plural: string, body: object): Promise<unknown> =>
        custom.createNamespacedCustomObject({ group, version, namespace, plural, body });
      await create('secretstores', {
        apiVersion: `${group}/${version}`,
        kind: 'SecretStore',
        metadata: { name: `store-${String(index)}`, namespace },
        spec: { provider },
      });
      await create('externalsecrets', {
        apiVersion: `${group}/${version}`,
        kind: 'ExternalSecret',
        metadata: { name: `es-${String(index)}`, namespace },
        spec: {
          refreshInterval: `${String(options.refreshSeconds)}s`,
          secretStoreRef: { name: `store-${String(index)}`, kind: 'SecretStore' },
          data: [{ secretKey: 'password', remoteRef: { key: 'db' } }],
        },
      });
      if (++created % 1000 === 0)
        log(
          `created ${String(created)} stores and ExternalSecrets (${((Date.now() - started) / 1000).toFixed(0)} s)`,
        );
    },
  );
  log(
    `created ${String(namespaceCount)} namespaces, ${String(stores)} SecretStores and ${String(stores)} ExternalSecrets in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return namespaces;
}

function printPhase(title: string, peaks: Peaks, limitMiB: number, oldSpaceCapMiB: number): void {
  const pad = (label: string): string => `${title} ${label}`.padEnd(44);
  console.log(`${pad('peak RSS')}${String(peaks.rssMiB)} MiB (limit ${String(limitMiB)} MiB)`);
  console.log(`${pad('peak heap used (sampled)')}${peaks.heapUsedMiB.toFixed(1)} MiB`);
  console.log(
    `${pad('peak old space used (sampled)')}${peaks.oldSpaceUsedMiB.toFixed(1)} MiB (cap ${String(oldSpaceCapMiB)} MiB)`,
  );
  console.log(
    `${pad('peak client cache')}${String(peaks.cacheEntries)} clients, ${peaks.cacheMiB.toFixed(1)} MiB estimated`,
  );
}

export async function manyStores(options: ManyStoresOptions): Promise<void> {
  const shipped = shippedMemorySettings();
  const nodeOptions = options.nodeOptions || shipped.nodeOptions;
  const oldSpaceCapMiB = Number(/--max-old-space-size=(\d+)/.exec(nodeOptions)?.[1] ?? Number.NaN);
  const { kubeConfig, prefix, stores, storesPerNamespace, provider } = options;
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const namespaceCount = Math.ceil(stores / storesPerNamespace);
  log(
    `stores: ${String(stores)} ${provider} SecretStores, one ExternalSecret each, in ${String(namespaceCount)} namespace(s); refreshInterval ${String(options.refreshSeconds)}s; operator ${options.entry}, NODE_OPTIONS="${nodeOptions}", flags ${options.operatorFlags.join(' ') || '(defaults)'}`,
  );
  const moto = provider === 'aws' ? await startSeededMoto([{ key: 'db', value: 'bench-value' }]) : undefined;
  let namespaces: string[] = [];
  const operator = new SupervisedOperator(() =>
    OperatorProcess.start(
      [
        `--kubeconfig=${process.env['KUBECONFIG'] ?? ''}`,
        `--leader-election-namespace=${prefix}`,
        '--log-level=warn',
        ...options.operatorFlags,
      ],
      { NODE_OPTIONS: nodeOptions },
      options.entry,
    ),
  );
  const sampler = sampleMemory(operator);
  try {
    await core.createNamespace({ body: { metadata: { name: prefix } } });
    namespaces = await createWorld(options, moto);
    const tracker = await readyTracker(kubeConfig, prefix);
    const cold = new Peaks();
    sampler.phase(cold);
    const startedAt = Date.now();
    await operator.run();
    let lastReport = startedAt;
    while (tracker.ready() < stores && !operator.crashLooping) {
      await sleep(200);
      if (Date.now() - lastReport > 30_000) {
        lastReport = Date.now();
        log(
          `${String(tracker.ready())}/${String(stores)} Ready after ${((lastReport - startedAt) / 1000).toFixed(0)} s; RSS peak ${String(cold.rssMiB)} MiB, old space peak ${cold.oldSpaceUsedMiB.toFixed(1)} MiB`,
        );
      }
      if (Date.now() - startedAt > 30 * 60_000) break;
    }
    const coldSeconds = (Date.now() - startedAt) / 1000;
    const allReady = tracker.ready() >= stores;
    const coldCrashes = operator.crashes.length;
    const unchangedAtReady = sampler.last()?.unchangedSyncs ?? 0;

    // Every ExternalSecret refreshes at least once: each store is used again, more of them than
    // the client cache holds.
    const steady = new Peaks();
    let leastReady = tracker.ready();
    if (allReady) {
      sampler.phase(steady);
      const steadyEnd = Date.now() + options.steadySeconds * 1000;
      while (Date.now() < steadyEnd && !operator.crashLooping) {
        await sleep(500);
        leastReady = Math.min(leastReady, tracker.ready());
      }
    }
    tracker.stop();
    const end = sampler.last();

    const layout =
      namespaceCount === 1
        ? 'all in one namespace'
        : `${String(namespaceCount)} namespaces × ${String(storesPerNamespace)}`;
    console.log(
      `stores                                      ${String(stores)} ${provider} SecretStores, ${layout}`,
    );
    console.log(
      `operator                                    ${options.entry}, NODE_OPTIONS="${nodeOptions}"`,
    );
    console.log(
      `cold start to all Ready                     ${allReady ? `${coldSeconds.toFixed(1)} s` : `not reached: ${String(tracker.ready())}/${String(stores)} after ${coldSeconds.toFixed(1)} s`}`,
    );
    console.log(
      `crashes during cold start                   ${String(coldCrashes)}${operator.crashes.length ? ` (${operator.crashes.map((c) => `${c.atSeconds.toFixed(0)} s: ${c.why}`).join('; ')})` : ''}`,
    );
    printPhase('cold start:', cold, shipped.limitMiB, oldSpaceCapMiB);
    if (allReady) {
      console.log(
        `refreshing for                              ${String(options.steadySeconds)} s: ${String((end?.unchangedSyncs ?? 0) - unchangedAtReady)} refreshes, fewest Ready ${String(leastReady)}/${String(stores)}`,
      );
      console.log(
        `crashes while refreshing                    ${String(operator.crashes.length - coldCrashes)}`,
      );
      printPhase('refreshing:', steady, shipped.limitMiB, oldSpaceCapMiB);
    }
    if (end?.clientsCreated !== undefined)
      console.log(
        `clients built / evicted                     ${String(end.clientsCreated)} / ${String(end.evictions ?? 0)}`,
      );
  } finally {
    sampler.stop();
    await operator.stop();
    await moto?.stop();
    // Deleted in the background of the next run's start (awaitEarlierRunsGone waits for it).
    log(`deleting ${String(namespaces.length + 1)} namespaces`);
    await inBatches([prefix, ...namespaces], 8, (name) =>
      core.deleteNamespace({ name }).catch(() => undefined),
    );
  }
}
