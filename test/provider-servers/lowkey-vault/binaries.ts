import { runProvideScript } from '../../controlplane/index.ts';

export interface LowkeyVaultRuntime {
  /** Lowkey Vault's runnable jar (provide.sh). */
  jar: string;
  /** A Java that runs it, 25 or newer (find-java.sh). */
  java: string;
}

/** Lowkey Vault's jar and a Java that runs it; each script says on stderr what is missing and how to fix it. */
export async function provideLowkeyVault(): Promise<LowkeyVaultRuntime> {
  const jar = await runProvideScript(new URL('./provide.sh', import.meta.url), 'lowkey-vault');
  const java = await runProvideScript(new URL('./find-java.sh', import.meta.url), 'lowkey-vault java');
  return { jar, java };
}

/**
 * Whether Lowkey Vault's jar is provided (FERRY_LOWKEY_VAULT_JAR, which the Makefile sets where the
 * team keeps one). `make test-tools` stops CI without it; a direct vitest run without it skips what
 * needs the server, and this says so on stderr, naming `what`, so that a skip is never silent. A
 * wrong Java is no reason to skip: starting the server then fails with find-java.sh's line.
 */
export async function isLowkeyVaultAvailable(what: string): Promise<boolean> {
  const jar = await runProvideScript(new URL('./provide.sh', import.meta.url), 'lowkey-vault').catch(
    () => undefined,
  );
  if (jar === undefined) console.warn(`[${what}] Lowkey Vault's jar is not provided (see above): skipped`);
  return jar !== undefined;
}
