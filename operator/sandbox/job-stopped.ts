/** Why a worker stopped before its job finished. */
export type StopCause =
  /** The job ran past its deadline; the worker was terminated. */
  | 'deadline'
  /** The worker ran out of heap (its resourceLimits); V8 stopped it. */
  | 'memory'
  /** The worker exited for another reason (it failed to load, or crashed). */
  | 'crashed'
  /** The pool was closed (shutdown) before the job finished. */
  | 'closed';

/**
 * A job that did not finish because its worker was stopped. The pool knows nothing of what the job
 * was; the caller turns the cause into its own error (a budget, a shutdown).
 */
export class JobStoppedError extends Error {
  override name = 'JobStoppedError';
  readonly why: StopCause;

  constructor(why: StopCause, message: string) {
    super(message);
    this.why = why;
  }
}

/** The job's handler threw in the worker: its name and message, crossed over as plain data. */
export class JobFailedError extends Error {
  override name = 'JobFailedError';
  readonly errorName: string;

  constructor(errorName: string, message: string) {
    super(message);
    this.errorName = errorName;
  }
}
