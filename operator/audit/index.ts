export { Auditor, type AuditRecord } from './auditor.ts';
