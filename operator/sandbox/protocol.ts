// The messages between a WorkerPool and its workers (serve-jobs.ts): plain data only, so that they
// cross the thread boundary by structured clone.

/** Pool → worker: run this job. */
export interface JobMessage<In> {
  id: number;
  input: In;
}

/** Worker → pool: the worker has loaded its modules and takes jobs. */
export interface ReadyMessage {
  ready: true;
}

/** Worker → pool: how a job ended. `failed` is a handler that threw (its name and message only). */
export type ResultMessage<Out> =
  { id: number; output: Out } | { id: number; failed: { name: string; message: string } };

export type WorkerMessage<Out> = ReadyMessage | ResultMessage<Out>;
