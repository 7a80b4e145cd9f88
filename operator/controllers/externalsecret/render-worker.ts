// The entry of a render worker thread (render-sandbox.ts starts it): the pure steps of syncs, with
// this worker's own parsed-template cache and template functions, under the worker's heap limit.
import { workerData } from 'node:worker_threads';
import { serveJobs } from '../../sandbox/index.ts';
import { ParsedTemplates, type TemplateDelimiters } from './parsed-templates.ts';
import {
  runTransformJob,
  transferableBuffers,
  type TransformJob,
  type TransformOutcome,
} from './transform-job.ts';

export interface RenderWorkerData {
  /** The operator's --template-left/right-delimiter. */
  delimiters: TemplateDelimiters | undefined;
}

const { delimiters } = workerData as RenderWorkerData;
// Smaller than the main thread's: the cache lives inside the worker's heap limit.
const templates = new ParsedTemplates({ delimiters, bounds: { maxEntries: 1024, maxSize: 256 * 1024 } });

serveJobs<TransformJob, TransformOutcome>({
  run: (job) => runTransformJob(job, templates),
  transferList: transferableBuffers,
});
