import { RE2JS } from 're2js';
import type { Rewrite } from '../../api/v1alpha1/index.ts';
import { execute, stringMap } from '../../template/index.ts';
import { InvalidSpecError } from './invalid-spec.ts';
import type { ParsedTemplates } from './parsed-templates.ts';
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

function replaceAll(regexp: RE2JS, input: string, template: string): string {
  const matcher = regexp.matcher(input);
  const named = regexp.namedGroups();
  let out = '';
  let last = 0;
  while (matcher.find()) {
    const start = matcher.start();
    const end = matcher.end();
    // Go's rule (the matcher's is Java's): an empty match right after a match is not replaced,
    // so `a*` turns "baaac" into "-b-c-", not "-b--c-".
    if (end > last || start === 0) {
      const groups = Array.from({ length: regexp.groupCount() + 1 }, (_, i) => matcher.group(i));
      out += input.slice(last, start) + expand(template, groups, named);
      last = end;
    }
  }
  return out + input.slice(last);
}

/**
 * Applies dataFrom[].rewrite in order, each to the result of the one before: a regexp replaces
 * matches in every key (Go's ReplaceAllString), a transform template renders the new key from the
 * old one, given as `.value` (ESO names the template "transform"), and a merge merges the JSON
 * objects the values hold (rewrite-merge.ts). Keys that become equal keep the value of the last one.
 */
export function applyRewrites(
  data: Record<string, Uint8Array>,
  rewrites: readonly Rewrite[],
  field: string,
  templates: ParsedTemplates,
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
        renderingAt(origin, () => execute(templates.get('transform', text), stringMap({ value: key })));
    } else if (rewrite.regexp) {
      const regexp = compileRegexp(rewrite.regexp.source, `${at}.regexp.source`);
      const target = rewrite.regexp.target;
      rename = (key) => replaceAll(regexp, key, target);
    } else return;
    current = Object.fromEntries(Object.entries(current).map(([key, value]) => [rename(key), value]));
  });
  return current;
}
