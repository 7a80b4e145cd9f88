/** How to log in, already checked: the credential the SDK port builds. Values are never logged. */
export type AzureIdentity =
  | { kind: 'clientSecret'; tenantId: string; clientId: string; clientSecret: string }
  | { kind: 'clientCertificate'; tenantId: string; clientId: string; certificatePem: string }
  | { kind: 'managedIdentity'; clientId?: string | undefined }
  | { kind: 'workloadIdentityToken'; tenantId: string; clientId: string; serviceAccountToken: string }
  /** The operator's own federated identity, from the variables the Azure workload identity webhook sets. */
  | { kind: 'mountedWorkloadIdentity' };

/** Everything needed to reach one vault as one identity. */
export interface AzureConnection {
  /** The vault's https origin, without a trailing slash. */
  vaultUrl: string;
  /** Azure AD's authority host for the cloud (ManagedIdentity does not use it). */
  authorityHost: string;
  /** MSAL asks login.microsoftonline.com about an authority it does not know; a custom one skips that. */
  disableInstanceDiscovery: boolean;
  /**
   * The SDK checks that the vault's challenge names a resource the vault's host belongs to, so a
   * mistyped or hostile vaultUrl cannot collect a token. Only a vault on loopback (an emulator, a
   * port-forward inside the operator's own pod) skips that check.
   */
  disableChallengeResourceVerification: boolean;
  identity: AzureIdentity;
}
