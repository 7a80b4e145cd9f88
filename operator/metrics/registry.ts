import { Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process, with Node's default process metrics under the `ferry_` prefix. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ferry_' });
  return registry;
}
