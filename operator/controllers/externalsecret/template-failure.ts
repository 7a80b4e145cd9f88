import { TemplateError } from '../../template/index.ts';
import { InvalidSpecError } from './invalid-spec.ts';
import { budgetExceededAt, isBudgetExhaustion } from './sync-budget.ts';

export const templateErrorReason = 'TemplateError';

/**
 * A template that cannot be rendered now but may render later without a change to the
 * ExternalSecret: a function failed on the data it was given, a template source is missing or
 * lacks a key. Retried at the refresh pace, and at once when a template source changes.
 */
export class TemplateProblem extends Error {
  override name = 'TemplateProblem';
  readonly reason = templateErrorReason;
}

/**
 * The TemplateError of the template at `field`, as status and Events show it: the field, then Go's
 * message (template name, line, column, the construct or function at fault), which never holds a
 * rendered value. A template that does not parse is a spec error; a failed execution may depend on
 * the data, so it is retried.
 */
export function templateFailure(field: string, error: TemplateError): InvalidSpecError | TemplateProblem {
  if (error.phase === 'parse') {
    // Go's parse errors name only the line; the column helps as much.
    return new InvalidSpecError(
      `${field}: template: ${error.template}:${String(error.line)}:${String(error.column)}: ${error.reason}`,
      templateErrorReason,
    );
  }
  return new TemplateProblem(`${field}: ${error.message}`);
}

/** Runs `render`, turning a TemplateError, or the sync's budget running out, into the failure of the work at `field`. */
export function renderingAt<T>(field: string, render: () => T): T {
  try {
    return render();
  } catch (error) {
    if (isBudgetExhaustion(error)) throw budgetExceededAt(field, error);
    if (error instanceof TemplateError) throw templateFailure(field, error);
    throw error;
  }
}
