// The files `-f` names: a file, a directory walked recursively for *.yaml, *.yml and *.json
// (hidden directories skipped, as kubectl and GitOps tools do), or `-` for standard input.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface Source {
  /** The path as the user wrote it (joined with the entries of a directory), or `<stdin>`. */
  file: string;
  text: string;
}

/** A file or directory that cannot be read: the command's exit code is `unavailable`. */
export class UnreadableSourceError extends Error {
  override name = 'UnreadableSourceError';
}

const manifestExtension = /\.(ya?ml|json)$/i;

async function filesUnder(directory: string, shown: string): Promise<{ path: string; shown: string }[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: { path: string; shown: string }[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    const shownPath = join(shown, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path, shownPath)));
    else if (entry.isFile() && manifestExtension.test(entry.name)) files.push({ path, shown: shownPath });
  }
  return files;
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  return (error as Error).message;
}

/** Reads every source the `-f` arguments name, in order; throws UnreadableSourceError for the first that cannot be read. */
export async function readSources(
  paths: readonly string[],
  cwd: string,
  readStdin: () => Promise<string>,
): Promise<Source[]> {
  const sources: Source[] = [];
  for (const path of paths) {
    if (path === '-') {
      sources.push({ file: '<stdin>', text: await readStdin() });
      continue;
    }
    const absolute = resolve(cwd, path);
    try {
      const info = await stat(absolute);
      const files = info.isDirectory() ? await filesUnder(absolute, path) : [{ path: absolute, shown: path }];
      for (const file of files) sources.push({ file: file.shown, text: await readFile(file.path, 'utf8') });
    } catch (error) {
      throw new UnreadableSourceError(`${path}: cannot read: ${reason(error)}`, { cause: error });
    }
  }
  return sources;
}
