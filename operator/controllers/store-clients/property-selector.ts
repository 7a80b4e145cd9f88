import type { SecretsClient } from '../../providers/index.ts';

/**
 * `wrapper`, offering the provider's propertySelector when `client` has one. Every wrapper of a
 * client must pass it on: without it, coalescingClient reads each property of a remote secret
 * separately instead of sharing one read of the whole.
 */
export function withPropertySelectorOf(client: SecretsClient, wrapper: SecretsClient): SecretsClient {
  if (client.propertySelector) wrapper.propertySelector = client.propertySelector.bind(client);
  return wrapper;
}
