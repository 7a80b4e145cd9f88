import type { ClusterSecretStore, SecretStore } from '../../api/v1alpha1/index.ts';

export type AnyStore = SecretStore | ClusterSecretStore;
