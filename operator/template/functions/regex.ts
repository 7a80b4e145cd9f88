// Sprig's regex functions with Go's regexp semantics (RE2: linear time, leftmost-first), through
// re2js, a port of the same engine. Never a JavaScript RegExp: patterns come from users. Go's
// compile errors quote the pattern; here they name only what was wrong, since a pattern can be
// built from secret data.
import { RE2JS, RE2JSException } from 're2js';
import { searchAll } from '../regexp-search.ts';
import type { RenderBudget } from '../render-budget.ts';
import { budgeted, fixed, type FunctionDefinition } from './signature.ts';
import { FunctionError } from './types.ts';
import { isDigit, isLetter } from './unicode.ts';

interface CompiledPattern {
  regexp: RE2JS;
  groupNames: Map<string, number>;
}

const cache = new Map<string, CompiledPattern>();
const cacheSize = 256;

// Every search is charged to the rendering's budget before it runs (regexp-search.ts).
export const regexFunctions: Record<string, FunctionDefinition> = {
  regexMatch: budgeted((budget) =>
    fixed(['string', 'string'], (pattern, text) => {
      const compiled = tryCompile(pattern);
      return compiled !== undefined && matches(compiled, text, 1, budget).length > 0;
    }),
  ),
  mustRegexMatch: budgeted((budget) =>
    fixed(['string', 'string'], (pattern, text) => matches(compile(pattern), text, 1, budget).length > 0),
  ),
  regexFind: budgeted((budget) =>
    fixed(['string', 'string'], (pattern, text) => findFirst(compile(pattern, true), text, budget)),
  ),
  mustRegexFind: budgeted((budget) =>
    fixed(['string', 'string'], (pattern, text) => findFirst(compile(pattern), text, budget)),
  ),
  regexFindAll: budgeted((budget) =>
    fixed(['string', 'string', 'int'], (pattern, text, limit) =>
      findAll(compile(pattern, true), text, Number(limit), budget),
    ),
  ),
  mustRegexFindAll: budgeted((budget) =>
    fixed(['string', 'string', 'int'], (pattern, text, limit) =>
      findAll(compile(pattern), text, Number(limit), budget),
    ),
  ),
  regexReplaceAll: budgeted((budget) =>
    fixed(['string', 'string', 'string'], (pattern, text, replacement) =>
      replaceAll(compile(pattern, true), text, replacement, true, budget),
    ),
  ),
  mustRegexReplaceAll: budgeted((budget) =>
    fixed(['string', 'string', 'string'], (pattern, text, replacement) =>
      replaceAll(compile(pattern), text, replacement, true, budget),
    ),
  ),
  regexReplaceAllLiteral: budgeted((budget) =>
    fixed(['string', 'string', 'string'], (pattern, text, replacement) =>
      replaceAll(compile(pattern, true), text, replacement, false, budget),
    ),
  ),
  mustRegexReplaceAllLiteral: budgeted((budget) =>
    fixed(['string', 'string', 'string'], (pattern, text, replacement) =>
      replaceAll(compile(pattern), text, replacement, false, budget),
    ),
  ),
  regexSplit: budgeted((budget) =>
    fixed(['string', 'string', 'int'], (pattern, text, limit) =>
      split(compile(pattern, true), pattern, text, Number(limit), budget),
    ),
  ),
  mustRegexSplit: budgeted((budget) =>
    fixed(['string', 'string', 'int'], (pattern, text, limit) =>
      split(compile(pattern), pattern, text, Number(limit), budget),
    ),
  ),
  regexQuoteMeta: fixed(['string'], (text) => text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')),
};

function tryCompile(pattern: string): CompiledPattern | undefined {
  try {
    return compile(pattern);
  } catch {
    return undefined;
  }
}

/** Compiles (cached); `asPanic` gives the message of Go's regexp.MustCompile. */
function compile(pattern: string, asPanic = false): CompiledPattern {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  let compiled: CompiledPattern;
  try {
    const regexp = RE2JS.compile(pattern);
    compiled = {
      regexp,
      groupNames: new Map(Object.entries(regexp.namedGroups())),
    };
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    const reason = redactPattern(error.message);
    throw new FunctionError(asPanic ? `regexp: Compile(\`…\`): ${reason}` : reason);
  }
  if (cache.size >= cacheSize) cache.delete(cache.keys().next().value ?? '');
  cache.set(pattern, compiled);
  return compiled;
}

/** "error parsing regexp: missing closing ): `(`" without the quoted piece of pattern. */
function redactPattern(message: string): string {
  const quoted = message.indexOf(': `');
  return quoted !== -1 && message.length >= quoted + 4 && message.endsWith('`')
    ? message.slice(0, quoted)
    : message;
}

function matches(compiled: CompiledPattern, text: string, limit: number, budget: RenderBudget): number[][] {
  return searchAll(compiled.regexp, text, limit, budget);
}

function findFirst(compiled: CompiledPattern, text: string, budget: RenderBudget): string {
  const [match] = matches(compiled, text, 1, budget);
  return match === undefined ? '' : text.slice(match[0], match[1]);
}

function findAll(compiled: CompiledPattern, text: string, limit: number, budget: RenderBudget): string[] {
  return matches(compiled, text, limit, budget).map((match) => text.slice(match[0], match[1]));
}

/** Go's ReplaceAllString (with $-expansion) or ReplaceAllLiteralString. */
function replaceAll(
  compiled: CompiledPattern,
  text: string,
  replacement: string,
  expand: boolean,
  budget: RenderBudget,
): string {
  let result = '';
  let lastEnd = 0;
  for (const match of matches(compiled, text, -1, budget)) {
    const [start = 0, end = 0] = match;
    result += text.slice(lastEnd, start);
    result += expand ? expandTemplate(compiled, replacement, text, match) : replacement;
    lastEnd = end;
  }
  return result + text.slice(lastEnd);
}

/** Go's Regexp.Expand: $1, ${1}, $name, ${name}, $$; an unknown group expands to nothing. */
function expandTemplate(compiled: CompiledPattern, template: string, text: string, match: number[]): string {
  let result = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    result += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      result += '$';
      rest = rest.slice(1);
      continue;
    }
    const reference = parseReference(rest);
    if (reference === undefined) {
      result += '$';
      continue;
    }
    rest = reference.rest;
    const group = reference.number ?? compiled.groupNames.get(reference.name);
    const start = group === undefined ? undefined : match[2 * group];
    const end = group === undefined ? undefined : match[2 * group + 1];
    if (start !== undefined && end !== undefined && start >= 0) result += text.slice(start, end);
  }
  return result + rest;
}

function parseReference(
  text: string,
): { name: string; number: number | undefined; rest: string } | undefined {
  const braced = text.startsWith('{');
  const body = braced ? text.slice(1) : text;
  let length = 0;
  for (const char of body) {
    const rune = char.codePointAt(0) ?? 0;
    if (!isLetter(rune) && !isDigit(rune) && char !== '_') break;
    length += char.length;
  }
  if (length === 0) return undefined;
  const name = body.slice(0, length);
  let rest = body.slice(length);
  if (braced) {
    if (!rest.startsWith('}')) return undefined;
    rest = rest.slice(1);
  }
  const numeric = /^[0-9]+$/.test(name) && !(name.startsWith('0') && name.length > 1) && name.length <= 8;
  return { name, number: numeric ? Number(name) : undefined, rest };
}

/** Go's Regexp.Split. */
function split(
  compiled: CompiledPattern,
  pattern: string,
  text: string,
  limit: number,
  budget: RenderBudget,
): string[] {
  if (limit === 0) return [];
  if (pattern.length > 0 && text.length === 0) return [''];
  const parts: string[] = [];
  let begin = 0;
  let end = 0;
  for (const [start = 0, matchEnd = 0] of matches(compiled, text, limit, budget)) {
    if (limit > 0 && parts.length === limit - 1) break;
    end = start;
    if (matchEnd !== 0) parts.push(text.slice(begin, end));
    begin = matchEnd;
  }
  if (end !== text.length) parts.push(text.slice(begin));
  return parts;
}
