/**
 * `text` without the run of `characters` at its end: `withoutTrailing("1.500", "0")` is "1.5". A scan
 * from the end, where /0+$/ would restart at every character of a long run and take quadratic time.
 */
export function withoutTrailing(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end);
}
