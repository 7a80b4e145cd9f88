export {
  StoreClients,
  defaultClientCacheBounds,
  defaultProviderTimeouts,
  defaultStoreGuardSettings,
  type AnyStore,
  type StoreClientsOptions,
  type StoreGuardSettings,
} from './store-clients.ts';
export { createProviderTransport } from './shared-agents.ts';
export { StoreUnavailableError } from './circuit-breaker.ts';
export { StoreBusyError, type BulkheadSlot } from './store-bulkhead.ts';
export type { GuardState, StoreRef } from './store-guards.ts';
export type { SharedReadsClient } from './coalescing-client.ts';
export { StoreRateLimitedError } from './rate-limiter.ts';
export {
  OperatorIdentityRefusedError,
  resolveCredentials,
  type CredentialPolicy,
  type Credentials,
  type StoreScope,
} from './credentials.ts';
