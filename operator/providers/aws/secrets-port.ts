/** Which version of a secret to read: a staging label (AWSCURRENT, AWSPREVIOUS, custom) or a version id. */
export type VersionSelector = { versionStage: string } | { versionId: string };

/** One secret's value as Secrets Manager keeps it: SecretString as UTF-8 bytes, or SecretBinary. */
export interface RemoteValue {
  name: string;
  /** Undefined when the version holds neither (a rotation that never wrote one). */
  value: Uint8Array | undefined;
}

/** A ListSecrets filter, as the API takes it: each key's values are prefixes, OR-ed. */
export interface ListFilter {
  key: 'name' | 'tag-key' | 'tag-value';
  values: string[];
}

export interface SecretListing {
  name: string;
  tags: Record<string, string>;
}

/** The most secret ids one BatchGetSecretValue call accepts. */
export const batchLimit = 20;

/**
 * The few Secrets Manager calls the aws adapter makes. The port over the AWS SDK is the real one;
 * tests of ESO's semantics swap in a map. Failures are ProviderErrors already (an aborted signal
 * rejects with its reason).
 */
export interface SecretsManagerPort {
  getSecretValue(secretId: string, version: VersionSelector, signal: AbortSignal): Promise<RemoteValue>;
  /**
   * The current values of up to `batchLimit` secrets in one call. Secrets deleted since they were
   * listed are left out; any other per-secret failure rejects the whole batch.
   */
  batchGetSecretValues(secretIds: readonly string[], signal: AbortSignal): Promise<RemoteValue[]>;
  /** Every page of ListSecrets with these filters (secrets scheduled for deletion are left out). */
  listSecrets(filters: readonly ListFilter[], signal: AbortSignal): Promise<SecretListing[]>;
  describeSecretTags(secretId: string, signal: AbortSignal): Promise<Record<string, string>>;
  /**
   * Whether AWS accepts the store's credentials: `accepted` when a signed call went through or was
   * refused only for want of permission, `rejected` when AWS did not recognise them.
   */
  checkCredentials(signal: AbortSignal): Promise<'accepted' | 'rejected'>;
  close(): void;
}
