// The errors of the pure half of a sync (assemble-data.ts, secret-template.ts) as plain data, so
// that a render worker's failure is rebuilt on the main thread as the same class, reason and
// message the reconciler handles when the same work runs inline. Messages never hold values, here
// as there.
import { InvalidSpecError, RemoteValueError } from './invalid-spec.ts';
import { BudgetExceededError, type BudgetName } from './sync-budget.ts';
import { TemplateProblem } from './template-failure.ts';

export type SyncErrorData =
  | { kind: 'InvalidSpecError'; message: string; reason: string }
  | { kind: 'RemoteValueError'; message: string }
  | { kind: 'TemplateProblem'; message: string }
  | { kind: 'BudgetExceededError'; message: string; budget: BudgetName }
  /** Anything else is a bug of ours: its name and message, retried with backoff as inline. */
  | { kind: 'Error'; message: string; name: string };

export function encodeSyncError(error: unknown): SyncErrorData {
  if (error instanceof InvalidSpecError) {
    return { kind: 'InvalidSpecError', message: error.message, reason: error.reason };
  }
  if (error instanceof RemoteValueError) return { kind: 'RemoteValueError', message: error.message };
  if (error instanceof TemplateProblem) return { kind: 'TemplateProblem', message: error.message };
  if (error instanceof BudgetExceededError) {
    return { kind: 'BudgetExceededError', message: error.message, budget: error.budget };
  }
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  return { kind: 'Error', name, message };
}

export function decodeSyncError(data: SyncErrorData): Error {
  switch (data.kind) {
    case 'InvalidSpecError':
      return new InvalidSpecError(data.message, data.reason);
    case 'RemoteValueError':
      return new RemoteValueError(data.message);
    case 'TemplateProblem':
      return new TemplateProblem(data.message);
    case 'BudgetExceededError':
      return new BudgetExceededError(data.budget, data.message);
    case 'Error': {
      const error = new Error(data.message);
      error.name = data.name;
      return error;
    }
  }
}
