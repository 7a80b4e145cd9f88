import { runProvideScript } from '../../controlplane/index.ts';

/** Runs provide.sh (env jar, else cache, else mvn) and returns the path of Lowkey Vault's jar. */
export function provideLowkeyVaultJar(): Promise<string> {
  return runProvideScript(new URL('./provide.sh', import.meta.url), 'lowkey-vault');
}

/**
 * Whether Lowkey Vault's jar can be provided here. It cannot wherever the Maven registry reachable
 * does not serve it and FERRY_LOWKEY_VAULT_JAR is unset; then this says, on stderr, that `what` is
 * skipped and why, so that a skip is never silent.
 */
export async function isLowkeyVaultAvailable(what: string): Promise<boolean> {
  const jar = await provideLowkeyVaultJar().catch(() => undefined);
  if (jar === undefined) {
    console.warn(
      `[${what}] Lowkey Vault is not available (set FERRY_LOWKEY_VAULT_JAR to its runnable jar): skipped`,
    );
  }
  return jar !== undefined;
}
