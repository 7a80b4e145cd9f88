// The exact test of dataFrom.find that stores without an exact server-side filter apply to what
// they list: a server's filters may be prefix matches, or ignored altogether.
import type { FindQuery } from './types.ts';

/** Every wanted tag is present (as the secret's own key) with exactly that value. */
export function tagsMatch(
  tags: Readonly<Record<string, string>>,
  wanted: Readonly<Record<string, string>> | undefined,
): boolean {
  return Object.entries(wanted ?? {}).every(
    ([key, value]) => Object.hasOwn(tags, key) && tags[key] === value,
  );
}

/**
 * `path` as a case-sensitive prefix of the name, every tag equal, and the controller's name matcher
 * (the user's RE2 expression on a linear-time engine).
 */
export function matchesFind(name: string, tags: Readonly<Record<string, string>>, query: FindQuery): boolean {
  if (query.path !== undefined && !name.startsWith(query.path)) return false;
  if (!tagsMatch(tags, query.tags)) return false;
  return query.nameMatches === undefined || query.nameMatches(name);
}
