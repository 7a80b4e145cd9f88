// Not api/v1alpha1/index.ts: this file is loaded in every render worker (see .dependency-cruiser.cjs).
import { externalSecretReasons } from '../../api/v1alpha1/reasons.ts';

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
