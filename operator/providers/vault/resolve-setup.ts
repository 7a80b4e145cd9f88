import { readFileSync } from 'node:fs';
import {
  checkOperatorIdentityGranted,
  credentialText,
  checkedCertificates,
  checkedPrivateKey,
  checkedOpaque,
} from '../credential-checks.ts';
import { InvalidConfigError } from '../errors.ts';
import type { ResolvedCredentials, VaultProviderConfig } from '../types.ts';
import { authMethod, ownServiceAccountIdentity } from './credential-refs.ts';
import type { KvEngine } from './kv-paths.ts';
import type { LoginRequest } from './vault-port.ts';
import { withoutEdgeSlashes, withoutTrailingSlashes } from '../edge-slashes.ts';

/** How to reach the server, already checked. */
export interface VaultConnection {
  /** The server's URL without a trailing slash; requests go to `<server>/v1/<path>`. */
  server: string;
  /** host:port, for messages. */
  host: string;
  /** PEM bundle to trust; absent means the system's roots. */
  caPem?: string;
  /** Presented in the TLS handshake: the cert auth method's, else spec.provider.vault.tls. */
  clientCertificate?: { certPem: string; keyPem: string };
  /** Sent with every request. */
  headers: Record<string, string>;
}

export type Authentication =
  | { kind: 'none' }
  | { kind: 'token'; token: string }
  | {
      kind: 'login';
      /** `appRole at auth/approle`, for messages. */
      describe: string;
      /** The namespace to log in to. */
      namespace: string | undefined;
      /** Built at each login: the operator's own ServiceAccount token is re-read, as the kubelet rotates it. */
      request: () => LoginRequest;
    };

export interface VaultSetup {
  connection: VaultConnection;
  authentication: Authentication;
  engine: KvEngine;
  /** The namespace secrets are read from. */
  namespace: string | undefined;
}

const ownServiceAccountTokenPath = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export function resolveVaultSetup(
  config: VaultProviderConfig,
  credentials: ResolvedCredentials,
  readOwnServiceAccountToken: () => string = readMountedServiceAccountToken,
): VaultSetup {
  const namespace = trimmedPath(config.namespace, 'namespace');
  return {
    connection: connectionOf(config, credentials),
    authentication: authenticationOf(config, credentials, namespace, readOwnServiceAccountToken),
    engine: { mount: trimmedPath(config.path, 'path'), version: config.version },
    namespace,
  };
}

function connectionOf(config: VaultProviderConfig, credentials: ResolvedCredentials): VaultConnection {
  const url = serverUrl(config.server);
  const caBundles = [
    ...(config.caBundle === undefined ? [] : [caBundlePem(config.caBundle)]),
    ...(config.caProvider
      ? [checkedCertificates('vault', credentialText('vault', credentials, 'ca', 'caProvider'), 'caProvider')]
      : []),
  ];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    if (
      !/^[A-Za-z0-9-]+$/.test(name) ||
      ['x-vault-token', 'x-vault-namespace'].includes(name.toLowerCase())
    ) {
      throw new InvalidConfigError(
        `vault: header "${name}" cannot be set: header names are HTTP tokens other than X-Vault-Token and X-Vault-Namespace`,
      );
    }
    headers[name] = value;
  }
  // Vault's documented header for reads a performance standby cannot serve consistently.
  if (config.forwardInconsistent) headers['X-Vault-Inconsistent'] = 'forward-active-node';
  const clientCertificate = clientCertificateOf(config, credentials);
  return {
    server: withoutTrailingSlashes(url.href),
    host: url.host,
    ...(caBundles.length === 0 ? {} : { caPem: caBundles.join('\n') }),
    ...(clientCertificate === undefined ? {} : { clientCertificate }),
    headers,
  };
}

function serverUrl(server: string): URL {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new InvalidConfigError(
      `vault: server "${server}" is not a URL; expected e.g. "https://vault.example.com:8200"`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidConfigError(`vault: server must be an http:// or https:// URL, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    // Never echo the URL here: its user info may be a password.
    throw new InvalidConfigError('vault: server must not carry user info, a query or a fragment');
  }
  return url;
}

function caBundlePem(caBundle: string): string {
  // ESO's caBundle is base64 of the PEM; PEM pasted as is is accepted too.
  const pem = caBundle.trimStart().startsWith('-----BEGIN')
    ? caBundle
    : Buffer.from(caBundle, 'base64').toString('utf8');
  return checkedCertificates('vault', pem, 'caBundle (base64 of a PEM bundle)');
}

function clientCertificateOf(
  config: VaultProviderConfig,
  credentials: ResolvedCredentials,
): VaultConnection['clientCertificate'] {
  // As ESO: the cert auth method's certificate replaces the transport's (tls).
  const [certName, keyName, field] = config.auth?.cert
    ? ['clientCert', 'clientKey', 'auth.cert']
    : config.tls?.certSecretRef
      ? ['tlsCert', 'tlsKey', 'tls']
      : [];
  if (certName === undefined || keyName === undefined || field === undefined) return undefined;
  return {
    certPem: checkedCertificates(
      'vault',
      credentialText('vault', credentials, certName, `${field} certificate`),
      `${field} certificate`,
    ),
    keyPem: checkedPrivateKey(
      'vault',
      credentialText('vault', credentials, keyName, `${field} private key`),
      `${field} private key`,
    ),
  };
}

function authenticationOf(
  config: VaultProviderConfig,
  credentials: ResolvedCredentials,
  namespace: string | undefined,
  readOwnServiceAccountToken: () => string,
): Authentication {
  const method = authMethod(config);
  // auth.namespace "" logs in to the root namespace, as in ESO.
  const authNamespace = config.auth?.namespace;
  const loginNamespace =
    authNamespace === undefined ? namespace : trimmedPath(authNamespace, 'auth.namespace');
  const opaque = (name: string, field: string): string =>
    checkedOpaque('vault', credentialText('vault', credentials, name, field), field, 'value');
  const login = (
    kind: string,
    mountPath: string,
    request: (mount: string) => LoginRequest,
  ): Authentication => {
    const mount = trimmedPath(mountPath, `auth.${kind} path`);
    if (mount === undefined) throw new InvalidConfigError(`vault: the path of auth.${kind} is empty`);
    return {
      kind: 'login',
      describe: `${kind} at auth/${mount}`,
      namespace: loginNamespace,
      request: () => request(mount),
    };
  };
  switch (method.kind) {
    case 'none':
      return { kind: 'none' };
    case 'tokenSecretRef':
      return { kind: 'token', token: opaque('token', 'auth.tokenSecretRef') };
    case 'appRole': {
      const { appRole } = method;
      const roleId =
        appRole.roleId === undefined
          ? opaque('roleId', 'auth.appRole.roleRef')
          : checkedOpaque('vault', appRole.roleId, 'auth.appRole.roleId', 'value');
      const secretId = opaque('secretId', 'auth.appRole.secretRef');
      return login('appRole', appRole.path, (mountPath) => ({
        method: 'appRole',
        mountPath,
        roleId,
        secretId,
      }));
    }
    case 'kubernetes': {
      const { kubernetes } = method;
      const fromCredentials =
        kubernetes.serviceAccountRef || kubernetes.secretRef
          ? opaque(
              'jwt',
              kubernetes.serviceAccountRef
                ? 'auth.kubernetes.serviceAccountRef'
                : 'auth.kubernetes.secretRef',
            )
          : undefined;
      if (fromCredentials === undefined)
        checkOperatorIdentityGranted('vault', credentials, ownServiceAccountIdentity);
      return login('kubernetes', kubernetes.mountPath, (mountPath) => ({
        method: 'kubernetes',
        mountPath,
        role: kubernetes.role,
        // ESO's fallback: the operator's own ServiceAccount token, mounted in its pod.
        jwt:
          fromCredentials ??
          checkedOpaque('vault', readOwnServiceAccountToken(), 'the operator ServiceAccount token', 'value'),
      }));
    }
    case 'jwt': {
      const { jwt } = method;
      const token = opaque(
        'jwt',
        jwt.secretRef ? 'auth.jwt.secretRef' : 'auth.jwt.kubernetesServiceAccountToken',
      );
      return login('jwt', jwt.path, (mountPath) => ({
        method: 'jwt',
        mountPath,
        role: jwt.role?.trim() ?? '',
        jwt: token,
      }));
    }
    case 'cert': {
      const { cert } = method;
      return login('cert', cert.path, (mountPath) => ({ method: 'cert', mountPath, role: cert.vaultRole }));
    }
    case 'userPass': {
      const { userPass } = method;
      const password = credentialText('vault', credentials, 'password', 'auth.userPass.secretRef');
      if (password === '')
        throw new InvalidConfigError('vault: the password of auth.userPass.secretRef is empty');
      return login('userPass', userPass.path, (mountPath) => ({
        method: 'userPass',
        mountPath,
        username: userPass.username,
        password,
      }));
    }
  }
}

/** A mount or namespace path without surrounding slashes; `.` and `..` segments refused. */
function trimmedPath(path: string | undefined, field: string): string | undefined {
  if (path === undefined) return undefined;
  const trimmed = withoutEdgeSlashes(path);
  if (trimmed === '') return undefined;
  if (trimmed.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new InvalidConfigError(`vault: ${field} "${path}" has an empty, "." or ".." segment`);
  }
  return trimmed;
}

function readMountedServiceAccountToken(): string {
  try {
    return readFileSync(ownServiceAccountTokenPath, 'utf8');
  } catch {
    throw new InvalidConfigError(
      `vault: auth.kubernetes names neither serviceAccountRef nor secretRef, and the operator has no ServiceAccount token at ${ownServiceAccountTokenPath}`,
    );
  }
}
