import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../errors.ts';
import type { KubernetesProviderConfig, ResolvedCredentials } from '../types.ts';
import { resolveConnection } from './resolve-connection.ts';
import { normalizeServerUrl } from './server-url.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const tokenAuth: KubernetesProviderConfig['auth'] = {
  token: { bearerToken: { name: 'creds', key: 'token' } },
};
const config = (server: KubernetesProviderConfig['server']): KubernetesProviderConfig => ({
  server,
  auth: tokenAuth,
  remoteNamespace: 'default',
});
const noInClusterCa = (): undefined => undefined;

describe('normalizeServerUrl', () => {
  it('resolves the local-cluster alias and accepts a host or a full URL', () => {
    expect(normalizeServerUrl('kubernetes.default', 'server.url')).toBe('https://kubernetes.default.svc');
    expect(normalizeServerUrl('10.0.0.1:6443', 'server.url')).toBe('https://10.0.0.1:6443');
    expect(normalizeServerUrl('https://api.example.com:443/', 'server.url')).toBe('https://api.example.com');
    expect(normalizeServerUrl('https://gateway/clusters/one/', 'server.url')).toBe(
      'https://gateway/clusters/one',
    );
  });

  it('rejects what would leak credentials or is not a URL, without quoting it', () => {
    expect(() => normalizeServerUrl('http://10.0.0.1', 'server.url')).toThrow(/must use https/);
    const withPassword = 'https://admin:hunter2@10.0.0.1';
    expect(() => normalizeServerUrl(withPassword, 'server.url')).toThrow(
      /must not contain a user name or password/,
    );
    expect(() => normalizeServerUrl('https://exa mple:hunter2', 'server.url')).toThrow(
      new InvalidConfigError(
        'kubernetes: server.url is not a valid URL; expected e.g. "https://10.0.0.1:6443"',
      ),
    );
  });
});

describe('resolveConnection', () => {
  it('trims the bearer token, as tokens pasted into Secrets often end with a newline', () => {
    const credentials: ResolvedCredentials = { token: bytes('abc.def\n') };
    expect(resolveConnection(config({ url: 'https://remote:6443' }), credentials, noInClusterCa)).toEqual({
      server: 'https://remote:6443',
      identity: { kind: 'bearerToken', token: 'abc.def' },
    });
  });

  it('trusts the mounted cluster CA for the local cluster when no CA is configured', () => {
    const connection = resolveConnection(
      config({ url: 'kubernetes.default' }),
      { token: bytes('t') },
      () => 'PEM',
    );
    expect(connection.caPem).toBe('PEM');
    const remote = resolveConnection(
      config({ url: 'https://remote:6443' }),
      { token: bytes('t') },
      () => 'PEM',
    );
    expect(remote.caPem).toBeUndefined();
  });

  it('rejects an empty token, a CA that is not PEM, and a missing credential, naming the field', () => {
    expect(() =>
      resolveConnection(config({ url: 'https://r' }), { token: bytes(' \n') }, noInClusterCa),
    ).toThrow('kubernetes: the token of auth.token.bearerToken is empty');
    expect(() =>
      resolveConnection(config({ url: 'https://r', caBundle: 'bm90IGEgY2VydA==' }), { token: bytes('t') }),
    ).toThrow(/server\.caBundle .* is not a PEM certificate/);
    expect(() => resolveConnection(config({ url: 'https://r' }), {}, noInClusterCa)).toThrow(
      'kubernetes: the credential of auth.token.bearerToken was not resolved',
    );
  });

  it('rejects a client key that is not PEM, without keeping the parse error', () => {
    const certConfig: KubernetesProviderConfig = {
      server: { url: 'https://r' },
      remoteNamespace: 'default',
      auth: {
        cert: { clientCert: { name: 'tls', key: 'tls.crt' }, clientKey: { name: 'tls', key: 'tls.key' } },
      },
    };
    expect(() =>
      resolveConnection(
        certConfig,
        { clientCert: bytes('not a cert'), clientKey: bytes('not a key') },
        noInClusterCa,
      ),
    ).toThrow('kubernetes: auth.cert.clientCert is not a PEM certificate ("-----BEGIN CERTIFICATE-----")');
  });
});
