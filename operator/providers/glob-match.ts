// gjson's key patterns in `remoteRef.property`: `*` any run of characters, `?` any one, `\x` the
// character x. Matched by the greedy two-pointer walk that, on a mismatch, retries from just after
// the last `*` seen: at most (key length + 1) × (pattern length + 1) steps and no allocation per key,
// where a backtracking regexp engine takes exponential time on `*a*a*a*…c`. A character is a Unicode
// code point, as `.` is in a RegExp with the u flag.

const anyRun = -1;
const anyOne = -2;

/** A compiled pattern: code points to match literally, or anyRun / anyOne. */
export type Glob = readonly number[];

/** `source` as written in the property: a backslash makes the next character literal. */
export function compileGlob(source: string): Glob {
  const glob: number[] = [];
  for (let index = 0; index < source.length;) {
    let codePoint = source.codePointAt(index) ?? 0;
    if (codePoint === 0x5c /* \ */) {
      index += 1;
      // A backslash at the very end escapes nothing and matches nothing, as before this matcher.
      if (index >= source.length) break;
      codePoint = source.codePointAt(index) ?? 0;
      glob.push(codePoint);
    } else if (codePoint === 0x2a /* * */) {
      glob.push(anyRun);
    } else if (codePoint === 0x3f /* ? */) {
      glob.push(anyOne);
    } else {
      glob.push(codePoint);
    }
    index += codePoint > 0xffff ? 2 : 1;
  }
  return glob;
}

/** Whether the whole of `key` matches `glob`. */
export function globMatches(glob: Glob, key: string): boolean {
  return globMatchCounted(glob, key).matched;
}

/** The match, and the steps it took: exposed so a test can prove the bound on hostile patterns. */
export function globMatchCounted(glob: Glob, key: string): { matched: boolean; steps: number } {
  let at = 0; // in glob
  let position = 0; // in key, in UTF-16 units
  let lastRun = -1; // glob index of the last * seen
  let resumeAt = 0; // key position that * currently stops before
  let steps = 0;
  while (position < key.length) {
    steps += 1;
    const codePoint = key.codePointAt(position) ?? 0;
    const token = glob[at];
    if (token === anyOne || token === codePoint) {
      at += 1;
      position += codePoint > 0xffff ? 2 : 1;
    } else if (token === anyRun) {
      lastRun = at;
      resumeAt = position;
      at += 1;
    } else if (lastRun !== -1) {
      // Let the last * take one more character and retry the rest of the pattern from there.
      const swallowed = key.codePointAt(resumeAt) ?? 0;
      resumeAt += swallowed > 0xffff ? 2 : 1;
      position = resumeAt;
      at = lastRun + 1;
    } else {
      return { matched: false, steps };
    }
  }
  while (glob[at] === anyRun) at += 1;
  return { matched: at === glob.length, steps };
}
