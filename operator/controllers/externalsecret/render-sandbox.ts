import { JobStoppedError, WorkerPool } from '../../sandbox/index.ts';
import type { RenderBudget } from '../../template/index.ts';
import type { ExternalSecretSpec, Template } from '../../api/v1alpha1/index.ts';
import type { ReadValues } from './assemble-data.ts';
import { decodeSyncError } from './error-transport.ts';
import type { NameRegexp } from './name-selection.ts';
import type { TemplateDelimiters } from './parsed-templates.ts';
import type { RenderWorkerData } from './render-worker.ts';
import type { RenderedSecret, TemplateSourceData } from './secret-template.ts';
import { BudgetExceededError, budgetFlags, type SyncBudgetLimits } from './sync-budget.ts';
import type { TransformJob, TransformOutcome } from './transform-job.ts';

export interface RenderSandboxOptions {
  /** Worker threads (--render-workers). */
  workers: number;
  limits: SyncBudgetLimits;
  delimiters?: TemplateDelimiters | undefined;
}

const mib = 1024 * 1024;
/** Heap a worker needs besides what one rendering holds: its modules and its parsed-template cache. */
const heapMarginMib = 48;
/**
 * The budget checks inside the worker report an overrun themselves, with the place it happened; the
 * worker is terminated only if they did not within this much more time (a check that cannot run, a
 * budget that is wrong).
 */
const stopGraceMs = 500;

/**
 * Where the pure steps of a sync run when they run tenant code (templates, regexp and transform
 * rewrites, a find's name regexp): a pool of render workers, so that a rendering that runs away — in
 * time or in memory — is stopped without stopping the process, and fails its own ExternalSecret with
 * BudgetExceeded.
 */
export class RenderSandbox {
  readonly limits: SyncBudgetLimits;
  private readonly pool: WorkerPool<TransformJob, TransformOutcome>;

  constructor(options: RenderSandboxOptions) {
    this.limits = options.limits;
    this.pool = new WorkerPool({
      name: 'render',
      script: renderWorkerUrl(),
      size: options.workers,
      resourceLimits: {
        maxOldGenerationSizeMb: Math.ceil(options.limits.renderMemoryBytes / mib) + heapMarginMib,
        // Renderings are short: a small young generation keeps each worker's footprint small.
        maxYoungGenerationSizeMb: 8,
        stackSizeMb: 4,
      },
      workerData: { delimiters: options.delimiters } satisfies RenderWorkerData,
    });
  }

  /** Render workers running now: none until a sync first runs tenant code. */
  get workers(): number {
    return this.pool.threads;
  }

  /** The steps of one sync, which spend from its budget. */
  forSync(signal: AbortSignal, budget: RenderBudget): SandboxedSteps {
    return new SandboxedSteps(this.pool, this.limits, signal, budget);
  }

  /** Stops every worker; a step under way fails (the operator is stopping). */
  close(): Promise<void> {
    return this.pool.close();
  }
}

export class SandboxedSteps {
  private readonly pool: WorkerPool<TransformJob, TransformOutcome>;
  private readonly limits: SyncBudgetLimits;
  private readonly signal: AbortSignal;
  private readonly budget: RenderBudget;

  constructor(
    pool: WorkerPool<TransformJob, TransformOutcome>,
    limits: SyncBudgetLimits,
    signal: AbortSignal,
    budget: RenderBudget,
  ) {
    this.pool = pool;
    this.limits = limits;
    this.signal = signal;
    this.budget = budget;
  }

  async assemble(spec: ExternalSecretSpec, reads: ReadValues): Promise<Record<string, Uint8Array>> {
    const { data } = secretOf(
      await this.run({ step: 'assemble', spec, reads: { dataFrom: reads.dataFrom, data: reads.data } }),
    );
    return data;
  }

  async render(options: {
    fetched: Readonly<Record<string, Uint8Array>>;
    template: Template;
    sources: readonly (TemplateSourceData | undefined)[];
  }): Promise<RenderedSecret> {
    return secretOf(await this.run({ step: 'render', ...options }));
  }

  /** Which of `names` a find's name regexp selects (name-selection.ts), matched in a worker. */
  async selectNames(find: NameRegexp, names: readonly string[]): Promise<ReadonlySet<string>> {
    const outcome = await this.run({ step: 'select-names', regexp: find.regexp, field: find.field, names });
    if (!('selected' in outcome)) throw new Error('the render worker answered select-names with a Secret');
    return new Set(outcome.selected);
  }

  private async run(step: DistributiveOmit<TransformJob, 'limits' | 'spent'>): Promise<Succeeded> {
    const spent = this.budget.spent;
    const leftMs = Math.max(1, this.limits.renderMs - spent.durationMs);
    let outcome: TransformOutcome;
    try {
      outcome = await this.pool.run(
        { ...step, limits: this.limits, spent },
        { deadlineMs: leftMs + stopGraceMs, signal: this.signal },
      );
    } catch (error) {
      const work = step.step === 'select-names' ? nameSelectionWork(step.field) : transformWork;
      throw error instanceof JobStoppedError ? this.stopped(error, work) : error;
    }
    this.budget.absorb(outcome.spent);
    if (!outcome.ok) throw decodeSyncError(outcome.error);
    return outcome;
  }

  /** A stopped worker as the sync's failure: over a budget names it and its flag; a shutdown stays one. */
  private stopped(error: JobStoppedError, work: StoppedWork): Error {
    const seconds = this.limits.renderMs / 1000;
    const memoryMib = Math.round(this.limits.renderMemoryBytes / mib);
    const { what, were, they } = work;
    switch (error.why) {
      case 'deadline':
        return new BudgetExceededError(
          'time',
          `${what} ran longer than the render time budget of ${String(seconds)} s and ${were} stopped; ${work.doLess}, or raise the budget with ${String(budgetFlags.time)}`,
        );
      case 'memory':
        return new BudgetExceededError(
          'memory',
          `${what} held more memory than the render memory budget of ${String(memoryMib)} MiB and ${were} stopped; ${work.buildLess}, or raise the budget with ${String(budgetFlags.memory)}`,
        );
      case 'crashed':
        // Nothing but running out of a resource stops a worker that runs our pure steps.
        return new BudgetExceededError(
          'memory',
          `the render worker stopped while running ${what} (${error.message}); ${they} most likely held more than the render memory budget of ${String(memoryMib)} MiB: ${work.buildLess}, or raise the budget with ${String(budgetFlags.memory)}`,
        );
      case 'closed':
        return error;
    }
  }
}

type Succeeded = Extract<TransformOutcome, { ok: true }>;

/** What a stopped worker was doing, in the words of the failure's message. */
interface StoppedWork {
  what: string;
  were: 'was' | 'were';
  they: 'it' | 'they';
  doLess: string;
  buildLess: string;
}

const transformWork: StoppedWork = {
  what: 'the templates and rewrites',
  were: 'were',
  they: 'they',
  doLess: 'make them do less',
  buildLess: 'make them build less',
};

function nameSelectionWork(field: string): StoppedWork {
  const simplify = 'simplify the regular expression';
  return {
    what: `the name regexp at ${field}`,
    were: 'was',
    they: 'it',
    doLess: simplify,
    buildLess: simplify,
  };
}

/** A rendering's result rebuilt as the inline step makes it: keys from the store may be `__proto__`. */
function secretOf(outcome: Succeeded): RenderedSecret {
  if (!('secret' in outcome)) throw new Error('the render worker answered a rendering with a name selection');
  return {
    data: record(outcome.secret.data),
    labels: record(outcome.secret.labels),
    annotations: record(outcome.secret.annotations),
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function record<T>(values: Readonly<Record<string, T>>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, values);
}

/**
 * The render worker's module. From the sources this file sits beside render-worker.ts; in the
 * production bundle (package.json's build) every chunk sits in dist/ beside render-worker.mjs.
 */
export function renderWorkerUrl(): URL {
  const fromSources = import.meta.url.endsWith('.ts');
  return new URL(fromSources ? './render-worker.ts' : './render-worker.mjs', import.meta.url);
}
