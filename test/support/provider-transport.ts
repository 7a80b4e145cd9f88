// The transport the store-client layer hands every provider client, with the operator's default
// timeouts: what tests that build a provider's client directly pass to newClient.
import {
  createProviderTransport,
  defaultProviderTimeouts,
} from '../../operator/controllers/store-clients/index.ts';

export const testTransport = createProviderTransport({
  connectTimeoutMs: defaultProviderTimeouts.connectMs,
  responseTimeoutMs: defaultProviderTimeouts.responseMs,
});
