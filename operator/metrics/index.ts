export { createMetricsRegistry } from './registry.ts';
export { startHealthServer, type HealthServer, type ReadinessCheck } from './server.ts';
export { FerryMetrics } from './ferry-metrics.ts';
