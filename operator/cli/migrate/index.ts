// The door of `ferry migrate`'s engine: External Secrets Operator and kubernetes-external-secrets
// manifests converted to Ferry's API, and the report of what did not carry over.
export {
  migrateSources,
  type MigrateOptions,
  type MigrateResult,
  type MigratedObject,
  type ReportEntry,
} from './migrate.ts';
export { formatReport, formatReportEntry, summaryLine } from './report.ts';
export type { KesEnvironment } from './kes-stores.ts';
