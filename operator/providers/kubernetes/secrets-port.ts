/** A Secret of the remote namespace, as the adapter needs it: data decoded, metadata reduced. */
export interface RemoteSecret {
  name: string;
  data: Record<string, Uint8Array>;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** What a metadata-only list gives: enough to decide whether a find wants the Secret. */
export interface RemoteSecretMetadata {
  name: string;
  labels: Record<string, string>;
}

/**
 * The few calls the kubernetes adapter makes to the remote API server, bound to one namespace.
 * The port over client-node is the real one; tests of ESO's semantics swap in a map. Failures are
 * ProviderErrors already (an aborted signal rejects with its reason).
 */
export interface SecretsPort {
  readSecret(name: string, signal: AbortSignal): Promise<RemoteSecret>;
  /** Names and labels only (PartialObjectMetadataList): a find loads values of its matches alone. */
  listSecretMetadata(labelSelector: string | undefined, signal: AbortSignal): Promise<RemoteSecretMetadata[]>;
  /** Whether RBAC lets this identity get Secrets in the namespace. */
  mayGetSecrets(signal: AbortSignal): Promise<boolean>;
}
