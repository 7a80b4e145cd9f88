// The one error the template engine throws. Its message has Go's shape, so that a user who knows
// ESO's errors recognises them:
//   parse:  template: NAME:LINE: function "x" not defined
//   exec:   template: NAME:LINE:COL: executing "NAME" at <.password>: map has no entry for key "password"
//   limit:  template: NAME:LINE:COL: executing "NAME": output exceeds 1048576 bytes
// It names the template, the position and the construct (the template's own source text, never a
// value being rendered): Go's messages that would quote a rendered value are redacted where they
// are built.
import { quoteGoString } from './fmt.ts';
import type { RenderBudgetName } from './render-budget.ts';

export type TemplateErrorPhase = 'parse' | 'exec' | 'limit';

export interface TemplateErrorDetails {
  phase: TemplateErrorPhase;
  /** The name the template was parsed under (ESO: the key of the template). */
  template: string;
  /** The (defined) template that was executing, for exec and limit errors. */
  executing?: string | undefined;
  /** 1-based line. */
  line: number;
  /** Byte offset of the construct within its line, 0-based, as Go's exec errors count it. Parse
   * errors carry the position of the token the parser stopped at (Go reports only the line). */
  column: number;
  /** The construct at fault as written in the template (`.password`, `index . "a"`), or the
   * function's name; absent when Go reports none. */
  construct?: string | undefined;
  /** The function whose call failed (its arguments, or the function itself), when one did. */
  function?: string | undefined;
  /** What went wrong, without the location prefix. */
  reason: string;
  /** For a limit error: the rendering's shared budget that ran out, rather than this template's own limit. */
  budget?: RenderBudgetName | undefined;
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  readonly phase: TemplateErrorPhase;
  readonly template: string;
  readonly executing: string | undefined;
  readonly line: number;
  readonly column: number;
  readonly construct: string | undefined;
  readonly function: string | undefined;
  readonly reason: string;
  readonly budget: RenderBudgetName | undefined;

  constructor(details: TemplateErrorDetails) {
    super(formatMessage(details));
    this.phase = details.phase;
    this.template = details.template;
    this.executing = details.executing;
    this.line = details.line;
    this.column = details.column;
    this.construct = details.construct;
    this.function = details.function;
    this.reason = details.reason;
    this.budget = details.budget;
  }
}

function formatMessage(details: TemplateErrorDetails): string {
  const { phase, template, line, column, executing, construct, reason } = details;
  if (phase === 'parse') return `template: ${template}:${line}: ${reason}`;
  const executingName = quoteGoString(executing ?? template);
  if (phase === 'limit')
    return `template: ${template}:${line}:${column}: executing ${executingName}: ${reason}`;
  const at = construct === undefined ? '' : ` at <${construct}>`;
  return `template: ${template}:${line}:${column}: executing ${executingName}${at}: ${reason}`;
}
