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
  templateError: 'TemplateError',
  budgetExceeded: 'BudgetExceeded',
} as const;

export const secretStoreReasons = {
  valid: 'Valid',
  invalidProviderConfig: 'InvalidProviderConfig',
  validationFailed: 'ValidationFailed',
  /** A namespaced SecretStore without credentials of its own, and no --namespaced-stores-ambient-credentials. */
  ambientCredentialsNotAllowed: 'AmbientCredentialsNotAllowed',
} as const;
