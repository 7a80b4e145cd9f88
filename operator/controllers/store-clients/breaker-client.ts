import type { SecretsClient } from '../../providers/index.ts';
import { verdictOfFailure, type CallVerdict } from './circuit-breaker.ts';
import { withPropertySelectorOf } from './property-selector.ts';
import { watchedSelection } from './selection-watch.ts';
import type { StoreCircuit } from './store-guards.ts';

/**
 * Wraps a client so every call that reaches the store tells the store's circuit breaker whether
 * the server answered, and reads fail fast while the circuit is open.
 * Validation always goes through: it is the breaker's probe and the store's health check.
 */
export function breakerClient(client: SecretsClient, circuit: StoreCircuit): SecretsClient {
  const recorded = async <T>(call: () => Promise<T>, verdictOf = verdictOfFailure): Promise<T> => {
    try {
      const result = await call();
      circuit.record('answered');
      return result;
    } catch (error) {
      circuit.record(verdictOf(error));
      throw error;
    }
  };
  const read = <T>(call: () => Promise<T>, verdictOf?: (error: unknown) => CallVerdict): Promise<T> =>
    circuit.isOpen() ? Promise.reject(circuit.unavailable()) : recorded(call, verdictOf);
  const wrapped: SecretsClient = {
    getSecret: (ref, signal) => read(() => client.getSecret(ref, signal)),
    getSecretMap: (ref, signal) => read(() => client.getSecretMap(ref, signal)),
    findSecrets: (query, signal) => {
      const selection = watchedSelection(query);
      return read(
        () => client.findSecrets(selection.query, signal),
        (error) => (selection.failed() ? 'neither' : verdictOfFailure(error)),
      );
    },
    validate: (signal) => recorded(() => client.validate(signal)),
    close: () => client.close(),
  };
  return withPropertySelectorOf(client, wrapped);
}
