// The acceptance harness of issue #14: one real operator process serving every namespace of a
// control plane of its own, a hostile object planted in one tenant's namespace, and the checks that
// the process stayed whole and kept serving everybody else. See test/integration/isolation/.
import { randomBytes } from 'node:crypto';
import {
  CoreV1Api,
  CustomObjectsApi,
  EventsV1Api,
  KubernetesObjectApi,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import { HealthWatch } from './health-watch.ts';
import { asClientModel } from './manifests.ts';
import { OperatorProcess } from './operator-process.ts';
import { createOrdinaryExternalSecrets, waitForOrdinaryReady } from './ordinary-load.ts';
import { plantedTracesIn, plantedValue } from './planted-values.ts';
import { startPrivateControlPlane, type PrivateControlPlane } from './private-control-plane.ts';
import { readExternalSecret, readyCondition } from './waiting.ts';

/** The heap of `make run` and of the deploy manifests: a tenant who can exhaust it can crash Ferry. */
export const operatorNodeOptions = '--max-semi-space-size=4 --max-old-space-size=96';
/** The ordinary ExternalSecrets of every scenario, and how long they may take to become Ready. */
export const ordinaryCount = 50;
const ordinaryTimeoutMs = 60_000;
/** A liveness probe that waits longer than this for an answer would be a lenient one. */
export const maxHealthGapMs = 2_000;
/** How long, once the ordinary ones are done, the hostile objects may take to report their failure. */
const hostileReportTimeoutMs = 30_000;

const ferry = { group: 'ferry.dev', version: 'v1alpha1' };

/** An object as a scenario writes it. */
export type PlantedObject = KubernetesObject & { spec?: unknown };

/** What the API server said to an object a scenario applied. */
export type Admission = { admitted: true } | { admitted: false; code: number; message: string };

/** What a scenario's hostile objects are given to work with. */
export interface TenantContext {
  kubeConfig: KubeConfig;
  kubeconfigPath: string;
  /** The API server, as a kubernetes-provider store reaches it from outside the cluster. */
  apiServer: { url: string; caData: string };
  /** The hostile tenant's namespace (labelled only with ferry.dev/test=true). */
  tenant: string;
  operator: OperatorProcess;
  /** A value to plant in the hostile objects; it must then show up in no status, Event or log line. */
  plant(label: string): string;
  /** The same for a value planted before the scenario began (see plantedValue). */
  watchFor(value: string): void;
  /** Output of other tools (the CLI) that must not show a planted value either. */
  recordOutput(source: string, text: string): void;
  /** A namespace of the scenario's own besides the tenant's, deleted after it. */
  createNamespace(prefix: string, labels?: Record<string, string>): Promise<string>;
  /** Creates one object as its author would, and says whether the API server admitted it. */
  apply(object: PlantedObject): Promise<Admission>;
  /** Cluster-scoped objects to delete after the scenario. */
  deleteAfterwards(object: PlantedObject): void;
  /** Until when (performance.now()) the hostile objects may take to report their failure. */
  verifyDeadline: number;
  /** The operator process exited: waiting for it to report anything is pointless. */
  operatorGone(): boolean;
}

export interface Scenario {
  /** Creates the hostile objects in ctx.tenant (and whatever they need). */
  plant(ctx: TenantContext): Promise<void>;
  /** After the ordinary ExternalSecrets settled: what must be true of the hostile objects. */
  verify(ctx: TenantContext): Promise<void>;
}

/** One operator process over a private control plane, shared by the scenarios of one test file. */
export class IsolationHarness {
  private readonly controlPlane: PrivateControlPlane;
  private current!: OperatorProcess;
  private exitedPids = new Set<number>();
  /** The last scenario left the process dead, unhealthy or busy: start a fresh one for the next. */
  private spoiled = false;

  private constructor(controlPlane: PrivateControlPlane) {
    this.controlPlane = controlPlane;
  }

  static async start(label: string): Promise<IsolationHarness> {
    const harness = new IsolationHarness(await startPrivateControlPlane(label));
    await harness.startOperator();
    return harness;
  }

  get kubeConfig(): KubeConfig {
    return this.controlPlane.kubeConfig;
  }

  get operator(): OperatorProcess {
    return this.current;
  }

  private async startOperator(): Promise<void> {
    const operator = await OperatorProcess.start(
      [
        `--kubeconfig=${this.controlPlane.kubeconfigPath}`,
        '--log-level=debug',
        '--log-format=json',
        '--leader-elect=false',
      ],
      { NODE_OPTIONS: operatorNodeOptions },
    );
    void operator.waitForExit().then(() => this.exitedPids.add(operator.pid ?? -1));
    this.current = operator;
    await vi.waitFor(async () => expect((await operator.get('/readyz')).status).toBe(200), {
      timeout: 120_000,
      interval: 250,
    });
  }

  /** Between scenarios: replaces a process that the last scenario killed, froze or kept busy. */
  async recover(): Promise<void> {
    if (!this.spoiled) return;
    await this.current.stop('SIGKILL').catch(() => undefined);
    await this.startOperator();
    this.spoiled = false;
  }

  async stop(): Promise<void> {
    await this.current.stop('SIGKILL').catch(() => undefined);
    await this.controlPlane.stop();
  }

  /**
   * Plants the scenario's hostile objects, creates the ordinary ExternalSecrets right after them in
   * another namespace, and checks — softly, so that a failing run lists every broken promise — that
   * the ordinary ones became Ready, the process neither exited nor stopped answering /healthz, the
   * hostile objects failed as the scenario says, and no planted value showed up anywhere.
   */
  async run(scenario: Scenario): Promise<void> {
    const kubeConfig = this.controlPlane.kubeConfig;
    const operator = this.current;
    const pid = operator.pid ?? -1;
    const namespaces: string[] = [];
    const clusterObjects: PlantedObject[] = [];
    const planted: string[] = [];
    const outputs: { source: string; text: string }[] = [];
    const createNamespace = async (prefix: string, labels: Record<string, string> = {}): Promise<string> => {
      const name = `${prefix}-${randomBytes(3).toString('hex')}`;
      await kubeConfig.makeApiClient(CoreV1Api).createNamespace({
        body: { metadata: { name, labels: { 'ferry.dev/test': 'true', ...labels } } },
      });
      namespaces.push(name);
      return name;
    };
    const cluster = kubeConfig.getCurrentCluster();
    const ctx: TenantContext = {
      kubeConfig,
      kubeconfigPath: this.controlPlane.kubeconfigPath,
      apiServer: { url: this.controlPlane.apiServerUrl, caData: cluster?.caData ?? '' },
      tenant: await createNamespace('tenant'),
      operator,
      plant: (label) => {
        const value = plantedValue(label);
        planted.push(value);
        return value;
      },
      watchFor: (value) => planted.push(value),
      recordOutput: (source, text) => outputs.push({ source, text }),
      createNamespace,
      apply: (object) => applyAsAuthor(kubeConfig, object),
      deleteAfterwards: (object) => clusterObjects.push(object),
      verifyDeadline: Infinity,
      operatorGone: () => this.exitedPids.has(pid),
    };
    const ordinary = await createNamespace('ordinary');
    const ordinaryValue = `ordinary-${randomBytes(4).toString('hex')}`;

    const health = HealthWatch.start(`${operator.healthUrl}/healthz`);
    try {
      await scenario.plant(ctx);
      await createOrdinaryExternalSecrets(kubeConfig, ordinary, ordinaryCount, ordinaryValue);
      const progress = await waitForOrdinaryReady(
        kubeConfig,
        ordinary,
        ordinaryCount,
        ordinaryValue,
        ordinaryTimeoutMs,
        () => ctx.operatorGone(),
      );
      expect
        .soft(progress, `ordinary ExternalSecrets of ${ordinary} while the hostile object is present`)
        .toMatchObject({ ready: ordinaryCount, secretsWritten: ordinaryCount });
      ctx.verifyDeadline = performance.now() + hostileReportTimeoutMs;
      await scenario.verify(ctx);
    } finally {
      const report = await health.stop();
      const alive = isRunning(pid) && !this.exitedPids.has(pid);
      expect.soft(alive, `operator pid ${pid} exited during the scenario: ${lastWords(operator)}`).toBe(true);
      expect.soft(operator.pid, 'the operator process was replaced').toBe(pid);
      expect
        .soft(
          report.failures.length,
          `/healthz failed: ${summary(report.failures)} (${report.probes} probes)`,
        )
        .toBe(0);
      expect
        .soft(report.maxGapMs, 'longest time /healthz went without answering, ms')
        .toBeLessThanOrEqual(maxHealthGapMs);
      const healthy = alive && report.failures.length === 0 && report.maxGapMs <= maxHealthGapMs;
      await expectNoPlantedValues(kubeConfig, ctx.tenant, operator, planted, outputs);
      await cleanUp(kubeConfig, [ctx.tenant, ...namespaces], clusterObjects);
      // A process still grinding on a hostile object would fail the next scenario for this one.
      this.spoiled = !healthy;
    }
  }
}

/**
 * The harness of one test file: started before its scenarios, replaced between them when a scenario
 * spoiled the process, stopped after them.
 */
export function useIsolationHarness(label: string): () => IsolationHarness {
  let harness: IsolationHarness | undefined;
  beforeAll(async () => {
    harness = await IsolationHarness.start(label);
  });
  afterEach(async () => harness?.recover());
  afterAll(async () => harness?.stop());
  return () => {
    if (!harness) throw new Error('the isolation harness did not start');
    return harness;
  };
}

/** Why the process died, as it said on stderr (V8's fatal error line), else its last line. */
function lastWords(operator: OperatorProcess): string {
  return (
    operator.stderr.find((line) => /FATAL|out of memory|Error/.test(line)) ??
    operator.stderr.at(-1) ??
    'nothing on stderr'
  );
}

function summary(failures: readonly string[]): string {
  const shown = failures.slice(0, 3).join('; ');
  return failures.length > 3 ? `${shown}; and ${failures.length - 3} more` : shown;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function applyAsAuthor(kubeConfig: KubeConfig, object: PlantedObject): Promise<Admission> {
  try {
    await KubernetesObjectApi.makeApiClient(kubeConfig).create(asClientModel(object));
    return { admitted: true };
  } catch (error) {
    const { code, body } = error as { code?: number; body?: unknown };
    if (code === undefined) throw error;
    let message = typeof body === 'string' ? body : JSON.stringify(body);
    try {
      message = (JSON.parse(message) as { message?: string }).message ?? message;
    } catch {
      // not JSON: keep the text
    }
    return { admitted: false, code, message };
  }
}

/** No planted value, nor its base64, in the tenant's statuses and Events or the operator's output. */
async function expectNoPlantedValues(
  kubeConfig: KubeConfig,
  tenant: string,
  operator: OperatorProcess,
  planted: readonly string[],
  outputs: readonly { source: string; text: string }[],
): Promise<void> {
  const statuses = (await kubeConfig
    .makeApiClient(CustomObjectsApi)
    .listNamespacedCustomObject({ ...ferry, namespace: tenant, plural: 'externalsecrets' })) as {
    items: { status?: unknown }[];
  };
  const events = await kubeConfig.makeApiClient(EventsV1Api).listNamespacedEvent({ namespace: tenant });
  const sources = [
    { source: 'ExternalSecret status', text: JSON.stringify(statuses.items.map((es) => es.status)) },
    { source: 'Events', text: JSON.stringify(events.items) },
    { source: 'operator output', text: [...operator.stdout, ...operator.stderr].join('\n') },
    ...outputs,
  ];
  for (const { source, text } of sources) {
    expect.soft(plantedTracesIn(text, planted), `planted values in ${source}`).toEqual([]);
  }
}

async function cleanUp(
  kubeConfig: KubeConfig,
  namespaces: readonly string[],
  clusterObjects: readonly PlantedObject[],
): Promise<void> {
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const objects = KubernetesObjectApi.makeApiClient(kubeConfig);
  // ExternalSecrets first: a replacement operator must not find the hostile ones still there.
  await Promise.all(
    namespaces.map((namespace) =>
      custom
        .deleteCollectionNamespacedCustomObject({ ...ferry, namespace, plural: 'externalsecrets' })
        .catch(() => undefined),
    ),
  );
  await Promise.all(clusterObjects.map((object) => objects.delete(object).catch(() => undefined)));
  await Promise.all(namespaces.map((name) => core.deleteNamespace({ name }).catch(() => undefined)));
}

/**
 * Waits (until ctx.verifyDeadline) for the ExternalSecret to report Ready=False with one of
 * `reasons` (a stable reason, not a hang), and checks softly that its message names `flag` (how to
 * raise the budget) when given.
 */
export async function expectFailsAlone(
  ctx: TenantContext,
  name: string,
  reasons: readonly string[],
  flag?: string,
): Promise<void> {
  let last: { status: string; reason: string; message: string } | undefined;
  for (;;) {
    last = readyCondition(await readExternalSecret(ctx.kubeConfig, ctx.tenant, name));
    if (last?.status === 'False' && reasons.includes(last.reason)) break;
    if (performance.now() > ctx.verifyDeadline || ctx.operatorGone()) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect
    .soft(
      { status: last?.status, reason: last?.reason },
      `Ready condition of the hostile ExternalSecret ${name}: ${last?.message ?? 'none'}`,
    )
    .toEqual({ status: 'False', reason: expect.toBeOneOf(reasons) as unknown });
  if (flag !== undefined && last?.status === 'False') {
    expect.soft(last.message, `message of ${name} says how to raise the budget`).toContain(flag);
  }
}
