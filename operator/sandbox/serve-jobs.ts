import { parentPort, type Transferable } from 'node:worker_threads';
import type { JobMessage, ResultMessage } from './protocol.ts';

export interface JobHandler<In, Out> {
  run(input: In): Out | Promise<Out>;
  /** Buffers of the output to move instead of copy; the worker must hold no other reference to them. */
  transferList?(output: Out): Transferable[];
}

/**
 * The worker side of a WorkerPool: call it once at the top of the worker's module, after its
 * imports, so that the pool hands out jobs only once everything is loaded. Jobs arrive one at a
 * time; a handler that throws fails that job only.
 */
export function serveJobs<In, Out>(handler: JobHandler<In, Out>): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs in a worker thread started by a WorkerPool');
  port.on('message', (message: JobMessage<In>) => {
    void (async () => {
      let result: ResultMessage<Out>;
      let transfer: Transferable[] = [];
      try {
        const output = await handler.run(message.input);
        result = { id: message.id, output };
        transfer = handler.transferList?.(output) ?? [];
      } catch (error) {
        const { name, message: text } = error instanceof Error ? error : new Error(String(error));
        result = { id: message.id, failed: { name, message: text } };
      }
      port.postMessage(result, transfer);
    })();
  });
  port.postMessage({ ready: true });
}
