import type { Logger } from '../logging/index.ts';
import type { Clock } from './clock.ts';
import type { ControllerObservers } from './observers.ts';
import { Controller, type Reconciler } from './reconciler.ts';
import type { FlowPath } from './fair-lane.ts';
import { WorkQueue } from './work-queue.ts';

/** A work queue and the Controller that drains it, with the metric hooks wired to both. */
export function createObservedController(options: {
  reconciler: Reconciler;
  concurrency: number;
  clock: Clock;
  log: Logger;
  isConflict: (error: unknown) => boolean;
  observers: ControllerObservers;
  /** Whose work a key is, for fair turns in the queue; by default its namespace. */
  flowOf?: (key: string) => FlowPath;
}): { queue: WorkQueue; controller: Controller } {
  const { observers } = options;
  const queue = new WorkQueue({
    clock: options.clock,
    ...(options.flowOf ? { flowOf: options.flowOf } : {}),
    ...(observers.queueWait
      ? { onDequeue: (_key, waitMs, priority) => observers.queueWait?.(priority, waitMs) }
      : {}),
  });
  const controller = new Controller({
    reconciler: options.reconciler,
    queue,
    concurrency: options.concurrency,
    log: options.log,
    clock: options.clock,
    isConflict: options.isConflict,
    ...(observers.reconciled
      ? { onResult: (_key, outcome, durationMs) => observers.reconciled?.(outcome, durationMs) }
      : {}),
  });
  return { queue, controller };
}
