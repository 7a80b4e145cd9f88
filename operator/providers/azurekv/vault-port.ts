/** What every Key Vault object carries besides its value: tags and the attributes ESO exposes. */
export interface VaultObjectMetadata {
  tags: Record<string, string>;
  createdOn?: Date | undefined;
  updatedOn?: Date | undefined;
  expiresOn?: Date | undefined;
  notBefore?: Date | undefined;
}

export interface VaultSecret extends VaultObjectMetadata {
  value: string;
}

export interface VaultCertificate extends VaultObjectMetadata {
  /** The certificate's DER bytes (Key Vault's `cer`). */
  cer: Uint8Array;
}

export interface VaultKey extends VaultObjectMetadata {
  /** The public JSON Web Key in Key Vault's wire form (`kid`, `kty`, `key_ops`, `n`, `e`, ...). */
  jwk: Record<string, unknown>;
}

export interface VaultSecretListing {
  name: string;
  enabled: boolean;
  tags: Record<string, string>;
}

/**
 * The few calls the azurekv adapter makes to one vault as one identity. The port over the Azure
 * SDK is the real one; tests of ESO's semantics swap in a map. Failures are ProviderErrors
 * already (an aborted signal rejects with its reason). `version` undefined means the latest.
 */
export interface VaultPort {
  getSecret(name: string, version: string | undefined, signal: AbortSignal): Promise<VaultSecret>;
  getCertificate(name: string, version: string | undefined, signal: AbortSignal): Promise<VaultCertificate>;
  getKey(name: string, version: string | undefined, signal: AbortSignal): Promise<VaultKey>;
  listSecrets(signal: AbortSignal): Promise<VaultSecretListing[]>;
  /** Whether this identity may read secrets of the vault (an authenticated get that may 404). */
  maySecretsBeRead(signal: AbortSignal): Promise<boolean>;
  close(): Promise<void>;
}
