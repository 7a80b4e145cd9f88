// Where the token of each request comes from. A store with tokenSecretRef has one fixed token; a
// store that logs in keeps the token it got fresh: renewed (or obtained by a new login) once two
// thirds of its TTL have passed, by one refresh that every concurrent caller waits for.
import { ProviderError } from '../errors.ts';
import { untilAborted } from '../until-aborted.ts';
import type { IssuedToken } from './vault-port.ts';

export interface TokenSource {
  /** The token for the next request; undefined sends none (a Vault Agent proxy adds its own). */
  token(signal: AbortSignal): Promise<string | undefined>;
  /** Gives up the token (a login's is revoked); later calls fail. */
  close(): Promise<void>;
}

export function fixedToken(token: string | undefined): TokenSource {
  return {
    token: (signal) => {
      signal.throwIfAborted();
      return Promise.resolve(token);
    },
    close: () => Promise.resolve(),
  };
}

export interface LoginSessionOptions {
  login(signal: AbortSignal): Promise<IssuedToken>;
  renew(token: string, signal: AbortSignal): Promise<IssuedToken>;
  revoke(token: string, signal: AbortSignal): Promise<void>;
  now?: () => number;
  /** Bounds one refresh (renewal plus login), whoever is waiting for it. */
  refreshTimeoutMs?: number;
  /** After a failed refresh, how long a still valid token is used before trying again. */
  retryAfterMs?: number;
}

interface HeldToken {
  token: string;
  renewable: boolean;
  refreshAt: number;
  expiresAt: number;
  /** The TTL the login granted: a renewal capped well below it means the max TTL is near. */
  loginTtlMs: number;
}

export function loginSession(options: LoginSessionOptions): TokenSource {
  const now = options.now ?? Date.now;
  const refreshTimeoutMs = options.refreshTimeoutMs ?? 60_000;
  const retryAfterMs = options.retryAfterMs ?? 10_000;
  let held: HeldToken | undefined;
  let refreshing: Promise<HeldToken> | undefined;
  let closed = false;

  const hold = (issued: IssuedToken, requestedAt: number, loginTtlMs: number): HeldToken => {
    const ttlMs = issued.leaseDurationSeconds * 1000;
    held =
      ttlMs <= 0
        ? { token: issued.token, renewable: false, refreshAt: Infinity, expiresAt: Infinity, loginTtlMs: 0 }
        : {
            token: issued.token,
            renewable: issued.renewable,
            refreshAt: requestedAt + (ttlMs * 2) / 3,
            expiresAt: requestedAt + ttlMs,
            loginTtlMs,
          };
    return held;
  };

  const obtain = async (): Promise<HeldToken> => {
    const signal = AbortSignal.timeout(refreshTimeoutMs);
    const previous = held;
    if (previous?.renewable && now() < previous.expiresAt) {
      const requestedAt = now();
      try {
        const renewed = await options.renew(previous.token, signal);
        if (renewed.leaseDurationSeconds * 1000 >= previous.loginTtlMs / 3) {
          return hold(
            { ...renewed, token: renewed.token || previous.token },
            requestedAt,
            previous.loginTtlMs,
          );
        }
      } catch {
        // Revoked, past its max TTL, or the server hiccupped: a new login settles all three.
      }
    }
    const requestedAt = now();
    const issued = await options.login(signal);
    return hold(issued, requestedAt, issued.leaseDurationSeconds * 1000);
  };

  const refresh = async (): Promise<HeldToken> => {
    const previous = held;
    try {
      return await obtain();
    } catch (error) {
      // A token that still works is better than none while the server or the login recovers.
      if (previous && now() < previous.expiresAt) {
        previous.refreshAt = Math.min(now() + retryAfterMs, previous.expiresAt);
        return previous;
      }
      throw error;
    }
  };

  return {
    async token(signal) {
      signal.throwIfAborted();
      if (closed) throw closedError();
      if (held && now() < held.refreshAt) return held.token;
      refreshing ??= refresh().finally(() => {
        refreshing = undefined;
      });
      const current = await untilAborted(refreshing, signal);
      return current.token;
    },
    async close() {
      closed = true;
      const last = held;
      held = undefined;
      if (last && now() < last.expiresAt) {
        // Best effort: an unrevoked token only lives until its TTL ends.
        await options.revoke(last.token, AbortSignal.timeout(5_000)).catch(() => undefined);
      }
    },
  };
}

function closedError(): ProviderError {
  return new ProviderError('ProviderError', 'vault: this client was closed; a new one logs in again', {
    retryable: true,
  });
}
