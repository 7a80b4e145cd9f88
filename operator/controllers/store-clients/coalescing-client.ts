import type { FindQuery, RemoteRef, SecretsClient } from '../../providers/index.ts';

/**
 * Shares identical reads of one store: while a read is in flight, and for `windowMs` after it
 * succeeded, the same read returns the same answer without another call. A thousand
 * ExternalSecrets reading one remote key in a refresh wave cost one call. Failures are shared
 * while in flight but never kept, so a retry always asks the store again. Values are never
 * copied or mutated by the controller, so sharing the bytes is safe.
 */
export function coalescingClient(client: SecretsClient, windowMs: number): SecretsClient {
  const reads = new Map<string, Promise<unknown>>();
  const share = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    const existing = reads.get(key);
    if (existing) return existing as Promise<T>;
    const promise = read();
    reads.set(key, promise);
    promise.then(
      () => {
        const timer = setTimeout(() => {
          if (reads.get(key) === promise) reads.delete(key);
        }, windowMs);
        timer.unref();
      },
      () => {
        if (reads.get(key) === promise) reads.delete(key);
      },
    );
    return promise;
  };
  const refKey = (ref: RemoteRef): string =>
    JSON.stringify([ref.key, ref.property, ref.version, ref.metadataPolicy]);
  // nameMatches is compiled from nameRegexp by the controller, so the source identifies it.
  const queryKey = (query: FindQuery): string =>
    JSON.stringify([query.path, query.nameRegexp, Object.entries(query.tags ?? {}).sort()]);

  // A shared read must not be cancelled by the first caller's signal; each caller still sees its own abort.
  const detached = new AbortController().signal;
  const raced = <T>(promise: Promise<T>, signal: AbortSignal): Promise<T> =>
    signal.aborted
      ? Promise.reject(signal.reason as Error)
      : new Promise<T>((resolve, reject) => {
          const onAbort = (): void => {
            reject(signal.reason as Error);
          };
          signal.addEventListener('abort', onAbort, { once: true });
          promise.then(resolve, reject).finally(() => {
            signal.removeEventListener('abort', onAbort);
          });
        });

  return {
    getSecret: (ref, signal) =>
      raced(
        share(`get:${refKey(ref)}`, () => client.getSecret(ref, detached)),
        signal,
      ),
    getSecretMap: (ref, signal) =>
      raced(
        share(`map:${refKey(ref)}`, () => client.getSecretMap(ref, detached)),
        signal,
      ),
    findSecrets: (query, signal) =>
      raced(
        share(`find:${queryKey(query)}`, () => client.findSecrets(query, detached)),
        signal,
      ),
    // Validation is a health check: always asked afresh.
    validate: (signal) => client.validate(signal),
    close: () => client.close(),
  };
}
