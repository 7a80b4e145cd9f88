/**
 * Waits for an operation, or stops waiting when this caller's signal aborts (rejecting with its
 * reason). The operation itself goes on: it may be shared (one token refresh for many callers), or
 * bounded by its own timeout; an SDK that ignores the signal cannot hold its caller past the deadline.
 */
export async function untilAborted<T>(operation: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([operation, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
