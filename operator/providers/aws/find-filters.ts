// dataFrom.find → ListSecrets filters. Filters only narrow what AWS sends back: they are prefix
// matches (a tag-value filter "pay" also matches "payments", and tag-key and tag-value filters
// match independently), so every listed secret is checked again exactly (matchesFind).
import type { FindQuery } from '../types.ts';
import type { ListFilter } from './secrets-port.ts';

/** What ListSecrets accepts as a filter value; a leading "!" would negate the filter. */
const filterValuePattern = /^[a-zA-Z0-9 :_@/+=.\-!]{1,512}$/;
const maxFilters = 10;

export function listFiltersFor(query: FindQuery): ListFilter[] {
  const filters: ListFilter[] = [];
  const add = (key: ListFilter['key'], value: string): void => {
    if (filters.length < maxFilters && filterValuePattern.test(value) && !value.startsWith('!')) {
      filters.push({ key, values: [value] });
    }
  };
  for (const prefix of namePrefixes(query)) add('name', prefix);
  for (const [key, value] of Object.entries(query.tags ?? {})) {
    add('tag-key', key);
    add('tag-value', value);
  }
  return filters;
}

/** Prefixes every matching name starts with: the path, and the literal start of an anchored regexp. */
function namePrefixes(query: FindQuery): string[] {
  const prefixes = [query.path, literalPrefixOf(query.nameRegexp)].filter(
    (prefix): prefix is string => prefix !== undefined && prefix !== '',
  );
  // One filter when one prefix contains the other; both (AND-ed, so nothing matches) when they disagree.
  const [first, second] = prefixes;
  if (first !== undefined && second !== undefined) {
    if (first.startsWith(second)) return [first];
    if (second.startsWith(first)) return [second];
  }
  return prefixes;
}

const literalCharacter = /[A-Za-z0-9/_=@: -]/;
const escapableLiteral = /[./+=@:_ -]/;
const quantifiers = new Set(['?', '*', '+', '{']);

/**
 * The text every match of an RE2 expression anchored with `^` starts with: `^team-a/db-.*` gives
 * "team-a/db-". Conservative: any alternation, flag or class ends the prefix (or gives none), and a
 * character a quantifier applies to is left out.
 */
export function literalPrefixOf(expression: string | undefined): string | undefined {
  if (expression === undefined || !expression.startsWith('^') || expression.includes('|')) return undefined;
  let prefix = '';
  let index = 1;
  while (index < expression.length) {
    const char = expression.charAt(index);
    if (char === '\\' && escapableLiteral.test(expression.charAt(index + 1))) {
      prefix += expression.charAt(index + 1);
      index += 2;
    } else if (literalCharacter.test(char)) {
      prefix += char;
      index += 1;
    } else {
      if (quantifiers.has(char)) prefix = prefix.slice(0, -1);
      break;
    }
  }
  return prefix === '' ? undefined : prefix;
}
