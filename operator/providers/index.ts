// The door of providers/: the contract, its errors, the registry and the JSON property helper.
// The conformance suite (conformance.ts) is test code and stays out of this door.
export type {
  AWSProviderConfig,
  AzureKVProviderConfig,
  Capabilities,
  CredentialRef,
  FakeProviderConfig,
  FindQuery,
  GCPSMProviderConfig,
  KubernetesProviderConfig,
  Provider,
  ProviderTransport,
  RemoteRef,
  ResolvedCredentials,
  SecretsClient,
  TransportTls,
  ValidationResult,
  VaultProviderConfig,
} from './types.ts';
export { operatorIdentityCredential } from './types.ts';
export {
  AuthError,
  FindBudgetExceededError,
  InvalidConfigError,
  PropertyNotFoundError,
  ProviderError,
  SecretNotFoundError,
  ThrottledError,
  UnavailableError,
  type ProviderErrorReason,
} from './errors.ts';
export { jsonObjectToMap, selectProperty } from './json-property.ts';
export { getProvider, providers } from './registry.ts';
export { untilAborted } from './until-aborted.ts';
