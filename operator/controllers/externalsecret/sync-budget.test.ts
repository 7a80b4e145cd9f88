import { describe, expect, it } from 'vitest';
import { RenderBudgetExceeded } from '../../template/index.ts';
import {
  BudgetExceededError,
  budgetExceededAt,
  createSyncBudget,
  defaultSyncBudgetLimits,
  syncBudgetLimitsOf,
} from './sync-budget.ts';

describe('the budget of one sync', () => {
  it('takes its limits from the operator flags', () => {
    expect(
      syncBudgetLimitsOf({
        budgetRenderSeconds: 10,
        budgetRenderMemoryMib: 64,
        budgetRegexpWork: 100_000_000,
        budgetFindMib: 16,
      }),
    ).toEqual(defaultSyncBudgetLimits);
  });

  it('is made from plain limits, and again from what was spent elsewhere', () => {
    const budget = createSyncBudget({ ...defaultSyncBudgetLimits, renderMemoryBytes: 1000 });
    budget.chargeMemory(800);
    const again = createSyncBudget({ ...defaultSyncBudgetLimits, renderMemoryBytes: 1000 }, budget.spent);
    expect(() => again.chargeMemory(300)).toThrow(RenderBudgetExceeded);
  });

  it('fails the field with BudgetExceeded, naming the budget, its limit and the flag that raises it', () => {
    const error = budgetExceededAt(
      'spec.dataFrom[0].find.name.regexp',
      new RenderBudgetExceeded('regexp', 'the regexp budget of 5 units', 'regexp matching'),
    );
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error).toMatchObject({ reason: 'BudgetExceeded', budget: 'regexp' });
    expect(error.message).toBe(
      'spec.dataFrom[0].find.name.regexp: regexp matching exceeds the regexp budget of 5 units per sync; simplify the regular expression or raise --budget-regexp-work',
    );
  });
});
