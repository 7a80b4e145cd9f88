import type { ProviderTransport } from '../types.ts';

// Options every AWS SDK client of the adapter gets. Each is set here rather than left to the SDK,
// which would otherwise read them from the operator's environment and shared config files. Only
// credentials, when the store names none, come from the SDK's default chain (as ESO documents).

/**
 * A backstop for one call (with the SDK's retries), for the STS calls the SDK makes on its own to
 * refresh credentials; the store-client layer ends every call of a store sooner.
 */
export const callTimeoutMs = 30_000;

export function sdkClientOptions(region: string, endpoint: string | undefined, transport: ProviderTransport) {
  return {
    region,
    ...(endpoint === undefined ? {} : { endpoint }),
    // Only the store says where its requests go: the operator's AWS_ENDPOINT_URL* variables and
    // config-file endpoint_url would silently send every tenant's store (and its credentials) to one
    // server that no store names. A private or local endpoint is the store's `endpoint` field.
    ignoreConfiguredEndpointUrls: true,
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    defaultsMode: 'standard' as const,
    retryMode: 'standard',
    maxAttempts: 3,
    // The shared agents enforce the connect timeout; the store-client layer ends each call at its
    // response timeout, so the handler's own socket timeout is a backstop only.
    requestHandler: {
      httpAgent: transport.agent('http:'),
      httpsAgent: transport.agent('https:'),
      requestTimeout: transport.responseTimeoutMs,
    },
    userAgentAppId: 'ferry',
  };
}

/** A host for messages: the endpoint's, or the region whose public endpoint the SDK picks. */
export function endpointLabel(region: string, endpoint: string | undefined): string {
  return endpoint === undefined ? region : new URL(endpoint).host;
}
