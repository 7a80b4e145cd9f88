// Turns template text into a Program: the parsed trees plus the functions they may call, resolved
// once so that a parsed template can be cached and executed many times.
import { builtinFunctions, type Callable } from './builtins.ts';
import { TemplateError } from './errors.ts';
import type { Program } from './evaluate.ts';
import type { FunctionSignature, SignedFunction } from './functions/signature.ts';
import type { FunctionMap, TemplateFunction } from './functions/types.ts';
import type { ParseLimits } from './limits.ts';
import { parseTreeSet } from './parser.ts';

/** A function that declares no signature accepts anything, as `...interface{}` would. */
const anyArguments: FunctionSignature = { parameters: [], variadic: 'interface {}' };

function callableOf(fn: TemplateFunction): Callable {
  const { signature, budgeted } = fn as Partial<SignedFunction>;
  return {
    signature: signature ?? anyArguments,
    builtin: false,
    call: budgeted ? (args, _slots, budget) => budgeted(budget, args) : (args) => fn(...args),
  };
}

/** Built-ins, overridden by the function map's own functions of the same name, as in Go. */
export function resolveFunctions(functions: FunctionMap): ReadonlyMap<string, Callable> {
  const resolved = new Map(builtinFunctions);
  for (const [name, fn] of functions) resolved.set(name, callableOf(fn));
  return resolved;
}

export interface ProgramSource {
  name: string;
  text: string;
  functions: FunctionMap;
  limits: ParseLimits;
  delimiters?: { left: string; right: string } | undefined;
}

export function parseProgram({ name, text, functions, limits, delimiters }: ProgramSource): Program {
  const resolved = resolveFunctions(functions);
  try {
    const trees = parseTreeSet(name, text, {
      hasFunction: (candidate) => resolved.has(candidate),
      maxNestingDepth: limits.maxNestingDepth,
      delimiters,
    });
    return { name, text, trees, functions: resolved };
  } catch (error) {
    if (error instanceof RangeError) {
      // The parser recurses as the template nests: a stack overflow is a limit, not a crash.
      throw new TemplateError({
        phase: 'parse',
        template: name,
        line: 1,
        column: 0,
        reason: 'template nests too deeply to parse',
      });
    }
    throw error;
  }
}
