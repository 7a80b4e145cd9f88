import type { OperatorConfig } from './schema.ts';

/**
 * Provider calls in flight per store: the flag's number, or for `auto` an eighth of the workers
 * (at least 2) — so that stores that never answer hold at most that share of the workers each.
 */
export function storeMaxCallsInFlight(
  config: Pick<OperatorConfig, 'storeMaxCallsInFlight' | 'concurrency'>,
): number {
  return config.storeMaxCallsInFlight === 'auto'
    ? Math.max(2, Math.floor(config.concurrency / 8))
    : config.storeMaxCallsInFlight;
}
