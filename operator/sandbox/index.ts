// Work that tenants control runs here, where a runaway can be stopped without stopping the
// process: worker threads with heap limits, terminated at a deadline, replaced when they die.
export { WorkerPool, type RunOptions, type WorkerPoolOptions } from './worker-pool.ts';
export { serveJobs, type JobHandler } from './serve-jobs.ts';
export { JobFailedError, JobStoppedError, type StopCause } from './job-stopped.ts';
