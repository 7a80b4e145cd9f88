import { parseDuration, type ExternalSecretSpec } from '../../api/v1alpha1/index.ts';

/**
 * The interval periodic refreshes use: spec.refreshInterval, raised to the operator's floor
 * (--min-refresh-interval), so that no tenant's object refreshes in a loop. "0" (sync once) stays 0.
 */
export function refreshIntervalMs(
  spec: Pick<ExternalSecretSpec, 'refreshInterval'>,
  floorMs: number,
): number {
  const asked = parseDuration(spec.refreshInterval);
  return asked === 0 ? 0 : Math.max(asked, floorMs);
}

/** What the Ready message adds while the floor raises this ExternalSecret's interval; undefined otherwise. */
export function refreshFloorNote(
  spec: Pick<ExternalSecretSpec, 'refreshInterval' | 'refreshPolicy'>,
  floorMs: number,
): string | undefined {
  if (
    spec.refreshPolicy !== 'Periodic' ||
    refreshIntervalMs(spec, floorMs) === parseDuration(spec.refreshInterval)
  )
    return undefined;
  return `refreshInterval ${spec.refreshInterval} is below this operator's minimum, so it refreshes every ${wholeDuration(floorMs)} (--min-refresh-interval, set by the cluster operator)`;
}

/** 30000 → "30s", 300000 → "5m": the floor is whole seconds, written as the flag takes it. */
function wholeDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds % 3600 === 0) return `${String(seconds / 3600)}h`;
  if (seconds % 60 === 0) return `${String(seconds / 60)}m`;
  return `${String(seconds)}s`;
}
