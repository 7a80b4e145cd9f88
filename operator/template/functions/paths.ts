// Sprig's path functions: Go's path package (slash-separated), and the filepath variants, which on
// Linux (where ESO runs) behave the same. Pure string operations: no file is touched.
import { fixed, type FunctionDefinition } from './signature.ts';
import { withoutTrailing } from '../trailing-characters.ts';

const base = fixed(['string'], pathBase);
const dir = fixed(['string'], (path) => cleanPath(path.slice(0, path.lastIndexOf('/') + 1)));
const clean = fixed(['string'], cleanPath);
const ext = fixed(['string'], (path) => {
  for (let index = path.length - 1; index >= 0 && path.charAt(index) !== '/'; index--) {
    if (path.charAt(index) === '.') return path.slice(index);
  }
  return '';
});
const isAbs = fixed(['string'], (path) => path.startsWith('/'));

export const pathFunctions: Record<string, FunctionDefinition> = {
  base,
  dir,
  clean,
  ext,
  isAbs,
  osBase: base,
  osDir: dir,
  osClean: clean,
  osExt: ext,
  osIsAbs: isAbs,
};

/** path.Base: the last element; "." for an empty path, "/" for only slashes. */
function pathBase(path: string): string {
  if (path === '') return '.';
  const trimmed = withoutTrailing(path, '/');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** path.Clean: the shortest equivalent path, lexically. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const element of path.split('/')) {
    if (element === '' || element === '.') continue;
    if (element === '..') {
      if (parts.length > 0 && parts.at(-1) !== '..') parts.pop();
      else if (!rooted) parts.push('..');
    } else parts.push(element);
  }
  const joined = parts.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}
