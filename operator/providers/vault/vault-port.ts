/**
 * The few calls the vault adapter makes to a Vault or OpenBao server. The port over node-vault is
 * the real one; unit tests of the KV and token semantics swap in a map. Paths are relative to
 * `/v1/` and already URL-encoded. Failures are VaultResponseError or VaultUnreachableError, never
 * the SDK's own errors (those carry request headers, hence the token, and login bodies).
 */
export interface VaultPort {
  /** GET a path; the response body's `data`. */
  read(path: string, request: VaultRequest): Promise<Record<string, unknown>>;
  /** LIST a folder: its keys, folders ending in `/`. */
  list(path: string, request: VaultRequest): Promise<string[]>;
  login(login: LoginRequest, request: VaultRequest): Promise<IssuedToken>;
  lookupSelf(request: VaultRequest): Promise<TokenLookup>;
  renewSelf(request: VaultRequest): Promise<IssuedToken>;
  revokeSelf(request: VaultRequest): Promise<void>;
}

/** Who asks, where, and until when. */
export interface VaultRequest {
  token?: string | undefined;
  namespace?: string | undefined;
  signal: AbortSignal;
}

/** A login to one auth mount, its secrets already resolved. */
export type LoginRequest =
  | { method: 'appRole'; mountPath: string; roleId: string; secretId: string }
  | { method: 'kubernetes'; mountPath: string; role: string; jwt: string }
  | { method: 'jwt'; mountPath: string; role: string; jwt: string }
  | { method: 'cert'; mountPath: string; role?: string | undefined }
  | { method: 'userPass'; mountPath: string; username: string; password: string };

export interface IssuedToken {
  token: string;
  /** Seconds the token lives from now; 0 means it does not expire. */
  leaseDurationSeconds: number;
  renewable: boolean;
}

/** What lookup-self says about a token; the token's id is deliberately not kept. */
export interface TokenLookup {
  ttlSeconds: number;
  renewable: boolean;
}

/** The server answered with an error status. `errors` are Vault's own words, redacted. */
export class VaultResponseError extends Error {
  override name = 'VaultResponseError';
  readonly status: number;
  readonly errors: readonly string[];
  /** A KV v2 read of a version that was deleted: Vault answers 404 with its metadata. */
  readonly deletedVersion: boolean;
  constructor(status: number, errors: readonly string[], deletedVersion = false) {
    super(`HTTP ${String(status)}${errors.length > 0 ? `: ${errors.join('; ')}` : ''}`);
    this.status = status;
    this.errors = errors;
    this.deletedVersion = deletedVersion;
  }
}

/** No answer: refused, reset, timed out, or a TLS handshake that failed (`code` says which). */
export class VaultUnreachableError extends Error {
  override name = 'VaultUnreachableError';
  readonly code: string | undefined;
  constructor(code: string | undefined) {
    super(code === undefined ? 'no response' : `no response (${code})`);
    this.code = code;
  }
}

/** The server answered, but not with the shape of Vault's API (a proxy's page, say). */
export class VaultUnexpectedAnswerError extends Error {
  override name = 'VaultUnexpectedAnswerError';
  constructor(what: string) {
    super(`the answer has no ${what}`);
  }
}
