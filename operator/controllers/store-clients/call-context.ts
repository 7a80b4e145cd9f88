import { AsyncLocalStorage } from 'node:async_hooks';

/** What the network layer saw during one provider call, for a message that says what happened. */
export interface CallRecord {
  /** How a connection this call needed failed: "connection to host:443 not established within 3 s". */
  connectFailure?: string;
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

export function noteConnectFailure(description: string): void {
  const record = calls.getStore();
  if (record && record.connectFailure === undefined) record.connectFailure = description;
}

/** "3 s", "0.5 s": durations in messages. */
export function seconds(ms: number): string {
  return `${String(Math.round(ms / 100) / 10)} s`;
}
