import { UnavailableError, type SecretsClient } from '../../providers/index.ts';
import { seconds } from './call-context.ts';
import type { SharedReadsClient } from './coalescing-client.ts';
import { withPropertySelectorOf } from './property-selector.ts';
import { untilAborted } from '../../providers/index.ts';

/**
 * The provider time of one sync: every call it makes to its stores ends by one deadline, set when
 * the sync starts (--provider-sync-timeout). Each call is also bounded by the response timeout
 * (deadlineClient), so a call waits min(response timeout, what is left of the sync's time): a sync
 * against a store that answers slowly, but within the response timeout, still ends in time.
 */
export class SyncDeadline {
  private readonly timeout: AbortSignal;
  private readonly budgetMs: number;

  constructor(budgetMs: number) {
    this.budgetMs = budgetMs;
    this.timeout = AbortSignal.timeout(budgetMs);
  }

  /** `client`, whose calls (and those of its readingSince views) end with this sync's time. */
  bound(client: SharedReadsClient, store: string): SharedReadsClient {
    return {
      ...this.view(client, store),
      readingSince: (notBefore) => this.view(client.readingSince(notBefore), store),
    };
  }

  private view(client: SecretsClient, store: string): SecretsClient {
    const within = async <T>(signal: AbortSignal, call: (signal: AbortSignal) => Promise<T>): Promise<T> => {
      const callSignal = AbortSignal.any([signal, this.timeout]);
      try {
        callSignal.throwIfAborted();
        return await untilAborted(call(callSignal), callSignal);
      } catch (error) {
        if (this.timeout.aborted && !signal.aborted) {
          throw new UnavailableError(
            `${store}: this sync's calls to its stores took longer than ${seconds(this.budgetMs)} in all (--provider-sync-timeout)`,
            error,
          );
        }
        throw error;
      }
    };
    const wrapped: SecretsClient = {
      getSecret: (ref, signal) => within(signal, (callSignal) => client.getSecret(ref, callSignal)),
      getSecretMap: (ref, signal) => within(signal, (callSignal) => client.getSecretMap(ref, callSignal)),
      findSecrets: (query, signal) => within(signal, (callSignal) => client.findSecrets(query, callSignal)),
      validate: (signal) => within(signal, (callSignal) => client.validate(callSignal)),
      close: () => client.close(),
    };
    return withPropertySelectorOf(client, wrapped);
  }
}
