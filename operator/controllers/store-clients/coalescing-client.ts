import type { FindQuery, RemoteRef, SecretsClient } from '../../providers/index.ts';

/** A store client whose identical reads are shared; see coalescingClient. */
export interface SharedReadsClient extends SecretsClient {
  /**
   * The same client for one reconcile that only needs data as fresh as `notBefore` (epoch ms): a read
   * is answered by an identical one still in flight, or one that started at or after `notBefore` and
   * succeeded. A periodic refresh due at time T passes T, so every ExternalSecret of a refresh wave
   * shares one read per remote secret, however long the wave takes to work through.
   */
  readingSince(notBefore: number): SecretsClient;
}

export interface CoalescingOptions {
  /** Without readingSince, a read shares any identical read that started this recently. */
  windowMs: number;
  /** How long a successful read is kept for readingSince after it finished. */
  retentionMs?: number;
  now?: () => number;
}

interface SharedRead {
  promise: Promise<unknown>;
  startedAt: number;
  /** Set once the read succeeded; failures are never kept, so a retry always asks the store again. */
  succeededAt?: number;
}

/**
 * Shares identical reads of one store: a thousand ExternalSecrets reading one remote key cost one
 * call. Where the provider says a property is a pure function of the whole value
 * (SecretsClient.propertySelector), reads of different properties of one remote secret share the
 * read of the whole. Values are never copied or mutated by the controller, so sharing bytes is safe.
 */
export function coalescingClient(client: SecretsClient, options: CoalescingOptions): SharedReadsClient {
  const { windowMs } = options;
  const retentionMs = Math.max(options.retentionMs ?? 120_000, windowMs);
  const now = options.now ?? Date.now;
  const reads = new Map<string, SharedRead>();

  const sweep = (): void => {
    const oldest = now() - retentionMs;
    for (const [key, read] of reads) {
      if (read.succeededAt !== undefined && read.succeededAt < oldest) reads.delete(key);
    }
  };
  const sweeper = setInterval(sweep, Math.max(1_000, retentionMs / 4));
  sweeper.unref();

  const share = <T>(key: string, notBefore: number, read: () => Promise<T>): Promise<T> => {
    const existing = reads.get(key);
    if (existing && (existing.succeededAt === undefined || existing.startedAt >= notBefore)) {
      return existing.promise as Promise<T>;
    }
    const entry: SharedRead = { promise: read(), startedAt: now() };
    reads.set(key, entry);
    entry.promise.then(
      () => {
        entry.succeededAt = now();
      },
      () => {
        if (reads.get(key) === entry) reads.delete(key);
      },
    );
    return entry.promise as Promise<T>;
  };

  const refKey = (ref: RemoteRef): string =>
    JSON.stringify([ref.key, ref.property, ref.version, ref.metadataPolicy]);
  // selectNames runs nameRegexp for the controller, so the source identifies it.
  const queryKey = (query: FindQuery): string =>
    JSON.stringify([query.path, query.nameRegexp, Object.entries(query.tags ?? {}).sort(), query.maxBytes]);

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

  const getSecret = async (ref: RemoteRef, notBefore: number, signal: AbortSignal): Promise<Uint8Array> => {
    const { property } = ref;
    const select = property === undefined ? undefined : selectorFor(client, { ...ref, property });
    if (select) {
      const whole = { ...ref, property: undefined };
      const value = await raced(
        share(`get:${refKey(whole)}`, notBefore, () => client.getSecret(whole, detached)),
        signal,
      );
      return select(value);
    }
    return raced(
      share(`get:${refKey(ref)}`, notBefore, () => client.getSecret(ref, detached)),
      signal,
    );
  };

  const view = (notBefore: () => number): SecretsClient => ({
    getSecret: (ref, signal) => getSecret(ref, notBefore(), signal),
    getSecretMap: (ref, signal) =>
      raced(
        share(`map:${refKey(ref)}`, notBefore(), () => client.getSecretMap(ref, detached)),
        signal,
      ),
    findSecrets: (query, signal) =>
      raced(
        share(`find:${queryKey(query)}`, notBefore(), () => client.findSecrets(query, detached)),
        signal,
      ),
    // Validation is a health check: always asked afresh.
    validate: (signal) => client.validate(signal),
    close: () => {
      clearInterval(sweeper);
      reads.clear();
      return client.close();
    },
  });

  return {
    ...view(() => now() - windowMs),
    readingSince: (notBefore) => view(() => Math.min(notBefore, now() - windowMs)),
  };
}

/** The provider's property selector for ref, if it offers one; a ref it rejects is read as it is. */
function selectorFor(
  client: SecretsClient,
  ref: RemoteRef & { property: string },
): ((whole: Uint8Array) => Uint8Array) | undefined {
  try {
    return client.propertySelector?.(ref);
  } catch {
    // The direct read reports the same problem, as the store would.
    return undefined;
  }
}
