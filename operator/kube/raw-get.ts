import { ApiException, HttpMethod, RequestContext, type KubeConfig } from '@kubernetes/client-node';
// The same undici that client-node uses (pinned to its version): the dispatcher its KubeConfig
// prepares (TLS, pooling) is an object of this library and only its fetch accepts it.
import { fetch } from 'undici';

/**
 * Media types that ask the API server for object metadata only (PartialObjectMetadata): the
 * server drops data and spec before sending, so neither the wire nor our caches carry them.
 */
export const metadataOnlyList = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';
export const metadataOnlyObject = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';

/**
 * A GET with a chosen Accept header, which client-node's generated clients cannot send. Failures
 * become ApiException, as from those clients, so describeKubeError and isNotFound apply.
 */
export async function rawGet(kubeConfig: KubeConfig, url: URL, accept: string): Promise<unknown> {
  const context = new RequestContext(url.toString(), HttpMethod.GET);
  await kubeConfig.applySecurityAuthentication(context);
  context.setHeaderParam('Accept', accept);
  const dispatcher = context.getDispatcher();
  const response = await fetch(url, {
    method: 'GET',
    headers: context.getHeaders(),
    ...(dispatcher ? { dispatcher } : {}),
    signal: AbortSignal.timeout(60_000),
  });
  const body = await response.text();
  if (!response.ok) {
    throw new ApiException(
      response.status,
      `HTTP ${String(response.status)} from GET ${url.pathname}`,
      body,
      {},
    );
  }
  return JSON.parse(body) as unknown;
}

/**
 * The same KubeConfig, but every request it authenticates also asks for `accept`: the one hook
 * client-node's Watch offers for headers, since applySecurityAuthentication runs per request.
 */
export function withAcceptHeader(kubeConfig: KubeConfig, accept: string): KubeConfig {
  const config = Object.create(kubeConfig) as KubeConfig;
  config.applySecurityAuthentication = async (context: RequestContext): Promise<void> => {
    await kubeConfig.applySecurityAuthentication(context);
    context.setHeaderParam('Accept', accept);
  };
  return config;
}
