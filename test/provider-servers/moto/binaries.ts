import { runProvideScript } from '../../controlplane/index.ts';

/**
 * Runs provide.sh (the versioned cache, else a pinned install from PyPI into it) and returns the
 * directory that holds `moto_server`.
 */
export function provideMotoServer(): Promise<string> {
  return runProvideScript(new URL('./provide.sh', import.meta.url), 'moto');
}
