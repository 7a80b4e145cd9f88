/** A secret's metadata, as the adapter needs it. */
export interface RemoteSecret {
  /** The full resource name: projects/<p>[/locations/<l>]/secrets/<id>. */
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** A version's state, to find the newest enabled one (secretVersionSelectionPolicy LatestOrFetch). */
export interface RemoteVersion {
  /** The full resource name: …/secrets/<id>/versions/<n>. */
  name: string;
  state: 'ENABLED' | 'DISABLED' | 'DESTROYED' | 'UNKNOWN';
  /** Milliseconds since the epoch; 0 when the server did not say. */
  createdAt: number;
}

/**
 * The few Secret Manager calls the adapter makes. The port over @google-cloud/secret-manager is the
 * real one; tests of ESO's semantics swap in a map. Failures are ProviderErrors already (an aborted
 * signal rejects with its reason); `subject` names what a call was about, for their messages.
 */
export interface SecretManagerPort {
  accessVersion(versionName: string, subject: string, signal: AbortSignal): Promise<Uint8Array>;
  getSecret(secretName: string, subject: string, signal: AbortSignal): Promise<RemoteSecret>;
  /** Every secret under `parent`; `filter` is a hint the server may ignore, so callers filter again. */
  listSecrets(parent: string, filter: string | undefined, signal: AbortSignal): Promise<RemoteSecret[]>;
  listVersions(secretName: string, subject: string, signal: AbortSignal): Promise<RemoteVersion[]>;
  /** One cheap authorised call: lists at most one secret of `parent`. */
  probe(parent: string, signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}
