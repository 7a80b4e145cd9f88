const longest = 80;

/** A value as a double-quoted string, escaped and shortened so a message stays one readable line. */
export function quoteValue(value: string): string {
  const shown = value.length > longest ? `${value.slice(0, longest)}…` : value;
  return JSON.stringify(shown);
}
