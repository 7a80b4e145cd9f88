/** A flag or environment variable the operator cannot start with; the message says how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
