import { describe, expect, it } from 'vitest';
import { vaultConfigSchema } from '../config-schemas.ts';
import { InvalidConfigError } from '../errors.ts';
import type { ResolvedCredentials } from '../types.ts';
import { vaultCredentialRefs } from './credential-refs.ts';
import { resolveVaultSetup } from './resolve-setup.ts';

const bytes = (value: string): Uint8Array => new TextEncoder().encode(value);
const parse = (config: Record<string, unknown>) =>
  vaultConfigSchema.parse({ server: 'https://vault.example:8200', ...config });
const loginOf = (config: Record<string, unknown>, credentials: ResolvedCredentials, ownToken = 'own-jwt') => {
  const { authentication } = resolveVaultSetup(parse(config), credentials, () => `${ownToken}\n`);
  if (authentication.kind !== 'login') throw new Error(`expected a login, got ${authentication.kind}`);
  return { ...authentication, request: authentication.request() };
};

describe('vault store settings', () => {
  it('defaults as ESO: KV v2, and each auth method at its usual mount', () => {
    const config = parse({
      path: 'secret/',
      auth: { userPass: { username: 'app', secretRef: { name: 'creds', key: 'password' } } },
    });
    expect(config.version).toBe('v2');
    const setup = resolveVaultSetup(config, { password: bytes('p w ') });
    expect(setup.engine).toEqual({ mount: 'secret', version: 'v2' });
    expect(setup.connection).toMatchObject({
      server: 'https://vault.example:8200',
      host: 'vault.example:8200',
    });
    expect(setup.authentication).toMatchObject({ kind: 'login', describe: 'userPass at auth/userpass' });
    // A password is taken as it is: spaces may be part of it.
    expect(loginOf(config, { password: bytes('p w ') }).request).toMatchObject({ password: 'p w ' });
  });

  it('asks for the credentials of each auth method, with ESO’s default keys', () => {
    const names = (auth: Record<string, unknown>) =>
      vaultCredentialRefs(parse({ auth })).map((ref) => [
        ref.name,
        ref.kind === 'secretKey' ? ref.key : ref.kind,
      ]);
    expect(names({ kubernetes: { role: 'r', secretRef: { name: 'sa' } } })).toEqual([['jwt', 'token']]);
    expect(names({ kubernetes: { role: 'r' } })).toEqual([['operatorIdentity', 'operatorIdentity']]);
    expect(
      names({
        cert: { clientCert: { name: 'c', key: 'tls.crt' }, secretRef: { name: 'c', key: 'tls.key' } },
      }),
    ).toEqual([
      ['clientCert', 'tls.crt'],
      ['clientKey', 'tls.key'],
    ]);
    expect(() => names({ tokenSecretRef: { name: 'token' } })).toThrow(/tokenSecretRef\.key is required/);
    expect(() => names({})).toThrow(InvalidConfigError);
  });

  it('requests the ServiceAccount token for JWT auth with its audiences plus "vault"', () => {
    const refs = vaultCredentialRefs(
      parse({
        auth: {
          jwt: {
            kubernetesServiceAccountToken: {
              serviceAccountRef: { name: 'app', namespace: 'team', audiences: ['extra'] },
            },
          },
        },
      }),
    );
    expect(refs).toEqual([
      {
        name: 'jwt',
        kind: 'serviceAccountToken',
        serviceAccountName: 'app',
        namespace: 'team',
        audiences: ['extra', 'vault'],
      },
    ]);
  });

  it('logs in with the operator’s own ServiceAccount token when kubernetes auth names none, once granted', () => {
    const config = { auth: { kubernetes: { role: 'reader' } } };
    expect(vaultCredentialRefs(parse(config))).toEqual([
      {
        name: 'operatorIdentity',
        kind: 'operatorIdentity',
        identity: "the operator's own ServiceAccount token (mounted in its pod), to log in to Vault",
        instead: 'auth.kubernetes.serviceAccountRef or auth.kubernetes.secretRef',
      },
    ]);
    // Not granted (a SecretStore, without the flag): the token is never read.
    let read = false;
    expect(() =>
      resolveVaultSetup(parse(config), {}, () => {
        read = true;
        return 'own-jwt';
      }),
    ).toThrow(
      "vault: this store has no credentials of its own and was not granted the operator's own ServiceAccount token",
    );
    expect(read).toBe(false);
    const login = loginOf(config, { operatorIdentity: new Uint8Array(0) }, 'own-jwt');
    expect(login.request).toEqual({
      method: 'kubernetes',
      mountPath: 'kubernetes',
      role: 'reader',
      jwt: 'own-jwt',
    });
  });

  it('logs in to auth.namespace, "" being the root namespace, else to the store’s namespace', () => {
    const appRole = { roleId: 'role', secretRef: { name: 'approle', key: 'secret-id' } };
    const credentials = { secretId: bytes('secret') };
    expect(loginOf({ namespace: 'team', auth: { appRole } }, credentials).namespace).toBe('team');
    expect(
      loginOf({ namespace: 'team', auth: { namespace: '', appRole } }, credentials).namespace,
    ).toBeUndefined();
    expect(loginOf({ auth: { namespace: 'auth-ns/', appRole } }, credentials).namespace).toBe('auth-ns');
  });

  it('sends custom headers, and the forwarding header for forwardInconsistent', () => {
    const setup = resolveVaultSetup(
      parse({ headers: { 'X-Team': 'payments' }, forwardInconsistent: true }),
      {},
    );
    expect(setup.connection.headers).toEqual({
      'X-Team': 'payments',
      'X-Vault-Inconsistent': 'forward-active-node',
    });
    expect(() => parse({ headers: { 'x-vault-token': 'sneaky' } })).toThrow(/X-Vault-Token/);
  });

  it('refuses servers and credentials that cannot work, without quoting them', () => {
    expect(() => resolveVaultSetup(parse({ server: 'https://user:hunter2@vault' }), {})).toThrow(
      /must not carry user info/,
    );
    expect(() => resolveVaultSetup(parse({ server: 'ftp://vault' }), {})).toThrow(InvalidConfigError);
    expect(() => resolveVaultSetup(parse({ server: 'https://vault/', path: 'a/../b' }), {})).toThrow(
      /"\.\."/,
    );
    const tokenAuth = { auth: { tokenSecretRef: { name: 't', key: 'token' } } };
    expect(() => resolveVaultSetup(parse(tokenAuth), { token: bytes('two words') })).toThrow(/whitespace/);
    expect(() => resolveVaultSetup(parse(tokenAuth), {})).toThrow(/not resolved/);
    const tls = { tls: { certSecretRef: { name: 'c' }, keySecretRef: { name: 'c' } } };
    expect(() => resolveVaultSetup(parse(tls), { tlsCert: bytes('nope'), tlsKey: bytes('nope') })).toThrow(
      /tls certificate is not a PEM certificate/,
    );
  });
});
