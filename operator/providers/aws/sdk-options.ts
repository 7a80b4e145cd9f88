// Options every AWS SDK client of the adapter gets. Each is set here rather than left to the SDK,
// which would otherwise read them from the operator's environment and shared config files. Only
// credentials, when the store names none, come from the SDK's default chain (as ESO documents).

/** The longest one call (with the SDK's retries) may take before it counts as unavailable. */
export const callTimeoutMs = 30_000;

export function sdkClientOptions(region: string, endpoint: string | undefined) {
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
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 },
    userAgentAppId: 'ferry',
  };
}

/** A host for messages: the endpoint's, or the region whose public endpoint the SDK picks. */
export function endpointLabel(region: string, endpoint: string | undefined): string {
  return endpoint === undefined ? region : new URL(endpoint).host;
}
