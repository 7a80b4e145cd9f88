// The SecretsPort over @kubernetes/client-node. Imported lazily by the provider, so the SDK loads
// only when a kubernetes store is used (the pattern every cloud adapter follows for its SDK).
import {
  AuthorizationV1Api,
  CoreV1Api,
  KubeConfig,
  Observable,
  type ConfigurationOptions,
  type ObservableMiddleware,
  type V1ResourceRule,
  type V1Secret,
} from '@kubernetes/client-node';
import type { Dispatcher } from 'undici';
import type { ProviderTransport } from '../types.ts';
import { toProviderError, type FailedRequest } from './api-error.ts';
import type { KubernetesConnection } from './kubernetes-connection.ts';
import type { RemoteSecret, SecretsPort } from './secrets-port.ts';

export function createClientNodePort(
  connection: KubernetesConnection,
  namespace: string,
  transport: ProviderTransport,
): SecretsPort {
  const kubeConfig = kubeConfigFor(connection);
  // client-node builds a new undici Agent (a new pool of connections) for every request; each
  // request is sent through the shared dispatcher of these TLS settings instead, which enforces the
  // connect and response timeouts.
  const dispatcher = transport.dispatcher({
    ca: connection.caPem,
    servername: connection.tlsServerName,
    ...(connection.identity.kind === 'clientCertificate'
      ? { cert: connection.identity.certPem, key: connection.identity.keyPem }
      : {}),
  });
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const authorization = kubeConfig.makeApiClient(AuthorizationV1Api);
  const server = new URL(connection.server).host;
  const inNamespace = `in namespace "${namespace}"`;

  const call = async <T>(
    signal: AbortSignal,
    request: FailedRequest,
    send: (options: ConfigurationOptions) => Promise<T>,
  ): Promise<T> => {
    signal.throwIfAborted();
    try {
      return await send(abortableRequest(signal, dispatcher));
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw toProviderError(error, request);
    }
  };

  return {
    async readSecret(name, signal) {
      const secret = await call(
        signal,
        {
          action: `get secret "${name}" ${inNamespace}`,
          notFound: `secret "${name}" not found ${inNamespace}`,
          server,
        },
        (options) => core.readNamespacedSecret({ name, namespace }, options),
      );
      return remoteSecret(secret);
    },
    async listSecretMetadata(labelSelector, signal) {
      const list = await call(
        signal,
        { action: `list secrets ${inNamespace}`, notFound: `namespace "${namespace}" not found`, server },
        (options) =>
          core.listNamespacedSecret(
            { namespace, ...(labelSelector === undefined ? {} : { labelSelector }) },
            withAccept(options, metadataOnlyList),
          ),
      );
      return list.items.map((item) => ({
        name: item.metadata?.name ?? '',
        labels: { ...item.metadata?.labels },
      }));
    },
    // As ESO: the rules review first, since it also counts rules limited to resourceNames; the
    // access review for authorizers that cannot list rules (status.incomplete).
    async mayGetSecrets(signal) {
      const review = {
        action: `review its access to secrets ${inNamespace}`,
        notFound: 'no authorization API',
        server,
      };
      const rules = await call(signal, review, (options) =>
        authorization.createSelfSubjectRulesReview({ body: { spec: { namespace } } }, options),
      );
      if (rules.status?.resourceRules.some(grantsGetSecrets)) return true;
      const access = await call(signal, review, (options) =>
        authorization.createSelfSubjectAccessReview(
          { body: { spec: { resourceAttributes: { namespace, verb: 'get', resource: 'secrets' } } } },
          options,
        ),
      );
      return access.status?.allowed === true;
    },
  };
}

/** A KubeConfig built from checked fields only; see kubeconfig-credential.ts for why. */
function kubeConfigFor(connection: KubernetesConnection): KubeConfig {
  const base64 = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64');
  const { identity } = connection;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: 'remote',
        server: connection.server,
        skipTLSVerify: false,
        ...(connection.caPem === undefined ? {} : { caData: base64(connection.caPem) }),
        ...(connection.tlsServerName === undefined ? {} : { tlsServerName: connection.tlsServerName }),
      },
    ],
    users: [
      identity.kind === 'bearerToken'
        ? { name: 'remote', token: identity.token }
        : { name: 'remote', certData: base64(identity.certPem), keyData: base64(identity.keyPem) },
    ],
    contexts: [{ name: 'remote', cluster: 'remote', user: 'remote' }],
    currentContext: 'remote',
  });
  return kubeConfig;
}

// Asks the API server for names and labels only: it drops `data` before sending, so a find that
// matches nothing loads nothing (operator/kube lists managed Secrets the same way).
const metadataOnlyList = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

/** `options` with one more middleware that sets the Accept header of the request. */
function withAccept(options: ConfigurationOptions, accept: string): ConfigurationOptions {
  const setAccept: ObservableMiddleware = {
    pre: (context) => {
      context.setHeaderParam('Accept', accept);
      return new Observable(Promise.resolve(context));
    },
    post: (context) => new Observable(Promise.resolve(context)),
  };
  return { ...options, middleware: [...(options.middleware ?? []), setAccept] };
}

/**
 * Per-call options that hand the signal to fetch, so an aborted reconcile stops its request, and
 * send it through the shared dispatcher (this runs after client-node set its own).
 */
function abortableRequest(signal: AbortSignal, dispatcher: Dispatcher): ConfigurationOptions {
  const passSignal: ObservableMiddleware = {
    pre: (context) => {
      context.setSignal(signal);
      context.setDispatcher(dispatcher);
      return new Observable(Promise.resolve(context));
    },
    post: (context) => new Observable(Promise.resolve(context)),
  };
  return { middleware: [passSignal], middlewareMergeStrategy: 'append' };
}

function grantsGetSecrets(rule: V1ResourceRule): boolean {
  const apiGroups = rule.apiGroups ?? [];
  return (
    (rule.resources ?? []).some((resource) => resource === 'secrets' || resource === '*') &&
    rule.verbs.some((verb) => verb === 'get' || verb === '*') &&
    (apiGroups.length === 0 || apiGroups.some((group) => group === '' || group === '*'))
  );
}

function remoteSecret(secret: V1Secret): RemoteSecret {
  const data = Object.create(null) as Record<string, Uint8Array>;
  for (const [key, value] of Object.entries(secret.data ?? {})) data[key] = Buffer.from(value, 'base64');
  return {
    name: secret.metadata?.name ?? '',
    data,
    labels: { ...secret.metadata?.labels },
    annotations: { ...secret.metadata?.annotations },
  };
}
