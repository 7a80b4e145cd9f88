export {
  StoreClients,
  defaultClientCacheBounds,
  defaultProviderTimeouts,
  type AnyStore,
  type StoreClientsOptions,
} from './store-clients.ts';
export { createProviderTransport } from './shared-agents.ts';
export type { SharedReadsClient } from './coalescing-client.ts';
export { StoreRateLimitedError } from './rate-limiter.ts';
export {
  OperatorIdentityRefusedError,
  resolveCredentials,
  type CredentialPolicy,
  type Credentials,
  type StoreScope,
} from './credentials.ts';
