import { RE2JS } from 're2js';
import type { Rewrite } from '../../api/v1alpha1/index.ts';
import { execute, searchAll, stringMap, type RenderBudget } from '../../template/index.ts';
import { InvalidSpecError } from './invalid-spec.ts';
import type { ParsedTemplates } from './parsed-templates.ts';
import { renameKeys } from './rename-keys.ts';
import { mergeValues } from './rewrite-merge.ts';
import { renderingAt } from './template-failure.ts';

/** Compiles a user's regular expression on RE2 (linear time): no ExternalSecret can stall the controller. */
export function compileRegexp(source: string, field: string): RE2JS {
  try {
    return RE2JS.compile(source);
  } catch (error) {
    throw new InvalidSpecError(`${field}: invalid regular expression: ${(error as Error).message}`);
  }
}

/** Go's regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`. */
function expand(template: string, groups: (string | null)[], named: Record<string, number>): string {
  return template.replace(
    /\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g,
    (_match, all: string, braced?: string, bare?: string) => {
      if (all === '$') return '$';
      const name = braced ?? bare ?? '';
      const index = /^[0-9]+$/.test(name) ? Number(name) : named[name];
      return index === undefined ? '' : (groups[index] ?? '');
    },
  );
}

/** Go's ReplaceAllString; each search is charged to the sync's regexp budget before it runs. */
function replaceAll(regexp: RE2JS, input: string, template: string, budget: RenderBudget): string {
  const named = regexp.namedGroups();
  let out = '';
  let last = 0;
  for (const match of searchAll(regexp, input, -1, budget)) {
    const [start = 0, end = 0] = match;
    const groups = Array.from({ length: match.length / 2 }, (_, group) => {
      const from = match[2 * group] ?? -1;
      return from < 0 ? null : input.slice(from, match[2 * group + 1]);
    });
    out += input.slice(last, start) + expand(template, groups, named);
    last = end;
  }
  return out + input.slice(last);
}

/**
 * Applies dataFrom[].rewrite in order, each to the result of the one before: a regexp replaces
 * matches in every key (Go's ReplaceAllString), a transform template renders the new key from the
 * old one, given as `.value` (ESO names the template "transform"), and a merge merges the JSON
 * objects the values hold (rewrite-merge.ts). Two keys that become the same non-empty key are an
 * error (renameKeys): one value would be lost.
 * Regexps and templates draw on the sync's `budget`; its time runs while the rewrites do.
 */
export function applyRewrites(
  data: Record<string, Uint8Array>,
  rewrites: readonly Rewrite[],
  field: string,
  templates: ParsedTemplates,
  budget: RenderBudget,
): Record<string, Uint8Array> {
  return budget.timed(() => rewriteAll(data, rewrites, field, templates, budget));
}

function rewriteAll(
  data: Record<string, Uint8Array>,
  rewrites: readonly Rewrite[],
  field: string,
  templates: ParsedTemplates,
  budget: RenderBudget,
): Record<string, Uint8Array> {
  let current = data;
  rewrites.forEach((rewrite, index) => {
    const at = `${field}.rewrite[${String(index)}]`;
    if (rewrite.merge) {
      current = mergeValues(current, rewrite.merge, `${at}.merge`);
      return;
    }
    let rename: (key: string) => string;
    if (rewrite.transform) {
      const text = rewrite.transform.template;
      const origin = `${at}.transform.template`;
      rename = (key) =>
        renderingAt(origin, () =>
          execute(templates.get('transform', text), stringMap({ value: key }), { budget }),
        );
    } else if (rewrite.regexp) {
      const origin = `${at}.regexp.source`;
      const regexp = compileRegexp(rewrite.regexp.source, origin);
      const target = rewrite.regexp.target;
      rename = (key) =>
        renderingAt(origin, () => {
          const renamed = replaceAll(regexp, key, target, budget);
          budget.checkDeadline();
          return renamed;
        });
    } else return;
    current = renameKeys(
      current,
      rename,
      (earlier, later, renamed) =>
        `${at}: the keys ${JSON.stringify(earlier)} and ${JSON.stringify(later)} both become ${JSON.stringify(renamed)}, so one value would be lost; rewrite them to different keys, or one of them to "" to drop it`,
    );
  });
  return current;
}
