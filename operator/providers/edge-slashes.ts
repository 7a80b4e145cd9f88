// URLs and paths from store specs lose their edge slashes here by a scan, where /\/+$/ would
// restart at every slash of a long run and take quadratic time.

/** `https://vault:8200//` → `https://vault:8200`. */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === slash) end -= 1;
  return text.slice(0, end);
}

/** `/team-a/kv/` → `team-a/kv`. */
export function withoutEdgeSlashes(text: string): string {
  let start = 0;
  while (start < text.length && text.charCodeAt(start) === slash) start += 1;
  return withoutTrailingSlashes(text.slice(start));
}

const slash = 0x2f;
