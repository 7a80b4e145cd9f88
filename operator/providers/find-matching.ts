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
 * `path` as a case-sensitive prefix of the name and every tag equal. The name regexp is not tested
 * here: it takes time the controller runs elsewhere, over every candidate at once (selectedByName).
 */
export function matchesFind(name: string, tags: Readonly<Record<string, string>>, query: FindQuery): boolean {
  if (query.path !== undefined && !name.startsWith(query.path)) return false;
  return tagsMatch(tags, query.tags);
}

/**
 * The candidates, in their order, that the query's name regexp selects (all of them when it has
 * none): one call of `selectNames` for the lot. Its rejection is passed on as it is.
 */
export async function selectedByName(candidates: readonly string[], query: FindQuery): Promise<string[]> {
  if (query.selectNames === undefined || candidates.length === 0) return [...candidates];
  const selected = await query.selectNames(candidates);
  return candidates.filter((name) => selected.has(name));
}
