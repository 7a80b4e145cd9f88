import { UnavailableError, type SecretsClient } from '../../providers/index.ts';
import { runAsCall, seconds, type CallRecord } from './call-context.ts';
import { withPropertySelectorOf } from './property-selector.ts';
import { untilAborted } from '../../providers/index.ts';

export interface CallDeadline {
  /** What the messages call the store: "aws at 127.0.0.1:5000". */
  store: string;
  responseTimeoutMs: number;
  /**
   * The bound of a find, which lists and reads page after page: the sync's provider time. Each of
   * its requests is bounded by the response timeout in the SDK (ProviderTransport).
   */
  findTimeoutMs: number;
}

/**
 * Every call to the store under one deadline, the same for every provider: its signal ends after
 * the response timeout (the adapter hands it to its SDK), and the caller gets an UnavailableError
 * at that moment whether or not the SDK noticed. A connection that could not be made (refused, or
 * not established within the connect timeout the shared agents enforce) is reported as that,
 * whatever the SDK made of it.
 */
export function deadlineClient(client: SecretsClient, deadline: CallDeadline): SecretsClient {
  const { store, responseTimeoutMs, findTimeoutMs } = deadline;
  const bounded = async <T>(
    signal: AbortSignal,
    call: (signal: AbortSignal) => Promise<T>,
    timeoutMs = responseTimeoutMs,
  ): Promise<T> => {
    signal.throwIfAborted();
    const connectFailed = new AbortController();
    const record: CallRecord = { onConnectFailure: () => connectFailed.abort() };
    const timeout = AbortSignal.timeout(timeoutMs);
    const callSignal = AbortSignal.any([signal, timeout, connectFailed.signal]);
    try {
      return await untilAborted(
        runAsCall(record, () => call(callSignal)),
        callSignal,
      );
    } catch (error) {
      if (signal.aborted) throw error;
      if (record.connectFailure !== undefined)
        throw new UnavailableError(`${store}: ${record.connectFailure}`, error);
      if (timeout.aborted)
        throw new UnavailableError(`${store} did not answer within ${seconds(timeoutMs)}`, error);
      throw error;
    }
  };
  const wrapped: SecretsClient = {
    getSecret: (ref, signal) => bounded(signal, (callSignal) => client.getSecret(ref, callSignal)),
    getSecretMap: (ref, signal) => bounded(signal, (callSignal) => client.getSecretMap(ref, callSignal)),
    findSecrets: (query, signal) =>
      bounded(signal, (callSignal) => client.findSecrets(query, callSignal), findTimeoutMs),
    validate: (signal) => bounded(signal, (callSignal) => client.validate(callSignal)),
    close: () => client.close(),
  };
  return withPropertySelectorOf(client, wrapped);
}
