import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../errors.ts';
import type { KubernetesProviderConfig } from '../types.ts';
import { kubernetesCredentialRefs } from './credential-refs.ts';

const config = (overrides: Partial<KubernetesProviderConfig>): KubernetesProviderConfig => ({
  server: { url: 'kubernetes.default' },
  remoteNamespace: 'default',
  ...overrides,
});

describe('kubernetesCredentialRefs', () => {
  it('asks for the bearer token of auth.token, keeping the selector namespace', () => {
    const refs = kubernetesCredentialRefs(
      config({ auth: { token: { bearerToken: { name: 'creds', key: 'token', namespace: 'ops' } } } }),
    );
    expect(refs).toEqual([
      { name: 'token', kind: 'secretKey', secretName: 'creds', key: 'token', namespace: 'ops' },
    ]);
  });

  it('asks for client certificate and key of auth.cert', () => {
    const refs = kubernetesCredentialRefs(
      config({
        auth: {
          cert: { clientCert: { name: 'tls', key: 'tls.crt' }, clientKey: { name: 'tls', key: 'tls.key' } },
        },
      }),
    );
    expect(refs.map((ref) => [ref.name, ref.kind, 'key' in ref ? ref.key : undefined])).toEqual([
      ['clientCert', 'secretKey', 'tls.crt'],
      ['clientKey', 'secretKey', 'tls.key'],
    ]);
  });

  it('asks for a TokenRequest token for auth.serviceAccount', () => {
    const refs = kubernetesCredentialRefs(
      config({ auth: { serviceAccount: { name: 'reader', namespace: 'apps', audiences: ['remote'] } } }),
    );
    expect(refs).toEqual([
      {
        name: 'token',
        kind: 'serviceAccountToken',
        serviceAccountName: 'reader',
        namespace: 'apps',
        audiences: ['remote'],
      },
    ]);
  });

  it('asks for the kubeconfig of authRef', () => {
    const refs = kubernetesCredentialRefs(config({ authRef: { name: 'remote', key: 'kubeconfig' } }));
    expect(refs).toEqual([
      {
        name: 'kubeconfig',
        kind: 'secretKey',
        secretName: 'remote',
        key: 'kubeconfig',
        namespace: undefined,
      },
    ]);
  });

  it('asks for the CA of caProvider from a ConfigMap or a Secret, unless caBundle is inline', () => {
    const auth = { token: { bearerToken: { name: 'creds', key: 'token' } } };
    const fromConfigMap = kubernetesCredentialRefs(
      config({
        auth,
        server: {
          url: 'https://remote:6443',
          caProvider: { type: 'ConfigMap', name: 'kube-root-ca.crt', key: 'ca.crt' },
        },
      }),
    );
    expect(fromConfigMap[0]).toEqual({
      name: 'ca',
      kind: 'configMapKey',
      configMapName: 'kube-root-ca.crt',
      key: 'ca.crt',
      namespace: undefined,
    });
    const fromSecret = kubernetesCredentialRefs(
      config({
        auth,
        server: {
          url: 'https://remote:6443',
          caProvider: { type: 'Secret', name: 'ca', key: 'ca.crt', namespace: 'x' },
        },
      }),
    );
    expect(fromSecret[0]).toMatchObject({ name: 'ca', kind: 'secretKey', secretName: 'ca', namespace: 'x' });
    const inline = kubernetesCredentialRefs(
      config({
        auth,
        server: {
          url: 'https://remote:6443',
          caBundle: 'Zm9v',
          caProvider: { type: 'Secret', name: 'ca', key: 'ca.crt' },
        },
      }),
    );
    expect(inline.map((ref) => ref.name)).toEqual(['token']);
  });

  it('requires the key of every Secret selector, naming the field', () => {
    expect(() =>
      kubernetesCredentialRefs(config({ auth: { token: { bearerToken: { name: 'creds' } } } })),
    ).toThrow(
      new InvalidConfigError(
        'kubernetes: auth.token.bearerToken.key is required: name the key of Secret "creds" to read',
      ),
    );
    expect(() => kubernetesCredentialRefs(config({ authRef: { name: 'remote' } }))).toThrow(
      /authRef\.key is required/,
    );
  });

  it('requires exactly one way to authenticate', () => {
    expect(() => kubernetesCredentialRefs(config({}))).toThrow(InvalidConfigError);
    expect(() =>
      kubernetesCredentialRefs(
        config({
          auth: { token: { bearerToken: { name: 'a', key: 'b' } } },
          authRef: { name: 'c', key: 'd' },
        }),
      ),
    ).toThrow('kubernetes: the store needs exactly one of auth or authRef');
    expect(() =>
      kubernetesCredentialRefs(
        config({ auth: { token: { bearerToken: { name: 'a', key: 'b' } }, serviceAccount: { name: 'sa' } } }),
      ),
    ).toThrow('kubernetes: auth needs exactly one of cert, token or serviceAccount');
  });
});
