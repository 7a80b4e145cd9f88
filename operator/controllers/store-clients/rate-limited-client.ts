import { ThrottledError, type SecretsClient } from '../../providers/index.ts';
import { withPropertySelectorOf } from './property-selector.ts';
import type { StoreRateLimiter } from './rate-limiter.ts';

/**
 * Wraps a client so every read waits for its turn with the store's rate limiter, and a store that
 * answers "throttled" pauses the calls of every ExternalSecret that uses it. Validation is a rare
 * health check and goes unpaced, so a store's status is never held up by its ExternalSecrets' calls.
 */
export function rateLimitedClient(client: SecretsClient, limiter: StoreRateLimiter): SecretsClient {
  const paced = async <T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> => {
    await limiter.acquire(signal);
    try {
      const result = await call();
      limiter.succeeded();
      return result;
    } catch (error) {
      // Any other answer (not found, denied, ...) means the store is not throttling us.
      if (error instanceof ThrottledError) limiter.throttled();
      else limiter.succeeded();
      throw error;
    }
  };
  const wrapped: SecretsClient = {
    getSecret: (ref, signal) => paced(signal, () => client.getSecret(ref, signal)),
    getSecretMap: (ref, signal) => paced(signal, () => client.getSecretMap(ref, signal)),
    findSecrets: (query, signal) => paced(signal, () => client.findSecrets(query, signal)),
    validate: (signal) => client.validate(signal),
    close: () => client.close(),
  };
  // Picking a property out of a value already read is no call to the store.
  return withPropertySelectorOf(client, wrapped);
}
