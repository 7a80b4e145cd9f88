import { ProviderError, type SecretsClient } from '../../providers/index.ts';
import { withPropertySelectorOf } from './property-selector.ts';
import { watchedSelection } from './selection-watch.ts';

export type ProviderCallObserver = (provider: string, operation: string, result: string) => void;

/** Wraps a client so every call to the store is counted by provider, operation and result. */
export function instrumentedClient(
  client: SecretsClient,
  provider: string,
  observe: ProviderCallObserver,
): SecretsClient {
  const count = async <T>(
    operation: string,
    call: () => Promise<T>,
    ours: () => boolean = () => false,
  ): Promise<T> => {
    try {
      const result = await call();
      observe(provider, operation, 'ok');
      return result;
    } catch (error) {
      // The store answered; what failed was the sync's own work (a find's name selection).
      const result = ours() ? 'ok' : error instanceof ProviderError ? error.reason : 'error';
      observe(provider, operation, result);
      throw error;
    }
  };
  const counted: SecretsClient = {
    getSecret: (ref, signal) => count('getSecret', () => client.getSecret(ref, signal)),
    getSecretMap: (ref, signal) => count('getSecretMap', () => client.getSecretMap(ref, signal)),
    findSecrets: (query, signal) => {
      const selection = watchedSelection(query);
      return count('findSecrets', () => client.findSecrets(selection.query, signal), selection.failed);
    },
    validate: (signal) => count('validate', () => client.validate(signal)),
    close: () => client.close(),
  };
  // Picking a property out of a value read is no call to the store: passed through uncounted.
  return withPropertySelectorOf(client, counted);
}
