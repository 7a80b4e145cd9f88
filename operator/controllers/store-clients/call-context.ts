import { AsyncLocalStorage } from 'node:async_hooks';

/** What the network layer saw during one provider call, for a message that says what happened. */
export interface CallRecord {
  /** How a connection this call needed failed: "connection to host:443 not established within 3 s". */
  connectFailure?: string;
  /** Told at the first failed connection: the call ends then, rather than after the SDK's retries. */
  onConnectFailure?: () => void;
}

/**
 * The provider call a connection is opened for. The deadline client runs each call inside it; the
 * shared agents note a connection that failed on it. An SDK opens its connections within the call
 * that needs them, so the failure lands on that call, whatever the SDK makes of the error.
 */
const calls = new AsyncLocalStorage<CallRecord>();

export function runAsCall<T>(record: CallRecord, call: () => T): T {
  return calls.run(record, call);
}

/** The call running now, if any: for a network layer that reports failures later, out of context. */
export function currentCall(): CallRecord | undefined {
  return calls.getStore();
}

export function noteConnectFailure(description: string, record = calls.getStore()): void {
  if (!record || record.connectFailure !== undefined) return;
  record.connectFailure = description;
  record.onConnectFailure?.();
}

/** "3 s", "0.5 s": durations in messages. */
export function seconds(ms: number): string {
  return `${String(Math.round(ms / 100) / 10)} s`;
}
