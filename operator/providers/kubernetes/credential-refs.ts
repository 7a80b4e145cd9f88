import { InvalidConfigError } from '../errors.ts';
import type { CredentialRef, KubernetesProviderConfig } from '../types.ts';

type SecretKeySelector = NonNullable<KubernetesProviderConfig['authRef']>;

/**
 * The credentials a kubernetes store needs, by the names `resolveConnection` reads: `ca`, `token`,
 * `clientCert`, `clientKey` or `kubeconfig`.
 */
export function kubernetesCredentialRefs(config: KubernetesProviderConfig): CredentialRef[] {
  const refs: CredentialRef[] = [];
  const { caBundle, caProvider } = config.server;
  // As in ESO, an inline caBundle wins over caProvider.
  if (caProvider && caBundle === undefined) {
    refs.push(
      caProvider.type === 'Secret'
        ? {
            name: 'ca',
            kind: 'secretKey',
            secretName: caProvider.name,
            key: caProvider.key,
            namespace: caProvider.namespace,
          }
        : {
            name: 'ca',
            kind: 'configMapKey',
            configMapName: caProvider.name,
            key: caProvider.key,
            namespace: caProvider.namespace,
          },
    );
  }
  const method = authenticationMethod(config);
  switch (method.kind) {
    case 'authRef':
      refs.push(secretKeyRef('kubeconfig', method.selector, 'authRef'));
      break;
    case 'token':
      refs.push(secretKeyRef('token', method.selector, 'auth.token.bearerToken'));
      break;
    case 'cert':
      refs.push(
        secretKeyRef('clientCert', method.clientCert, 'auth.cert.clientCert'),
        secretKeyRef('clientKey', method.clientKey, 'auth.cert.clientKey'),
      );
      break;
    case 'serviceAccount':
      refs.push({
        name: 'token',
        kind: 'serviceAccountToken',
        serviceAccountName: method.serviceAccount.name,
        namespace: method.serviceAccount.namespace,
        audiences: method.serviceAccount.audiences,
      });
      break;
  }
  return refs;
}

type AuthenticationMethod =
  | { kind: 'authRef'; selector: SecretKeySelector }
  | { kind: 'token'; selector: SecretKeySelector }
  | { kind: 'cert'; clientCert: SecretKeySelector; clientKey: SecretKeySelector }
  | {
      kind: 'serviceAccount';
      serviceAccount: NonNullable<NonNullable<KubernetesProviderConfig['auth']>['serviceAccount']>;
    };

/** Which one way of authenticating the store names. The CRD checks this too; zod does not run CEL. */
export function authenticationMethod(config: KubernetesProviderConfig): AuthenticationMethod {
  const { auth, authRef } = config;
  if ((auth === undefined) === (authRef === undefined)) {
    throw new InvalidConfigError('kubernetes: the store needs exactly one of auth or authRef');
  }
  if (authRef) return { kind: 'authRef', selector: authRef };
  const methods: AuthenticationMethod[] = [];
  if (auth?.token) methods.push({ kind: 'token', selector: auth.token.bearerToken });
  if (auth?.cert)
    methods.push({ kind: 'cert', clientCert: auth.cert.clientCert, clientKey: auth.cert.clientKey });
  if (auth?.serviceAccount) methods.push({ kind: 'serviceAccount', serviceAccount: auth.serviceAccount });
  const [method] = methods;
  if (methods.length !== 1 || !method) {
    throw new InvalidConfigError('kubernetes: auth needs exactly one of cert, token or serviceAccount');
  }
  return method;
}

// ESO's kubernetes provider has no default key names, so neither do we.
function secretKeyRef(name: string, selector: SecretKeySelector, field: string): CredentialRef {
  if (selector.key === undefined) {
    throw new InvalidConfigError(
      `kubernetes: ${field}.key is required: name the key of Secret "${selector.name}" to read`,
    );
  }
  return {
    name,
    kind: 'secretKey',
    secretName: selector.name,
    key: selector.key,
    namespace: selector.namespace,
  };
}
