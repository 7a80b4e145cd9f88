// The shape every provider test server's harness returns (test/provider-servers/<name>/), so that
// the integration run, `make dev-providers` and a person all start, reset and stop them the same way.

export interface ProviderServerOptions {
  /** A directory of the caller's for this server's state, certificates and log file. */
  dir: string;
  /** Detached servers outlive the caller (`make dev-providers`); attached ones die with a test run. */
  detached: boolean;
  /** The loopback port of the server's main endpoint (`make dev-providers`: the examples'); else a free one. */
  port?: number | undefined;
}

export interface ProviderServer {
  name: string;
  /** Every process started, stopped by PID. */
  pids: number[];
  logFile: string;
  /**
   * Endpoints and test credentials as environment variables (the lines of .dev/providers.env):
   * both what a person or test uses to seed remote secrets and what the operator needs to reach
   * the server (trusted CA, endpoint overrides).
   */
  env: Record<string, string>;
  /** Returns the server to its freshly started state (between tests). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Creates, on a running server, the remote secrets its examples/ files read (what their comments
 * describe), through the server's own API as a person would. Creates only what is missing, so it
 * may run again on a seeded server; returns the names it created (none when all were there).
 */
export type SeedExampleData = (env: Record<string, string>) => Promise<string[]>;
