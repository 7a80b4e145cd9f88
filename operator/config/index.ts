export { ConfigError } from './config-error.ts';
export type { MetricsAddress } from './metrics-address.ts';
export { helpRequested, parseOperatorConfig } from './parse-operator-config.ts';
export type { OperatorConfig } from './schema.ts';
export { operatorUsage } from './usage.ts';
export { closestFlag } from './closest-flag.ts';
export { storeMaxCallsInFlight } from './store-limits.ts';
