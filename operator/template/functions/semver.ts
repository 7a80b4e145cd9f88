// Sprig's semver and semverCompare, with the semantics of Masterminds/semver v3.3.0 (the version Sprig
// v3.3.0 pins): `semver` parses loosely and returns a *semver.Version whose methods templates call;
// `semverCompare` checks a version against a constraint such as "^1.2 || >=2.1.0-0".
import { parseConstraints, satisfiesConstraints } from './semver-constraints.ts';
import { SemverVersionPointer } from './semver-objects.ts';
import { parseVersion } from './semver-version.ts';
import { fixed, type FunctionDefinition } from './signature.ts';

export const semverFunctions: Record<string, FunctionDefinition> = {
  semver: fixed(['string'], (version) => new SemverVersionPointer(parseVersion(version))),
  // The constraint is parsed (and its errors reported) before the version, as in Sprig.
  semverCompare: fixed(['string', 'string'], (constraint, version) => {
    const constraints = parseConstraints(constraint);
    return satisfiesConstraints(constraints, parseVersion(version));
  }),
};
