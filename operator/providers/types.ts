// The contract between the controllers and every provider adapter (DESIGN.md §2). A provider
// sees its own configuration block and credentials the controller already resolved; it never sees
// the Kubernetes client of the operator.
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { Dispatcher } from 'undici';
import type { z } from 'zod';

export type {
  AWSProvider as AWSProviderConfig,
  AzureKVProvider as AzureKVProviderConfig,
  FakeProvider as FakeProviderConfig,
  GCPSMProvider as GCPSMProviderConfig,
  VaultProvider as VaultProviderConfig,
  KubernetesProvider as KubernetesProviderConfig,
} from '../api/v1alpha1/index.ts';

/** What to read: ESO's remoteRef, after defaults. */
export interface RemoteRef {
  key: string;
  property?: string | undefined;
  version?: string | undefined;
  metadataPolicy?: 'None' | 'Fetch' | undefined;
}

/**
 * dataFrom[].find, after defaults. `nameRegexp` is the user's RE2 source (for stores that filter
 * server-side); `selectNames` is what decides which names it matches: a provider must not run the
 * user's regexp on its own engine.
 */
export interface FindQuery {
  path?: string | undefined;
  nameRegexp?: string | undefined;
  /**
   * Which of these listed names the find's name regexp selects. The controller runs the regexp on a
   * linear-time engine, off the main thread, under the sync's budget; that takes time, so a provider
   * calls it once per listing page (or once in all) with its candidates — after its path and tag
   * filtering — and reads values only of the names it returns. A rejection is the sync's failure,
   * not the store's: the provider lets it through and returns nothing. Undefined: every name.
   */
  selectNames?: ((names: readonly string[]) => Promise<ReadonlySet<string>>) | undefined;
  tags?: Record<string, string> | undefined;
  /**
   * Bytes of values this find may load (the operator's --budget-find-mib). A provider that loads
   * values one by one stops past it with FindBudgetExceededError; undefined: no limit.
   */
  maxBytes?: number | undefined;
}

export type ValidationResult = 'Ready' | 'Unknown' | 'Error';

export interface SecretsClient {
  /** One value: of `ref.key` at `ref.version`, narrowed to `ref.property` (see json-property.ts). */
  getSecret(ref: RemoteRef, signal: AbortSignal): Promise<Uint8Array>;
  /**
   * Optional. When `getSecret(ref)` is, by this store's rules, a pure function of
   * `getSecret({ ...ref, property: undefined })`, that function; undefined where it is not (e.g. a
   * property read from metadata kept apart from the value). It lets one read of a remote secret
   * serve every property of it that ExternalSecrets ask for. The provider conformance suite checks
   * that both ways give the same bytes.
   */
  propertySelector?(ref: RemoteRef & { property: string }): ((whole: Uint8Array) => Uint8Array) | undefined;
  /** Every key of one remote secret: a JSON object's fields, or a map the store keeps natively. */
  getSecretMap(ref: RemoteRef, signal: AbortSignal): Promise<Record<string, Uint8Array>>;
  /** Every remote secret that matches: name → value. */
  findSecrets(query: FindQuery, signal: AbortSignal): Promise<Record<string, Uint8Array>>;
  /** Can the store be reached with these credentials? */
  validate(signal: AbortSignal): Promise<ValidationResult>;
  close(): Promise<void>;
}

/**
 * A credential the controller must fetch before it builds a client: a key of a Secret or ConfigMap,
 * a short-lived token of a ServiceAccount (TokenRequest), or an annotation of a ServiceAccount.
 * Resolved values arrive by `name`.
 */
export type CredentialRef =
  | { name: string; kind: 'secretKey'; secretName: string; key: string; namespace?: string | undefined }
  | { name: string; kind: 'configMapKey'; configMapName: string; key: string; namespace?: string | undefined }
  | {
      name: string;
      kind: 'serviceAccountToken';
      serviceAccountName: string;
      namespace?: string | undefined;
      audiences?: string[] | undefined;
    }
  | {
      /** One annotation of a ServiceAccount, such as the role an IRSA-style ServiceAccount names. */
      name: string;
      kind: 'serviceAccountAnnotation';
      serviceAccountName: string;
      annotation: string;
      namespace?: string | undefined;
      /** A fallback the provider can do without: when the annotation is absent the credential is
       * left out of ResolvedCredentials rather than failing the store. */
      optional?: boolean | undefined;
    }
  | {
      /**
       * The operator's own identity — its environment, pod or instance role, mounted token — which a
       * store without credentials of its own falls back to. Granted (as empty bytes, which the
       * provider checks before using that identity) to a ClusterSecretStore, and to a SecretStore only
       * when the cluster operator allows it; see operatorIdentityRef.
       */
      name: typeof operatorIdentityCredential;
      kind: 'operatorIdentity';
      /** What the provider would use, for the refusal: "the AWS SDK's default credential chain (…)". */
      identity: string;
      /** The spec that brings credentials of the store's own instead: "auth.secretRef or auth.jwt". */
      instead: string;
    };

/** The name under which the operator's own identity is granted in ResolvedCredentials. */
export const operatorIdentityCredential = 'operatorIdentity';

/** Resolved credentials by CredentialRef name; values are bytes and never logged. */
export type ResolvedCredentials = Readonly<Record<string, Uint8Array>>;

export type Capabilities = 'ReadOnly' | 'WriteOnly' | 'ReadWrite';

/** The TLS settings of a connection: what the store's spec says to trust and present. */
export interface TransportTls {
  /** PEM CA bundle to trust instead of the system's. */
  ca?: string | undefined;
  /** PEM client certificate and its key, for stores that authenticate the client by TLS. */
  cert?: string | undefined;
  key?: string | undefined;
  /** The name to verify the server's certificate against, when not the URL's host. */
  servername?: string | undefined;
}

/**
 * How an adapter's SDK reaches the network, handed to it by the store-client layer so every
 * provider gets the same timeouts and connection reuse (docs/operations.md, "Timeouts"). The
 * agents are shared by every client with the same TLS settings: an adapter plugs them into its
 * SDK and never destroys them (closing a client must not close another store's connections).
 */
export interface ProviderTransport {
  /** How long a TCP connection and its TLS handshake may take; the agents enforce it. */
  connectTimeoutMs: number;
  /**
   * How long one call may wait for its answer. The store-client layer ends the call's signal at
   * this deadline (sooner when the sync's provider time runs out); an SDK's own request timeout is
   * set to it only as a backstop.
   */
  responseTimeoutMs: number;
  /** A keep-alive node:http(s) agent for URLs of this protocol and these TLS settings. */
  agent(protocol: 'http:' | 'https:', tls?: TransportTls): HttpAgent | HttpsAgent;
  /** The same for SDKs built on undici's fetch (@kubernetes/client-node). */
  dispatcher(tls?: TransportTls): Dispatcher;
}

export interface Provider<C> {
  /** The field name of the provider block in spec.provider (`fake`, `kubernetes`, `aws`, ...). */
  name: string;
  configSchema: z.ZodType<C>;
  capabilities: Capabilities;
  /** Which credentials `newClient` needs for this configuration. */
  credentialRefs(config: C): CredentialRef[];
  newClient(
    config: C,
    credentials: ResolvedCredentials,
    transport: ProviderTransport,
  ): Promise<SecretsClient>;
  /** Where a store of this configuration sends its calls (a host, or a region), for messages. */
  endpointOf(config: C): string;
  /**
   * What one client of this provider holds in memory, measured by test/bench/client-memory.ts (heap
   * and buffers, after one read): the store-client cache's byte bound counts it.
   */
  clientBytes: number;
}
