import { isDeepStrictEqual } from 'node:util';
import type { ExternalSecretView } from '../cluster/external-secret-view.ts';
import type { ExternalSecrets } from '../cluster/external-secrets.ts';
import { judgeSync } from './sync-verdict.ts';

/** How a wait for a requested sync ended. */
export type SyncOutcome =
  | { readonly kind: 'synced' | 'failed'; readonly reason: string; readonly message: string }
  | { readonly kind: 'deleted' }
  /**
   * `last`: the ExternalSecret as last seen, for the message; `statusUnchanged`: nothing in its status
   * moved since the request.
   */
  | {
      readonly kind: 'timed-out' | 'interrupted';
      readonly last: ExternalSecretView;
      readonly statusUnchanged: boolean;
    };

export interface WaitOptions {
  timeoutMs: number;
  /** Aborted by Ctrl-C. */
  signal: AbortSignal;
  /** Each version of the ExternalSecret seen while waiting (for progress). */
  onObserved?: (observed: ExternalSecretView) => void;
}

/**
 * Watches the ExternalSecret from the version the force-sync patch produced (`requested`) until
 * judgeSync says the sync succeeded or failed, the object is deleted, the timeout passes or the
 * user interrupts. A watch, not a polling loop: the answer arrives as soon as the operator writes it,
 * and nothing written between the patch and the start of the watch is missed.
 */
export async function waitForSync(
  externalSecrets: ExternalSecrets,
  requested: ExternalSecretView,
  options: WaitOptions,
): Promise<SyncOutcome> {
  const { namespace, name, resourceVersion = '' } = requested.metadata;
  const settled = new AbortController();
  const timeout = AbortSignal.timeout(options.timeoutMs);
  let outcome: SyncOutcome | undefined;
  let last = requested;
  await externalSecrets.watch(
    namespace,
    name,
    resourceVersion,
    (change) => {
      if (outcome) return;
      last = change.object;
      if (change.type === 'deleted') {
        outcome = { kind: 'deleted' };
      } else {
        options.onObserved?.(change.object);
        const verdict = judgeSync(requested, change.object);
        if (verdict.state !== 'pending')
          outcome = { kind: verdict.state, reason: verdict.reason, message: verdict.message };
      }
      if (outcome) settled.abort();
    },
    AbortSignal.any([settled.signal, timeout, options.signal]),
  );
  if (outcome) return outcome;
  return {
    kind: options.signal.aborted ? 'interrupted' : 'timed-out',
    last,
    statusUnchanged: isDeepStrictEqual(last.status, requested.status),
  };
}
