// A kubeconfig from a Secret (authRef) is written by whoever may create a SecretStore, and read
// inside the operator. So it is never handed to client-node's loader, which reads `token-file`
// paths while loading and runs `exec` plugins per request: that would let a store author read the
// operator's own ServiceAccount token or run commands in its pod. Only inline data is taken.
import { parse } from 'yaml';
import { z } from 'zod';
import { checkedCertificates, checkedPrivateKey, checkedOpaque } from '../credential-checks.ts';
import { InvalidConfigError } from '../errors.ts';
import type { KubernetesConnection } from './kubernetes-connection.ts';
import { normalizeServerUrl } from './server-url.ts';

const field = 'authRef';

const Fields = z.record(z.string(), z.unknown());
const Kubeconfig = z.looseObject({
  'current-context': z.string().optional(),
  clusters: z.array(z.looseObject({ name: z.string(), cluster: Fields })).default([]),
  users: z.array(z.looseObject({ name: z.string(), user: Fields.nullish() })).default([]),
  contexts: z
    .array(
      z.looseObject({ name: z.string(), context: z.looseObject({ cluster: z.string(), user: z.string() }) }),
    )
    .default([]),
});

// Fields that point at files or programs of the operator's host, and the ones Ferry does not do.
const refusedClusterFields: Record<string, string> = {
  'certificate-authority': 'reads a file of the operator; use certificate-authority-data',
  'insecure-skip-tls-verify': 'turns off server verification; use certificate-authority-data',
  'proxy-url': 'is not supported',
};
const refusedUserFields: Record<string, string> = {
  exec: 'runs a command inside the operator; use token or client-certificate-data',
  'auth-provider': 'is not supported; use token or client-certificate-data',
  tokenFile: 'reads a file of the operator; use token',
  'token-file': 'reads a file of the operator; use token',
  'client-certificate': 'reads a file of the operator; use client-certificate-data',
  'client-key': 'reads a file of the operator; use client-key-data',
  username: 'is basic authentication, which Kubernetes removed; use token or client-certificate-data',
  password: 'is basic authentication, which Kubernetes removed; use token or client-certificate-data',
  as: 'is impersonation, which is not supported',
  'as-groups': 'is impersonation, which is not supported',
  'as-uid': 'is impersonation, which is not supported',
  'as-user-extra': 'is impersonation, which is not supported',
};

export function connectionFromKubeconfig(text: string): KubernetesConnection {
  let document: unknown;
  try {
    document = parse(text);
  } catch {
    // The YAML error quotes the text, which holds the credentials.
    throw new InvalidConfigError(`kubernetes: the kubeconfig of ${field} is not valid YAML`);
  }
  const parsed = Kubeconfig.safeParse(document);
  if (!parsed.success) {
    throw new InvalidConfigError(
      `kubernetes: the kubeconfig of ${field} does not have the shape of a kubeconfig`,
    );
  }
  const kubeconfig = parsed.data;
  const contextName =
    kubeconfig['current-context'] ??
    (kubeconfig.contexts.length === 1 ? kubeconfig.contexts[0]?.name : undefined);
  const context = kubeconfig.contexts.find((entry) => entry.name === contextName)?.context;
  if (!context) {
    throw new InvalidConfigError(`kubernetes: the kubeconfig of ${field} has no current-context to use`);
  }
  const cluster = kubeconfig.clusters.find((entry) => entry.name === context.cluster)?.cluster;
  if (!cluster)
    throw new InvalidConfigError(
      `kubernetes: the kubeconfig of ${field} has no cluster "${context.cluster}"`,
    );
  const user = kubeconfig.users.find((entry) => entry.name === context.user)?.user ?? undefined;
  if (!user)
    throw new InvalidConfigError(`kubernetes: the kubeconfig of ${field} has no user "${context.user}"`);

  refuse(cluster, refusedClusterFields, `cluster "${context.cluster}"`);
  refuse(user, refusedUserFields, `user "${context.user}"`);

  const server = stringField(cluster, 'server', `cluster "${context.cluster}"`);
  if (server === undefined)
    throw new InvalidConfigError(
      `kubernetes: cluster "${context.cluster}" of the kubeconfig of ${field} has no server`,
    );
  const caData = stringField(cluster, 'certificate-authority-data', `cluster "${context.cluster}"`);
  const tlsServerName = stringField(cluster, 'tls-server-name', `cluster "${context.cluster}"`);
  return {
    server: normalizeServerUrl(
      server,
      `the server of cluster "${context.cluster}" in the kubeconfig of ${field}`,
    ),
    ...(caData === undefined
      ? {}
      : {
          caPem: checkedCertificates(
            'kubernetes',
            fromBase64(caData),
            `certificate-authority-data of the kubeconfig of ${field}`,
          ),
        }),
    ...(tlsServerName === undefined ? {} : { tlsServerName }),
    identity: identityOf(user, `user "${context.user}"`),
  };
}

function identityOf(user: Record<string, unknown>, where: string): KubernetesConnection['identity'] {
  const token = stringField(user, 'token', where);
  const certData = stringField(user, 'client-certificate-data', where);
  const keyData = stringField(user, 'client-key-data', where);
  if (token !== undefined && certData === undefined && keyData === undefined) {
    return {
      kind: 'bearerToken',
      token: checkedOpaque('kubernetes', token, `${where} of the kubeconfig of ${field}`, 'token'),
    };
  }
  if (token === undefined && certData !== undefined && keyData !== undefined) {
    return {
      kind: 'clientCertificate',
      certPem: checkedCertificates(
        'kubernetes',
        fromBase64(certData),
        `client-certificate-data of the kubeconfig of ${field}`,
      ),
      keyPem: checkedPrivateKey(
        'kubernetes',
        fromBase64(keyData),
        `client-key-data of the kubeconfig of ${field}`,
      ),
    };
  }
  throw new InvalidConfigError(
    `kubernetes: ${where} of the kubeconfig of ${field} needs either token, or client-certificate-data with client-key-data`,
  );
}

function refuse(entry: Record<string, unknown>, refused: Record<string, string>, where: string): void {
  for (const [name, why] of Object.entries(refused)) {
    if (entry[name] !== undefined && entry[name] !== null && entry[name] !== false) {
      throw new InvalidConfigError(
        `kubernetes: ${where} of the kubeconfig of ${field} uses ${name}, which ${why}`,
      );
    }
  }
}

function stringField(entry: Record<string, unknown>, name: string, where: string): string | undefined {
  const value = entry[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new InvalidConfigError(
      `kubernetes: ${name} of ${where} in the kubeconfig of ${field} must be a string`,
    );
  }
  return value;
}

function fromBase64(data: string): string {
  return Buffer.from(data, 'base64').toString('utf8');
}
