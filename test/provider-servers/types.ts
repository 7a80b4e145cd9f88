// The shape every provider test server's harness returns (test/provider-servers/<name>/), so that
// the integration run, `make dev-providers` and a person all start, reset and stop them the same way.

export interface ProviderServerOptions {
  /** A directory of the caller's for this server's state, certificates and log file. */
  dir: string;
  /** Detached servers outlive the caller (`make dev-providers`); attached ones die with a test run. */
  detached: boolean;
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
