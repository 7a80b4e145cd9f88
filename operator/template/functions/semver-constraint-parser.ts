// The constraint language of semverCompare (Masterminds/semver v3.3.0's NewConstraint), parsed by hand:
//   constraints  = group ("||" group)*             any group may hold
//   group        = comparison ((WS+ | "," WS*) comparison)*   every comparison must hold
//   comparison   = WS* operator? WS* version WS*
//   version      = "v"? part ("." part)? ("." part)? ("-" identifiers)? ("+" identifiers)?
//   part         = [0-9xX*|]+                     "x", "X" or "*" alone is a wildcard
// Before groups are split, each `A - B` (a hyphen range, spaces around the "-") is rewritten to
// `>= A, <= B` (semver-hyphen-ranges.ts), and "||" splits the rewritten text, as in Go, whose odd
// corners ("|" counts as a digit of a wildcard part; "1|2" is then its "constraint Parser Error") are
// kept: the differential tests compare hundreds of constraints with Go's answers.
import { isPartCharacter, isSpace, rewriteHyphenRanges } from './semver-hyphen-ranges.ts';
import {
  isIdentifierCharacter,
  parseVersion,
  scanIdentifiers,
  scanWhile,
  type SemanticVersion,
} from './semver-version.ts';
import { FunctionError } from './types.ts';

export type ConstraintOperator = '=' | '!=' | '>' | '<' | '>=' | '<=' | '~' | '^';

export interface VersionConstraint {
  readonly operator: ConstraintOperator;
  /** The version compared with; wildcard parts are 0. */
  readonly version: SemanticVersion;
  /** A wildcard (or a missing part) somewhere: `1.x`, `1`, `*`. */
  readonly wildcard: boolean;
  /** The minor number is a wildcard: `1.x`, `1`. */
  readonly anyMinor: boolean;
  /** The patch number is a wildcard: `1.2.x`, `1.2`. */
  readonly anyPatch: boolean;
}

/** Alternatives (OR) of groups of comparisons (AND). */
export type Constraints = readonly (readonly VersionConstraint[])[];

// The operators, longest first; the aliases mean the same as the operator they map to.
const operators: readonly (readonly [string, ConstraintOperator])[] = [
  ['!=', '!='],
  ['>=', '>='],
  ['=>', '>='],
  ['<=', '<='],
  ['=<', '<='],
  ['~>', '~'],
  ['=', '='],
  ['>', '>'],
  ['<', '<'],
  ['~', '~'],
  ['^', '^'],
];

// Go's message quotes the constraint; a template may build it from a secret, so it is left out.
const improperConstraint =
  'improper constraint: … (write comparisons such as ">= 1.2.3" or "~1.2", separated by spaces or commas; alternatives by "||")';
const parserError = 'constraint Parser Error';

function skipSpaces(text: string, start: number): number {
  return scanWhile(text, start, isSpace);
}

interface ScannedVersion {
  readonly end: number;
  readonly parts: readonly string[];
  /** "-" and the pre-release identifiers, or "". */
  readonly prerelease: string;
}

/** The longest version at `start` (each optional piece taken when it can be), or undefined. */
function scanVersion(text: string, start: number): ScannedVersion | undefined {
  let position = start;
  if (text.charAt(position) === 'v' && isPartCharacter(text.charAt(position + 1))) position++;
  let end = scanWhile(text, position, isPartCharacter);
  if (end === position) return undefined;
  const parts = [text.slice(position, end)];
  while (parts.length < 3 && text.charAt(end) === '.' && isPartCharacter(text.charAt(end + 1))) {
    const partEnd = scanWhile(text, end + 1, isPartCharacter);
    parts.push(text.slice(end + 1, partEnd));
    end = partEnd;
  }
  let prerelease = '';
  if (text.charAt(end) === '-' && isIdentifierCharacter(text.charAt(end + 1))) {
    const prereleaseEnd = scanIdentifiers(text, end + 1);
    prerelease = text.slice(end, prereleaseEnd);
    end = prereleaseEnd;
  }
  if (text.charAt(end) === '+' && isIdentifierCharacter(text.charAt(end + 1)))
    end = scanIdentifiers(text, end + 1);
  return { end, parts, prerelease };
}

/** NewConstraint: throws Go's error for the first group that is not well formed. */
export function parseConstraints(text: string): Constraints {
  return rewriteHyphenRanges(text)
    .split('||')
    .map((group) => {
      const comparisons = scanGroup(group);
      if (comparisons === undefined) throw new FunctionError(improperConstraint);
      return comparisons.map(toConstraint);
    });
}

interface ScannedComparison {
  readonly operator: ConstraintOperator;
  readonly text: string;
  readonly version: ScannedVersion;
}

/** The comparisons of one group, or undefined when the group is not well formed. */
function scanGroup(group: string): ScannedComparison[] | undefined {
  const comparisons: ScannedComparison[] = [];
  let position = skipSpaces(group, 0);
  for (;;) {
    const [spelling, operator] = operators.find(([candidate]) => group.startsWith(candidate, position)) ?? [
      '',
      '=',
    ];
    const versionStart = skipSpaces(group, position + spelling.length);
    const version = scanVersion(group, versionStart);
    if (version === undefined) return undefined;
    comparisons.push({ operator, text: group.slice(versionStart, version.end), version });
    const next = skipSpaces(group, version.end);
    if (next === group.length) return comparisons;
    if (group.charAt(next) === ',') position = skipSpaces(group, next + 1);
    else if (next > version.end) position = next;
    else return undefined;
  }
}

function isWildcard(part: string | undefined): boolean {
  return part === undefined || part === 'x' || part === 'X' || part === '*';
}

/** A comparison's version with its wildcards (and missing parts) as 0; only a pre-release is kept
 * then, and a version that is not numeric after all ("1x", "1|2") is Go's parser error. */
function toConstraint({ operator, text, version }: ScannedComparison): VersionConstraint {
  const [major = '', minor, patch] = version.parts;
  const { prerelease } = version;
  const anyMajor = isWildcard(major);
  const anyMinor = !anyMajor && isWildcard(minor);
  const anyPatch = !anyMajor && !anyMinor && isWildcard(patch);
  let versionText = text;
  if (anyMajor) versionText = `0.0.0${prerelease}`;
  else if (anyMinor) versionText = `${major}.0.0${prerelease}`;
  else if (anyPatch) versionText = `${major}.${minor ?? ''}.0${prerelease}`;
  let parsed: SemanticVersion;
  try {
    parsed = parseVersion(versionText);
  } catch {
    throw new FunctionError(parserError);
  }
  return { operator, version: parsed, wildcard: anyMajor || anyMinor || anyPatch, anyMinor, anyPatch };
}
