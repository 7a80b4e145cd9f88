import type { VersionSelector } from './secrets-port.ts';

const versionIdPrefix = 'uuid/';

/**
 * ESO's remoteRef.version for Secrets Manager: unset is the AWSCURRENT stage, `uuid/<id>` a version
 * id, anything else a staging label (AWSPREVIOUS, AWSPENDING or a custom one).
 */
export function versionSelector(version: string | undefined): VersionSelector {
  if (version === undefined || version === '') return { versionStage: 'AWSCURRENT' };
  if (version.startsWith(versionIdPrefix)) return { versionId: version.slice(versionIdPrefix.length) };
  return { versionStage: version };
}

/** For messages: `version stage "AWSPREVIOUS"` or `version id "…"`. */
export function describeVersion(selector: VersionSelector): string {
  return 'versionId' in selector
    ? `version id "${selector.versionId}"`
    : `version stage "${selector.versionStage}"`;
}
