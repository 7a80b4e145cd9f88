import { InvalidConfigError } from '../errors.ts';
import type { CredentialRef, KubernetesProviderConfig } from '../types.ts';
import { caProviderCredential, secretKeyCredential } from '../credential-ref-builders.ts';

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
    refs.push(caProviderCredential(caProvider));
  }
  const method = authenticationMethod(config);
  switch (method.kind) {
    case 'authRef':
      refs.push(secretKeyCredential('kubernetes', 'kubeconfig', method.selector, 'authRef'));
      break;
    case 'token':
      refs.push(secretKeyCredential('kubernetes', 'token', method.selector, 'auth.token.bearerToken'));
      break;
    case 'cert':
      refs.push(
        secretKeyCredential('kubernetes', 'clientCert', method.clientCert, 'auth.cert.clientCert'),
        secretKeyCredential('kubernetes', 'clientKey', method.clientKey, 'auth.cert.clientKey'),
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
