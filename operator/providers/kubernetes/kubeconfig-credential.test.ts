import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InvalidConfigError } from '../errors.ts';
import { connectionFromKubeconfig } from './kubeconfig-credential.ts';

const token = 'kubeconfig-token-Qw3e';
const kubeconfig = (user: Record<string, unknown>, cluster: Record<string, unknown> = {}): string =>
  stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'remote',
    contexts: [
      { name: 'other', context: { cluster: 'nowhere', user: 'nobody' } },
      { name: 'remote', context: { cluster: 'c', user: 'u' } },
    ],
    clusters: [{ name: 'c', cluster: { server: 'https://10.0.0.1:6443/', ...cluster } }],
    users: [{ name: 'u', user }],
  });

describe('connectionFromKubeconfig', () => {
  it('takes the server and the inline token of the current context', () => {
    expect(connectionFromKubeconfig(kubeconfig({ token }))).toEqual({
      server: 'https://10.0.0.1:6443',
      identity: { kind: 'bearerToken', token },
    });
  });

  it('accepts JSON, and a single context without current-context', () => {
    const json = JSON.stringify({
      contexts: [{ name: 'only', context: { cluster: 'c', user: 'u' } }],
      clusters: [
        { name: 'c', cluster: { server: 'https://remote.example:443', 'tls-server-name': 'api.internal' } },
      ],
      users: [{ name: 'u', user: { token } }],
    });
    expect(connectionFromKubeconfig(json)).toMatchObject({
      server: 'https://remote.example',
      tlsServerName: 'api.internal',
    });
  });

  it.each([
    ['exec', { exec: { command: 'sh', args: ['-c', 'id'] } }, 'runs a command inside the operator'],
    [
      'token-file',
      { 'token-file': '/var/run/secrets/kubernetes.io/serviceaccount/token' },
      'reads a file of the operator',
    ],
    ['tokenFile', { tokenFile: '/etc/passwd' }, 'reads a file of the operator'],
    [
      'client-key',
      { 'client-certificate': '/a.crt', 'client-key': '/a.key' },
      'reads a file of the operator',
    ],
    ['auth-provider', { 'auth-provider': { name: 'oidc' } }, 'is not supported'],
    ['username', { username: 'admin', password: 'pw' }, 'basic authentication'],
    ['as', { token, as: 'system:admin' }, 'impersonation'],
  ])('refuses a user with %s', (_name, user, why) => {
    expect(() => connectionFromKubeconfig(kubeconfig(user))).toThrow(InvalidConfigError);
    expect(() => connectionFromKubeconfig(kubeconfig(user))).toThrow(why);
  });

  it.each([
    ['certificate-authority', { 'certificate-authority': '/etc/kubernetes/pki/ca.crt' }],
    ['insecure-skip-tls-verify', { 'insecure-skip-tls-verify': true }],
    ['proxy-url', { 'proxy-url': 'http://proxy:3128' }],
  ])('refuses a cluster with %s', (name, cluster) => {
    expect(() => connectionFromKubeconfig(kubeconfig({ token }, cluster))).toThrow(`uses ${name}`);
  });

  it('needs a token or an inline certificate and key', () => {
    expect(() => connectionFromKubeconfig(kubeconfig({}))).toThrow(
      /needs either token, or client-certificate-data/,
    );
    expect(() => connectionFromKubeconfig(kubeconfig({ 'client-certificate-data': 'eA==' }))).toThrow(
      /needs either token/,
    );
  });

  it('rejects broken input without quoting it', () => {
    for (const text of [`users: [${token}`, `just-a-string-${token}`, '{"clusters": 5}']) {
      let caught: unknown;
      try {
        connectionFromKubeconfig(text);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidConfigError);
      expect((caught as Error).message).not.toContain(token);
      expect((caught as Error).cause).toBeUndefined();
    }
    expect(() =>
      connectionFromKubeconfig(
        kubeconfig({ token }).replace('current-context: remote', 'current-context: gone'),
      ),
    ).toThrow(/has no current-context/);
  });

  it('requires https for the server', () => {
    expect(() => connectionFromKubeconfig(kubeconfig({ token }, { server: 'http://10.0.0.1:8080' }))).toThrow(
      /must use https/,
    );
  });
});
