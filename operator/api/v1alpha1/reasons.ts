/** Condition types and reasons: stable strings that GitOps tools and alerts match on. */
export const conditionReady = 'Ready';

export const externalSecretReasons = {
  synced: 'SecretSynced',
  syncError: 'SecretSyncedError',
  deleted: 'SecretDeleted',
  missing: 'SecretMissing',
  invalidSpec: 'InvalidSpec',
  storeNotReady: 'StoreNotReady',
  storeNotAllowed: 'StoreNotAllowed',
  storeNotFound: 'StoreNotFound',
  clusterStoresDisabled: 'ClusterSecretStoresDisabled',
  providerError: 'ProviderError',
  /** The store has no such remote secret (deletionPolicy Retain), or the secret has no such property. */
  remoteValueNotFound: 'RemoteValueNotFound',
  /** The store's server did not answer several calls in a row: its calls are paused while it is probed. */
  providerUnavailable: 'ProviderUnavailable',
  templateError: 'TemplateError',
  budgetExceeded: 'BudgetExceeded',
} as const;

export const secretStoreReasons = {
  valid: 'Valid',
  invalidProviderConfig: 'InvalidProviderConfig',
  validationFailed: 'ValidationFailed',
  /** A namespaced SecretStore without credentials of its own, and no --namespaced-stores-ambient-credentials. */
  ambientCredentialsNotAllowed: 'AmbientCredentialsNotAllowed',
  /** The store's server does not answer (refused, reset, timed out): its calls are paused while it is probed. */
  providerUnavailable: 'ProviderUnavailable',
} as const;
