import { readFileSync } from 'node:fs';
import {
  credentialText,
  checkedCertificates,
  checkedPrivateKey,
  checkedOpaque,
} from '../credential-checks.ts';
import type { KubernetesProviderConfig, ResolvedCredentials } from '../types.ts';
import { authenticationMethod } from './credential-refs.ts';
import { connectionFromKubeconfig } from './kubeconfig-credential.ts';
import type { KubernetesConnection } from './kubernetes-connection.ts';
import { localClusterUrl, normalizeServerUrl } from './server-url.ts';

const inClusterCaPath = '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt';

export function resolveConnection(
  config: KubernetesProviderConfig,
  credentials: ResolvedCredentials,
  readInClusterCa: () => string | undefined = readMountedInClusterCa,
): KubernetesConnection {
  const method = authenticationMethod(config);
  if (method.kind === 'authRef')
    return connectionFromKubeconfig(credentialText('kubernetes', credentials, 'kubeconfig', 'authRef'));

  const server = normalizeServerUrl(config.server.url, 'server.url');
  const caPem =
    caBundlePem(config, credentials) ?? (server === localClusterUrl ? readInClusterCa() : undefined);
  const identity: KubernetesConnection['identity'] =
    method.kind === 'cert'
      ? {
          kind: 'clientCertificate',
          certPem: checkedCertificates(
            'kubernetes',
            credentialText('kubernetes', credentials, 'clientCert', 'auth.cert.clientCert'),
            'auth.cert.clientCert',
          ),
          keyPem: checkedPrivateKey(
            'kubernetes',
            credentialText('kubernetes', credentials, 'clientKey', 'auth.cert.clientKey'),
            'auth.cert.clientKey',
          ),
        }
      : {
          kind: 'bearerToken',
          token: bearerToken(
            credentials,
            method.kind === 'token' ? 'auth.token.bearerToken' : 'auth.serviceAccount',
          ),
        };
  return { server, ...(caPem === undefined ? {} : { caPem }), identity };
}

function caBundlePem(config: KubernetesProviderConfig, credentials: ResolvedCredentials): string | undefined {
  const { caBundle, caProvider } = config.server;
  if (caBundle !== undefined) {
    // ESO's caBundle is base64 of the PEM; PEM pasted as is is accepted too.
    const pem = caBundle.trimStart().startsWith('-----BEGIN')
      ? caBundle
      : Buffer.from(caBundle, 'base64').toString('utf8');
    return checkedCertificates('kubernetes', pem, 'server.caBundle (base64 of a PEM bundle)');
  }
  if (caProvider)
    return checkedCertificates(
      'kubernetes',
      credentialText('kubernetes', credentials, 'ca', 'server.caProvider'),
      'server.caProvider',
    );
  return undefined;
}

// A token from a Secret (auth.token) or minted by TokenRequest (auth.serviceAccount): both arrive as `token`.
function bearerToken(credentials: ResolvedCredentials, field: string): string {
  return checkedOpaque(
    'kubernetes',
    credentialText('kubernetes', credentials, 'token', field),
    field,
    'token',
  );
}

function readMountedInClusterCa(): string | undefined {
  try {
    return readFileSync(inClusterCaPath, 'utf8');
  } catch {
    return undefined;
  }
}
