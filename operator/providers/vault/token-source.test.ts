// The token a login-based store sends, over time, with a fake clock and a login that hands out
// numbered tokens: what each request carries is the observable.
import { describe, expect, it } from 'vitest';
import { AuthError, UnavailableError } from '../errors.ts';
import { loginSession, type LoginSessionOptions, type TokenSource } from './token-source.ts';
import type { IssuedToken } from './vault-port.ts';

const signal = (): AbortSignal => new AbortController().signal;

interface Vault {
  now: number;
  /** Seconds each login grants. */
  loginTtl: number;
  /** Seconds a renewal grants, or an error. */
  renewal: number | Error;
  loginFails?: Error | undefined;
  logins: number;
  revoked: string[];
  /** Resolves pending logins when set: lets a test hold a login open. */
  gate?: Promise<void> | undefined;
}

function session(vault: Vault, overrides: Partial<LoginSessionOptions> = {}): TokenSource {
  return loginSession({
    now: () => vault.now,
    login: async (): Promise<IssuedToken> => {
      await vault.gate;
      if (vault.loginFails) throw vault.loginFails;
      vault.logins++;
      return {
        token: `login-${String(vault.logins)}`,
        leaseDurationSeconds: vault.loginTtl,
        renewable: true,
      };
    },
    renew: (token) =>
      vault.renewal instanceof Error
        ? Promise.reject(vault.renewal)
        : Promise.resolve({ token, leaseDurationSeconds: vault.renewal, renewable: true }),
    revoke: (token) => {
      vault.revoked.push(token);
      return Promise.resolve();
    },
    ...overrides,
  });
}

const newVault = (settings: Partial<Vault> = {}): Vault => ({
  now: 0,
  loginTtl: 60,
  renewal: 60,
  logins: 0,
  revoked: [],
  ...settings,
});

describe('a login session', () => {
  it('keeps one token, renewing it once two thirds of its TTL have passed', async () => {
    const vault = newVault();
    const tokens = session(vault);
    expect(await tokens.token(signal())).toBe('login-1');
    vault.now = 39_000;
    expect(await tokens.token(signal())).toBe('login-1');
    // Renewed at 40 s: the same token, good for 60 s more, so no new login at 60 s.
    vault.now = 41_000;
    expect(await tokens.token(signal())).toBe('login-1');
    vault.now = 70_000;
    expect(await tokens.token(signal())).toBe('login-1');
  });

  it('logs in anew when renewal fails or is capped by the max TTL', async () => {
    const vault = newVault({ renewal: new AuthError('vault: permission denied') });
    const tokens = session(vault);
    expect(await tokens.token(signal())).toBe('login-1');
    vault.now = 41_000;
    expect(await tokens.token(signal())).toBe('login-2');
    vault.renewal = 5;
    vault.now = 82_000;
    expect(await tokens.token(signal())).toBe('login-3');
  });

  it('shares one refresh among concurrent callers', async () => {
    const vault = newVault();
    let open = (): void => undefined;
    vault.gate = new Promise((resolve) => (open = resolve));
    const tokens = session(vault);
    const waiting = Array.from({ length: 10 }, () => tokens.token(signal()));
    open();
    expect(new Set(await Promise.all(waiting))).toEqual(new Set(['login-1']));
  });

  it('a caller that aborts stops waiting; the refresh goes on for the others', async () => {
    const vault = newVault();
    let open = (): void => undefined;
    vault.gate = new Promise((resolve) => (open = resolve));
    const tokens = session(vault);
    const controller = new AbortController();
    const impatient = tokens.token(controller.signal);
    const patient = tokens.token(signal());
    controller.abort();
    await expect(impatient).rejects.toMatchObject({ name: 'AbortError' });
    open();
    expect(await patient).toBe('login-1');
  });

  it('keeps a still valid token while the server cannot issue a new one, then fails', async () => {
    const vault = newVault({ renewal: new UnavailableError('vault: down') });
    const tokens = session(vault, { retryAfterMs: 5_000 });
    expect(await tokens.token(signal())).toBe('login-1');
    vault.loginFails = new UnavailableError('vault: down');
    vault.now = 45_000;
    expect(await tokens.token(signal())).toBe('login-1');
    vault.now = 61_000;
    await expect(tokens.token(signal())).rejects.toBeInstanceOf(UnavailableError);
    vault.loginFails = undefined;
    expect(await tokens.token(signal())).toBe('login-2');
  });

  it('never refreshes a token without a TTL', async () => {
    const vault = newVault({ loginTtl: 0 });
    const tokens = session(vault);
    expect(await tokens.token(signal())).toBe('login-1');
    vault.now = 365 * 24 * 3600_000;
    expect(await tokens.token(signal())).toBe('login-1');
  });

  it('close revokes the token, and the session serves no more', async () => {
    const vault = newVault();
    const tokens = session(vault);
    await tokens.token(signal());
    await tokens.close();
    expect(vault.revoked).toEqual(['login-1']);
    await expect(tokens.token(signal())).rejects.toThrow(/closed/);
  });
});
