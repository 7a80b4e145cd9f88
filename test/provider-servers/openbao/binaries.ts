import { runProvideScript } from '../../controlplane/index.ts';

/**
 * Runs provide.sh ($FERRY_BAO_BIN, else the versioned cache, else a pinned install into it) and
 * returns the path of the `bao` binary.
 */
export function provideOpenBao(): Promise<string> {
  return runProvideScript(new URL('./provide.sh', import.meta.url), 'openbao');
}
