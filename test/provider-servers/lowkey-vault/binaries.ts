import { runProvideScript } from '../../controlplane/index.ts';

/** Runs provide.sh (env jar, else cache, else mvn) and returns the path of Lowkey Vault's jar. */
export function provideLowkeyVaultJar(): Promise<string> {
  return runProvideScript(new URL('./provide.sh', import.meta.url), 'lowkey-vault');
}
