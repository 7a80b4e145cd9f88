export { LeaderElector, LeaseUnavailableError, type LeaderElectionOptions } from './leader-election.ts';
export { onShutdownSignal } from './signals.ts';
export { leaseNamespace, processIdentity, operatorNamespace } from './identity.ts';
export { systemClock, ManualClock, type Clock, type TimerHandle } from './clock.ts';
export { refreshJitterMs } from './jitter.ts';
export { everyInterval, refreshGrid, storeRefreshGrid, type RefreshSchedule } from './refresh-grid.ts';
export {
  WorkQueue,
  namespaceFlowOf,
  priorities,
  type Priority,
  type QueueItem,
  type WorkQueueOptions,
} from './work-queue.ts';
export type { FlowPath } from './fair-lane.ts';
export {
  Controller,
  TerminalError,
  type ControllerOptions,
  type ReconcileOutcome,
  type ReconcileResult,
  type Reconciler,
} from './reconciler.ts';
export type { ControllerObservers } from './observers.ts';
export { createObservedController } from './observed-controller.ts';
export { OwnWrites } from './own-writes.ts';
