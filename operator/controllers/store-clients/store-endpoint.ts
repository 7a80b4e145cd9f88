import type { StoreProvider } from '../../api/v1alpha1/index.ts';

/**
 * Where a store's calls go, for messages about the store being unreachable: the URL of its server
 * without user info, query or fragment (a tenant may have put a token there), or the provider's
 * default service. Read from the store's spec, which is the API's, not the adapter's.
 */
export function storeEndpoint(provider: StoreProvider): string {
  if (provider.vault) return withoutSecrets(provider.vault.server);
  if (provider.aws)
    return provider.aws.endpoint === undefined
      ? `AWS Secrets Manager in ${provider.aws.region}`
      : withoutSecrets(provider.aws.endpoint);
  if (provider.azurekv) return withoutSecrets(provider.azurekv.vaultUrl);
  if (provider.gcpsm) {
    const { endpoint, location } = provider.gcpsm;
    if (endpoint !== undefined) return withoutSecrets(endpoint);
    return location === undefined ? 'Google Secret Manager' : `Google Secret Manager in ${location}`;
  }
  // Objects read from an informer's cache carry no defaults: server may be absent.
  const kubernetes = provider.kubernetes as { server?: { url?: string } } | undefined;
  if (kubernetes) return withoutSecrets(kubernetes.server?.url ?? 'kubernetes.default');
  return 'the store';
}

function withoutSecrets(address: string): string {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(address) ? address : `https://${address}`);
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    // Not a URL the API admitted; say nothing of it rather than echo what may hold a secret.
    return "the store's server";
  }
}
