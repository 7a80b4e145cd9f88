import type { ReconcileOutcome } from './reconciler.ts';
import type { Priority } from './work-queue.ts';

/** Hooks for metrics that every controller offers: the controller reports, main.ts decides what to count. */
export interface ControllerObservers {
  informerRestarted?: (informer: string) => void;
  queueWait?: (priority: Priority, waitMs: number) => void;
  reconciled?: (outcome: ReconcileOutcome, durationMs: number) => void;
}
