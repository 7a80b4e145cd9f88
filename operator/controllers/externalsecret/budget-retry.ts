import { parseDuration, type ExternalSecret } from '../../api/v1alpha1/index.ts';

const minuteMs = 60_000;
const maxRetryMs = 5 * minuteMs;

/**
 * When a sync that went over its budget is tried again: not before its refresh interval, nor within
 * a minute — the same input would go over again, and each try costs a budget's worth of work — and
 * within 5 minutes, so that a raised budget or a lighter template is picked up. Never terminal.
 */
export function budgetRetryMs(es: ExternalSecret): number {
  const intervalMs = es.spec.refreshPolicy === 'Periodic' ? parseDuration(es.spec.refreshInterval) : 0;
  return Math.min(Math.max(intervalMs, minuteMs), maxRetryMs);
}
