export * from './constants.ts';
export * from './reasons.ts';
export { exactDurationMs, parseDuration } from './duration.ts';
export { schemaProblems } from './schema-problems.ts';
export { Condition, LabelSelector, SecretKeySelector, type CelRule } from './common.ts';
export {
  DataEntry,
  DataFromEntry,
  DriftRecord,
  ExternalSecret,
  ExternalSecretSpec,
  ExternalSecretStatus,
  FindQuery,
  HistoryEntry,
  RemoteRef,
  Rewrite,
  RewriteMerge,
  SecretStoreRef,
  SyncAction,
  SyncWindowEntry,
  SyncWindows,
  Target,
  Template,
} from './external-secret.ts';
export {
  ClusterSecretStore,
  ClusterSecretStoreSpec,
  ClusterStoreCondition,
  SecretStore,
  SecretStoreSpec,
  SecretStoreStatus,
  StoreProvider,
  providerNames,
  type ProviderName,
} from './secret-store.ts';
export { FakeProvider } from './provider-fake.ts';
export { KubernetesProvider } from './provider-kubernetes.ts';
export { AWSProvider } from './provider-aws.ts';
export { AzureKVProvider } from './provider-azurekv.ts';
export { GCPSMProvider } from './provider-gcpsm.ts';
export { VaultProvider } from './provider-vault.ts';
export { syncedVersionOf } from './synced-version.ts';
