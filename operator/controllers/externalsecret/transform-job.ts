// One job of a render worker: a pure step of a sync, its input and its outcome as plain data.
import type { ExternalSecretSpec, Template } from '../../api/v1alpha1/index.ts';
import { assembleData, type ReadValues } from './assemble-data.ts';
import { encodeSyncError, type SyncErrorData } from './error-transport.ts';
import { selectNamesNow, type NameRegexp } from './name-selection.ts';
import type { ParsedTemplates } from './parsed-templates.ts';
import { renderSecret, type RenderedSecret, type TemplateSourceData } from './secret-template.ts';
import type { RenderBudgetSpent } from '../../template/index.ts';
import { createSyncBudget, type SyncBudgetLimits } from './sync-budget.ts';

export type TransformJob = (
  | { step: 'assemble'; spec: ExternalSecretSpec; reads: ReadValues }
  | {
      step: 'render';
      fetched: Readonly<Record<string, Uint8Array>>;
      template: Template;
      sources: readonly (TemplateSourceData | undefined)[];
    }
  | ({ step: 'select-names'; names: readonly string[] } & NameRegexp)
) & {
  /** The sync's budget and what the sync spent before this step: the worker goes on from there. */
  limits: SyncBudgetLimits;
  spent: RenderBudgetSpent;
};

/**
 * The step's result (assemble: data only; select-names: the names selected), or its failure; and
 * what the sync has spent after it.
 */
export type TransformOutcome =
  | { ok: true; secret: RenderedSecret; spent: RenderBudgetSpent }
  | { ok: true; selected: string[]; spent: RenderBudgetSpent }
  | { ok: false; error: SyncErrorData; spent: RenderBudgetSpent };

/** Runs one step; every failure becomes data, so the worker itself never fails a job. */
export function runTransformJob(job: TransformJob, templates: ParsedTemplates): TransformOutcome {
  const budget = createSyncBudget(job.limits, job.spent);
  try {
    if (job.step === 'select-names') {
      return { ok: true, selected: selectNamesNow(job, job.names, budget), spent: budget.spent };
    }
    const secret =
      job.step === 'assemble'
        ? { data: assembleData(job.spec, job.reads, templates, budget), labels: {}, annotations: {} }
        : renderSecret({
            fetched: job.fetched,
            template: job.template,
            sources: job.sources,
            templates,
            budget,
          });
    return { ok: true, secret, spent: budget.spent };
  } catch (error) {
    return { ok: false, error: encodeSyncError(error), spent: budget.spent };
  }
}

/**
 * The buffers of the outcome's values that can move to the main thread instead of being copied:
 * each once, and only those a value holds whole (never a slice of Node's shared Buffer pool). The
 * worker keeps no reference to them after the job.
 */
export function transferableBuffers(outcome: TransformOutcome): ArrayBuffer[] {
  if (!('secret' in outcome)) return [];
  const buffers = new Set<ArrayBuffer>();
  for (const value of Object.values(outcome.secret.data)) {
    const { buffer } = value;
    if (buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === buffer.byteLength)
      buffers.add(buffer);
  }
  return [...buffers];
}
