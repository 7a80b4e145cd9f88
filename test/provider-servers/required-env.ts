/** A variable of a server's env (ProviderServer.env), or an error that names the one missing. */
export function requiredEnv(env: Record<string, string>, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`the provider server's env has no ${name}`);
  return value;
}
