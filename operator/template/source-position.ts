import { goStringByteLength } from './go-string.ts';

/** Where `index` (a string index into the template text) is, as Go counts it in its errors: the
 * 1-based line, and the 0-based byte offset within that line. */
export function locate(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  let line = 1;
  for (let at = before.indexOf('\n'); at >= 0; at = before.indexOf('\n', at + 1)) line++;
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line, column: goStringByteLength(before.slice(lineStart)) };
}
