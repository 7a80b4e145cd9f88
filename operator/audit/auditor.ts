import type { DriftRecord, SyncAction } from '../api/v1alpha1/index.ts';
import type { ClusterClient, ObjectReference } from '../kube/index.ts';
import { kubeErrorLogFields } from '../kube/index.ts';
import { scrubString, type Logger } from '../logging/index.ts';

/** What one sync did, as the audit trail records it: never a value. */
export interface AuditRecord {
  regarding: ObjectReference;
  action: SyncAction;
  reason: string;
  message: string;
  dataHash?: string | undefined;
  remoteVersions?: Record<string, string> | undefined;
  targetSecret?: string | undefined;
  /** For a Restored sync: the out-of-band change it undid, and who made it when that is known. */
  drift?: DriftRecord | undefined;
}

const eventTypes: Record<AuditRecord['action'], 'Normal' | 'Warning' | undefined> = {
  Created: 'Normal',
  Updated: 'Normal',
  Restored: 'Normal',
  Deleted: 'Normal',
  Failed: 'Warning',
  // A refresh that changed nothing is in status.history and the audit log, not in Events.
  Unchanged: undefined,
};

/**
 * One structured audit log line per sync outcome, plus a Kubernetes Event for outcomes that
 * change something or fail. Events expire within the hour; status.history keeps the longer trail.
 */
export class Auditor {
  private readonly kube: ClusterClient;
  private readonly log: Logger;
  private readonly reportingController: string;

  constructor(kube: ClusterClient, log: Logger, reportingController: string) {
    this.kube = kube;
    this.log = log.child({ component: 'audit' });
    this.reportingController = reportingController;
  }

  async record(entry: AuditRecord): Promise<void> {
    const message = scrubString(entry.message);
    this.log.info('sync', {
      audit: true,
      kind: entry.regarding.kind,
      namespace: entry.regarding.namespace,
      name: entry.regarding.name,
      action: entry.action,
      reason: entry.reason,
      message,
      ...(entry.targetSecret ? { targetSecret: entry.targetSecret } : {}),
      ...(entry.dataHash ? { dataHash: entry.dataHash } : {}),
      ...(entry.remoteVersions ? { remoteVersions: entry.remoteVersions } : {}),
      ...(entry.drift ? { drift: entry.drift } : {}),
    });
    const type = eventTypes[entry.action];
    if (!type) return;
    try {
      await this.kube.recordEvent(
        { regarding: entry.regarding, type, reason: entry.reason, action: entry.action, note: message },
        this.reportingController,
      );
    } catch (error) {
      this.log.warn('could not record an Event', { error: kubeErrorLogFields(error) });
    }
  }
}
