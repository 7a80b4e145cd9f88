// Not api/v1alpha1/index.ts: this file is loaded in every render worker (see .dependency-cruiser.cjs).
import { externalSecretReasons } from '../../api/v1alpha1/reasons.ts';
import {
  RenderBudget,
  RenderBudgetExceeded,
  TemplateError,
  type RenderBudgetSpent,
} from '../../template/index.ts';

/** What one sync may spend on the work its tenant controls (docs/operations.md, "Budgets"). */
export interface SyncBudgetLimits {
  /** Wall-clock time of the sync's templates, rewrites and regexps together. */
  renderMs: number;
  /** Memory one rendering may hold, summed over every key; also each render worker's heap limit. */
  renderMemoryBytes: number;
  /** Regexp work: compiled program size × input length, summed over every match. */
  regexpWork: number;
  /** Bytes one dataFrom.find may load from a store. */
  findBytes: number;
}

export const defaultSyncBudgetLimits: SyncBudgetLimits = {
  renderMs: 10_000,
  renderMemoryBytes: 64 * 1024 * 1024,
  regexpWork: 100_000_000,
  findBytes: 16 * 1024 * 1024,
};

/** The limits as the operator's flags give them (seconds, MiB, units). */
export function syncBudgetLimitsOf(flags: {
  budgetRenderSeconds: number;
  budgetRenderMemoryMib: number;
  budgetRegexpWork: number;
  budgetFindMib: number;
}): SyncBudgetLimits {
  return {
    renderMs: flags.budgetRenderSeconds * 1000,
    renderMemoryBytes: flags.budgetRenderMemoryMib * 1024 * 1024,
    regexpWork: flags.budgetRegexpWork,
    findBytes: flags.budgetFindMib * 1024 * 1024,
  };
}

export type BudgetName = 'time' | 'memory' | 'output' | 'regexp' | 'find';

/** The operator flag that raises each budget, for the message that says how. */
export const budgetFlags: Readonly<Record<BudgetName, string | undefined>> = {
  time: '--budget-render-seconds',
  memory: '--budget-render-memory-mib',
  output: undefined, // a Secret's own 1 MiB limit: nothing to raise
  regexp: '--budget-regexp-work',
  find: '--budget-find-mib',
};

/**
 * One sync spent more than its budget allows. It fails that ExternalSecret alone (reason
 * BudgetExceeded), is retried at the refresh pace at most, and its message names the budget and how
 * to raise it — never a value.
 */
export class BudgetExceededError extends Error {
  override name = 'BudgetExceededError';
  readonly reason = externalSecretReasons.budgetExceeded;
  readonly budget: BudgetName;

  constructor(budget: BudgetName, message: string) {
    super(message);
    this.budget = budget;
  }
}

/**
 * What the templates of one sync may write in all: more than a Secret can hold even base64-encoded
 * (4/3 of 1 MiB), with its labels and annotations (256 KiB). Not a flag: a larger rendering could
 * never be written.
 */
export const syncOutputBytes = 2 * 1024 * 1024;

/**
 * The budget of one sync: every template (data, templateFrom, labels, annotations, rewrite
 * transforms), rewrite regexp and find name match of it draws on it. Made from plain data where the
 * work runs; `spent` carries what earlier work of the same sync spent (in another thread, say).
 */
export function createSyncBudget(
  limits: SyncBudgetLimits,
  spent?: Readonly<Partial<RenderBudgetSpent>>,
): RenderBudget {
  return new RenderBudget(
    {
      durationMs: limits.renderMs,
      memoryBytes: limits.renderMemoryBytes,
      outputBytes: syncOutputBytes,
      regexpWork: limits.regexpWork,
    },
    spent,
  );
}

/**
 * The failure of the work at `field` that ran out of the sync's budget: the field, what ran out
 * (with the template's position when a template did), the limit, and how to raise it.
 */
export function budgetExceededAt(
  field: string,
  error: RenderBudgetExceeded | TemplateError,
): BudgetExceededError {
  const budget = error.budget ?? 'time';
  const flag = budgetFlags[budget];
  let remedy = error instanceof TemplateError ? 'simplify the template' : 'simplify the regular expression';
  if (budget === 'regexp') remedy = 'simplify the regular expression';
  if (budget === 'output') remedy = 'render less: a Secret holds at most 1 MiB';
  if (flag !== undefined) remedy += ` or raise ${flag}`;
  return new BudgetExceededError(budget, `${field}: ${error.message} per sync; ${remedy}`);
}

/** Whether `error` is the sync's budget running out (rather than a template's own limit). */
export function isBudgetExhaustion(error: unknown): error is RenderBudgetExceeded | TemplateError {
  return (
    error instanceof RenderBudgetExceeded || (error instanceof TemplateError && error.budget !== undefined)
  );
}
