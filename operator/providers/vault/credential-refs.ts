import { InvalidConfigError } from '../errors.ts';
import type { CredentialRef, VaultProviderConfig } from '../types.ts';
import {
  caProviderCredential,
  operatorIdentityRef,
  secretKeyCredential,
} from '../credential-ref-builders.ts';

type VaultAuth = NonNullable<VaultProviderConfig['auth']>;
type SecretKeySelector = NonNullable<VaultAuth['tokenSecretRef']>;

/** The one way the store authenticates, as the CRD's CEL rules allow it (zod does not run CEL). */
export type AuthMethod =
  | { kind: 'none' }
  | { kind: 'tokenSecretRef'; selector: SecretKeySelector }
  | { kind: 'appRole'; appRole: NonNullable<VaultAuth['appRole']> }
  | { kind: 'kubernetes'; kubernetes: NonNullable<VaultAuth['kubernetes']> }
  | { kind: 'jwt'; jwt: NonNullable<VaultAuth['jwt']> }
  | { kind: 'cert'; cert: NonNullable<VaultAuth['cert']> }
  | { kind: 'userPass'; userPass: NonNullable<VaultAuth['userPass']> };

/** What auth.kubernetes without serviceAccountRef or secretRef logs in with. */
export const ownServiceAccountIdentity =
  "the operator's own ServiceAccount token (mounted in its pod), to log in to Vault";

export function authMethod(config: VaultProviderConfig): AuthMethod {
  const { auth } = config;
  if (auth === undefined) return { kind: 'none' };
  const methods: AuthMethod[] = [];
  if (auth.tokenSecretRef) methods.push({ kind: 'tokenSecretRef', selector: auth.tokenSecretRef });
  if (auth.appRole) methods.push({ kind: 'appRole', appRole: auth.appRole });
  if (auth.kubernetes) methods.push({ kind: 'kubernetes', kubernetes: auth.kubernetes });
  if (auth.jwt) methods.push({ kind: 'jwt', jwt: auth.jwt });
  if (auth.cert) methods.push({ kind: 'cert', cert: auth.cert });
  if (auth.userPass) methods.push({ kind: 'userPass', userPass: auth.userPass });
  const [method] = methods;
  if (methods.length !== 1 || !method) {
    throw new InvalidConfigError(
      'vault: auth needs exactly one of tokenSecretRef, appRole, kubernetes, jwt, cert or userPass',
    );
  }
  return method;
}

/**
 * The credentials a vault store needs, by the names resolveVaultSetup reads: `ca`, `tlsCert`,
 * `tlsKey`, and for auth `token`, `roleId`, `secretId`, `jwt`, `clientCert`, `clientKey` or `password`.
 */
export function vaultCredentialRefs(config: VaultProviderConfig): CredentialRef[] {
  const refs: CredentialRef[] = [];
  const { caProvider, tls } = config;
  if (caProvider) {
    refs.push(caProviderCredential(caProvider));
  }
  if (tls?.certSecretRef || tls?.keySecretRef) {
    if (!tls.certSecretRef || !tls.keySecretRef) {
      throw new InvalidConfigError('vault: tls needs both certSecretRef and keySecretRef, or neither');
    }
    // ESO's defaults: the keys of a kubernetes.io/tls Secret.
    refs.push(
      secretKeyCredential('vault', 'tlsCert', tls.certSecretRef, 'tls.certSecretRef', 'tls.crt'),
      secretKeyCredential('vault', 'tlsKey', tls.keySecretRef, 'tls.keySecretRef', 'tls.key'),
    );
  }
  const method = authMethod(config);
  switch (method.kind) {
    case 'none':
      break;
    case 'tokenSecretRef':
      refs.push(secretKeyCredential('vault', 'token', method.selector, 'auth.tokenSecretRef'));
      break;
    case 'appRole': {
      const { roleId, roleRef, secretRef } = method.appRole;
      if ((roleId === undefined) === (roleRef === undefined)) {
        throw new InvalidConfigError('vault: auth.appRole needs exactly one of roleId or roleRef');
      }
      if (roleRef) refs.push(secretKeyCredential('vault', 'roleId', roleRef, 'auth.appRole.roleRef'));
      refs.push(secretKeyCredential('vault', 'secretId', secretRef, 'auth.appRole.secretRef'));
      break;
    }
    case 'kubernetes': {
      const { serviceAccountRef, secretRef } = method.kubernetes;
      if (serviceAccountRef && secretRef) {
        throw new InvalidConfigError('vault: auth.kubernetes takes serviceAccountRef or secretRef, not both');
      }
      if (serviceAccountRef)
        refs.push(serviceAccountTokenRef(serviceAccountRef, serviceAccountRef.audiences));
      // ESO's default key for a ServiceAccount token Secret.
      if (secretRef)
        refs.push(secretKeyCredential('vault', 'jwt', secretRef, 'auth.kubernetes.secretRef', 'token'));
      // ESO's fallback: the operator's own token, which Vault's role may trust more than a tenant's.
      if (!serviceAccountRef && !secretRef)
        refs.push(
          operatorIdentityRef(
            ownServiceAccountIdentity,
            'auth.kubernetes.serviceAccountRef or auth.kubernetes.secretRef',
          ),
        );
      break;
    }
    case 'jwt': {
      const { secretRef, kubernetesServiceAccountToken: viaTokenRequest } = method.jwt;
      if ((secretRef === undefined) === (viaTokenRequest === undefined)) {
        throw new InvalidConfigError(
          'vault: auth.jwt needs exactly one of secretRef or kubernetesServiceAccountToken',
        );
      }
      if (secretRef) refs.push(secretKeyCredential('vault', 'jwt', secretRef, 'auth.jwt.secretRef'));
      if (viaTokenRequest) {
        // As ESO: the ServiceAccount's audiences plus these, which default to "vault".
        const { serviceAccountRef, audiences } = viaTokenRequest;
        refs.push(
          serviceAccountTokenRef(serviceAccountRef, [
            ...(serviceAccountRef.audiences ?? []),
            ...(audiences ?? ['vault']),
          ]),
        );
      }
      break;
    }
    case 'cert':
      refs.push(
        secretKeyCredential('vault', 'clientCert', method.cert.clientCert, 'auth.cert.clientCert'),
        secretKeyCredential('vault', 'clientKey', method.cert.secretRef, 'auth.cert.secretRef'),
      );
      break;
    case 'userPass':
      refs.push(
        secretKeyCredential('vault', 'password', method.userPass.secretRef, 'auth.userPass.secretRef'),
      );
      break;
  }
  return refs;
}

function serviceAccountTokenRef(
  serviceAccount: { name: string; namespace?: string | undefined },
  audiences: string[] | undefined,
): CredentialRef {
  return {
    name: 'jwt',
    kind: 'serviceAccountToken',
    serviceAccountName: serviceAccount.name,
    namespace: serviceAccount.namespace,
    audiences,
  };
}
