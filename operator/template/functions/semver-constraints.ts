// Whether a version satisfies parsed constraints, with Masterminds/semver v3.3.0's rules: a
// pre-release version satisfies a comparison only when the comparison's own version has a
// pre-release (then they compare by SemVer precedence); wildcards make `=` a tilde range and give
// `>`, `<=` and `!=` their "whole range" meaning (`>1.x` is 2.0.0 and up, `<=1.x` all of 1.x).
import type { Constraints, VersionConstraint } from './semver-constraint-parser.ts';
import { compareVersions, comparePrereleases, type SemanticVersion } from './semver-version.ts';

export { parseConstraints, type Constraints } from './semver-constraint-parser.ts';

/** Constraints.Check: some group whose every comparison holds. */
export function satisfiesConstraints(constraints: Constraints, version: SemanticVersion): boolean {
  return constraints.some((group) => group.every((constraint) => satisfies(constraint, version)));
}

function satisfies(constraint: VersionConstraint, version: SemanticVersion): boolean {
  const prereleaseExcluded = version.prerelease !== '' && constraint.version.prerelease === '';
  // `!=` without a wildcard is the one comparison that does not exclude pre-releases.
  if (constraint.operator === '!=') return notEqual(constraint, version, prereleaseExcluded);
  if (prereleaseExcluded) return false;
  const order = compareVersions(version, constraint.version);
  switch (constraint.operator) {
    case '=':
      return constraint.wildcard ? tilde(constraint, version) : order === 0;
    case '>':
      return greaterThan(constraint, version, order);
    case '<':
      return order < 0;
    case '>=':
      return order >= 0;
    case '<=':
      return lessOrEqual(constraint, version, order);
    case '~':
      return tilde(constraint, version);
    case '^':
      return caret(constraint, version);
  }
}

function notEqual(
  constraint: VersionConstraint,
  version: SemanticVersion,
  prereleaseExcluded: boolean,
): boolean {
  const target = constraint.version;
  if (constraint.wildcard) {
    if (prereleaseExcluded) return false;
    if (version.major !== target.major) return true;
    if (constraint.anyMinor) return false;
    if (version.minor !== target.minor) return true;
    if (constraint.anyPatch) return comparePrereleases(version.prerelease, target.prerelease) !== 0;
    if (version.patch !== target.patch) return true;
  }
  return compareVersions(version, target) !== 0;
}

/** `>1` means 2.0.0 and up, `>1.2` 1.3.0 and up. */
function greaterThan(constraint: VersionConstraint, version: SemanticVersion, order: number): boolean {
  const target = constraint.version;
  if (!constraint.wildcard) return order > 0;
  if (version.major !== target.major) return version.major > target.major;
  if (constraint.anyMinor) return false;
  if (constraint.anyPatch) return version.minor > target.minor;
  return order > 0;
}

/** `<=1` means below 2.0.0, `<=1.2` below 1.3.0 (pre-releases of the next included). */
function lessOrEqual(constraint: VersionConstraint, version: SemanticVersion, order: number): boolean {
  const target = constraint.version;
  if (!constraint.wildcard) return order <= 0;
  if (version.major > target.major) return false;
  return !(version.major === target.major && version.minor > target.minor && !constraint.anyMinor);
}

/** `~1.2.3` is >=1.2.3 <1.3.0, `~1` and `~1.x` >=1.0.0 <2.0.0, `~0`… only `~0.0.0` and `~*` take all. */
function tilde(constraint: VersionConstraint, version: SemanticVersion): boolean {
  const target = constraint.version;
  if (compareVersions(version, target) < 0) return false;
  const zero = target.major === 0n && target.minor === 0n && target.patch === 0n;
  if (zero && !constraint.anyMinor && !constraint.anyPatch) return true;
  if (version.major !== target.major) return false;
  return version.minor === target.minor || constraint.anyMinor;
}

/** `^1.2.3` is >=1.2.3 <2.0.0; `^0.2.3` >=0.2.3 <0.3.0; `^0.0.3` only 0.0.3; `^0` and `^0.x` <1.0.0. */
function caret(constraint: VersionConstraint, version: SemanticVersion): boolean {
  const target = constraint.version;
  if (compareVersions(version, target) < 0) return false;
  if (target.major > 0n || constraint.anyMinor) return version.major === target.major;
  if (version.major > 0n) return false;
  if (target.minor > 0n || constraint.anyPatch) return version.minor === target.minor;
  if (version.minor > 0n) return false;
  return version.patch === target.patch;
}
