// Which listed names a dataFrom.find's name regexp selects. A provider asks (FindQuery.selectNames);
// the tenant's regexp runs here, on re2js, charged to the sync's budget — in a render worker when
// the operator has them (render-sandbox.ts), so that seconds of matching never block the event loop.
import { RenderBudgetExceeded, searchAnywhere, type RenderBudget } from '../../template/index.ts';
import { compileRegexp } from './rewrite.ts';
import { budgetExceededAt } from './sync-budget.ts';

/** A find's name regexp and the field it was written at, for the messages. */
export interface NameRegexp {
  regexp: string;
  field: string;
}

/**
 * Which of `names` the regexp selects. Over the sync's budget it rejects with BudgetExceededError
 * at the regexp's field; an invalid regexp rejects with InvalidSpecError.
 */
export type SelectNames = (find: NameRegexp, names: readonly string[]) => Promise<ReadonlySet<string>>;

/** The selection on the calling thread: each name charged to the budget before it is searched. */
export function selectNamesNow(find: NameRegexp, names: readonly string[], budget: RenderBudget): string[] {
  const regexp = compileRegexp(find.regexp, find.field);
  try {
    return budget.timed(() =>
      names.filter((name) => {
        budget.checkDeadline();
        return searchAnywhere(regexp, name, budget);
      }),
    );
  } catch (error) {
    if (error instanceof RenderBudgetExceeded) throw budgetExceededAt(find.field, error);
    throw error;
  }
}

/** Selection on this thread: for syncs without render workers. */
export function inlineNameSelection(budget: RenderBudget): SelectNames {
  return (find, names) => Promise.resolve().then(() => new Set(selectNamesNow(find, names, budget)));
}
