// Ferry's template engine: Go's text/template language, interpreted (never compiled to JavaScript),
// with the functions the caller passes in (Sprig's and ESO's, from ./functions). Parse once, execute
// many times: a ParsedTemplate holds no state of an execution and can be cached.
//
//   const parsed = parseTemplate('tls.crt', text, { functions });
//   const output = execute(parsed, stringMap(secretData));        // or renderTemplate(...) for both
//
// Every failure is a TemplateError (parse, exec or limit) whose message has Go's shape and never
// contains the data being rendered.
import type { Program } from './evaluate.ts';
import { Executor } from './executor.ts';
import type { FunctionMap } from './functions/types.ts';
import {
  defaultExecutionLimits,
  defaultParseLimits,
  type ExecutionLimits,
  type ParseLimits,
} from './limits.ts';
import { parseProgram, resolveFunctions } from './program.ts';
import { unlimitedBudget, type RenderBudget } from './render-budget.ts';
import type { GoValue } from './values.ts';

export { TemplateError, type TemplateErrorPhase } from './errors.ts';
export {
  defaultExecutionLimits,
  defaultParseLimits,
  type ExecutionLimits,
  type ParseLimits,
} from './limits.ts';
export { GoMap, stringMap, type GoValue } from './values.ts';
export {
  RenderBudget,
  RenderBudgetExceeded,
  absoluteNow,
  unlimitedBudget,
  type RenderBudgetLimits,
  type RenderBudgetName,
  type RenderBudgetSpent,
} from './render-budget.ts';
export { searchAll, searchAnywhere } from './regexp-search.ts';
export { compareGoStrings, goStringFromBytes, goStringToBytes } from './go-string.ts';
export { yamlStringMap } from './functions/yaml-string-map.ts';
export { decodeJson, encodeJson } from './functions/json.ts';
export { formatFloat } from './fmt-float.ts';
export type { FunctionEnvironment, FunctionMap, TemplateFunction } from './functions/types.ts';
export type { FunctionSignature, GoParameterType, SignedFunction } from './functions/signature.ts';
export { removedFunctions, systemEnvironment, templateFunctions } from './functions/index.ts';

/** A parsed template and the templates it defines; immutable, safe to cache and share. */
export type ParsedTemplate = Program;

export interface ParseTemplateOptions {
  /** The functions templates may call besides text/template's built-ins. */
  functions?: FunctionMap;
  limits?: Partial<ParseLimits>;
  /** Action delimiters other than `{{` and `}}`, as ESO's --template-left/right-delimiter flags set. */
  delimiters?: { left: string; right: string };
}

export interface ExecuteOptions {
  limits?: Partial<ExecutionLimits>;
  /** Shared by every execution of one rendering (the controller: one sync), besides each template's
   * own limits; without one, an execution has only its own. */
  budget?: RenderBudget;
  /** Replaces the parse-time functions for this execution (say, bound to another clock); the names
   * the template uses must still be there. */
  functions?: FunctionMap;
}

export function parseTemplate(
  name: string,
  text: string,
  options: ParseTemplateOptions = {},
): ParsedTemplate {
  return parseProgram({
    name,
    text,
    functions: options.functions ?? new Map(),
    limits: { ...defaultParseLimits, ...options.limits },
    delimiters: options.delimiters,
  });
}

/** Runs the template over `data` (ESO's is `stringMap(secretData)`) and returns its output, a Go
 * string as go-string.ts holds it: goStringToBytes gives the bytes Go would have written. */
export function execute(template: ParsedTemplate, data: GoValue, options: ExecuteOptions = {}): string {
  const limits = { ...defaultExecutionLimits, ...options.limits };
  const program =
    options.functions === undefined
      ? template
      : { ...template, functions: resolveFunctions(options.functions) };
  const budget = options.budget ?? unlimitedBudget();
  return budget.timed(() => new Executor(program, limits, data, budget).run());
}

export interface RenderOptions {
  functions?: FunctionMap;
  delimiters?: { left: string; right: string };
  parseLimits?: Partial<ParseLimits>;
  limits?: Partial<ExecutionLimits>;
}

/** Parses and executes in one go. */
export function renderTemplate(
  name: string,
  text: string,
  data: GoValue,
  options: RenderOptions = {},
): string {
  const { functions, delimiters, parseLimits, limits } = options;
  const parsed = parseTemplate(name, text, {
    ...(functions && { functions }),
    ...(delimiters && { delimiters }),
    ...(parseLimits && { limits: parseLimits }),
  });
  return execute(parsed, data, limits ? { limits } : {});
}
