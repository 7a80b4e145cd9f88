// Semantic versions as Sprig's `semver` and `semverCompare` read them (Masterminds/semver v3.3.0, the
// version Sprig v3.3.0 pins): a loose grammar — an optional "v", the minor and patch numbers optional
// and allowed leading zeros — then SemVer's pre-release and build-metadata identifiers. Parsed by hand,
// character by character: no regular expression ever runs on a template's input.
import { FunctionError } from './types.ts';

export interface SemanticVersion {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  /** Without the leading "-"; "" when there is none. */
  readonly prerelease: string;
  /** Without the leading "+"; "" when there is none. */
  readonly metadata: string;
  /** The text it was parsed from (`Original()`); derived versions keep only its "v". */
  readonly original: string;
}

// Go's messages, word for word (they quote nothing but the one redacted below).
export const invalidVersion = 'Invalid Semantic Version';
const segmentStartsWithZero = 'Version segment starts with 0';
const invalidPrerelease = 'Invalid Prerelease string';
const invalidMetadata = 'Invalid Metadata string';

const maxUint64 = 2n ** 64n - 1n;

/** One character (a UTF-16 unit or a code point), compared by code unit: only ASCII qualifies. */
export function isDigit(character: string | undefined): boolean {
  return character !== undefined && character.length > 0 && character >= '0' && character <= '9';
}

/** SemVer's identifier characters: ASCII letters, digits and "-". */
export function isIdentifierCharacter(character: string | undefined): boolean {
  if (character === undefined) return false;
  return (
    isDigit(character) ||
    character === '-' ||
    (character >= 'a' && character <= 'z') ||
    (character >= 'A' && character <= 'Z')
  );
}

function allDigits(text: string): boolean {
  for (const character of text) if (!isDigit(character)) return false;
  return true;
}

function allIdentifierCharacters(text: string): boolean {
  for (const character of text) if (!isIdentifierCharacter(character)) return false;
  return true;
}

/** The end of a run of `accept` characters starting at `start`. */
export function scanWhile(text: string, start: number, accept: (character: string) => boolean): number {
  let end = start;
  while (end < text.length && accept(text.charAt(end))) end++;
  return end;
}

/** The end of `identifier(.identifier)*` at `start`, or `start` when no identifier begins there. */
export function scanIdentifiers(text: string, start: number): number {
  let end = scanWhile(text, start, isIdentifierCharacter);
  if (end === start) return start;
  while (text.charAt(end) === '.' && isIdentifierCharacter(text.charAt(end + 1))) {
    end = scanWhile(text, end + 1, isIdentifierCharacter);
  }
  return end;
}

/** A run of digits as a uint64, or undefined when it overflows one (checked by length first, so that
 * a megabyte of digits costs no big-number arithmetic). */
function digitsToUint64(digits: string): bigint | undefined {
  const significant = digits.slice(scanWhile(digits, 0, (character) => character === '0'));
  if (significant.length > 20) return undefined;
  const value = BigInt(`0${significant}`);
  return value > maxUint64 ? undefined : value;
}

/** Go's strconv.ParseUint(text, 10, 64) on a run of digits. The quoted digits are redacted: the
 * version may come from a secret. */
function parseSegment(digits: string): bigint {
  const value = digitsToUint64(digits);
  if (value === undefined) {
    throw new FunctionError(
      'Error parsing version segment: strconv.ParseUint: parsing "…": value out of range',
    );
  }
  return value;
}

/** semver.NewVersion: `v?MAJOR(.MINOR)?(.PATCH)?(-PRERELEASE)?(+METADATA)?`, whole text. */
export function parseVersion(text: string): SemanticVersion {
  let position = text.startsWith('v') ? 1 : 0;
  const numbers: string[] = [];
  for (let index = 0; index < 3; index++) {
    const start = index === 0 ? position : position + 1;
    if (index > 0 && text.charAt(position) !== '.') break;
    const end = scanWhile(text, start, isDigit);
    if (end === start) break;
    numbers.push(text.slice(start, end));
    position = end;
  }
  if (numbers.length === 0) throw new FunctionError(invalidVersion);
  const prerelease = scanPart(text, position, '-');
  position = prerelease.end;
  const metadata = scanPart(text, position, '+');
  if (metadata.end !== text.length) throw new FunctionError(invalidVersion);
  const [major = '0', minor = '0', patch = '0'] = numbers;
  const version = {
    major: parseSegment(major),
    minor: parseSegment(minor),
    patch: parseSegment(patch),
    prerelease: prerelease.identifiers,
    metadata: metadata.identifiers,
    original: text,
  };
  if (version.prerelease !== '') checkPrerelease(version.prerelease);
  return version;
}

/** An optional `MARKidentifier(.identifier)*` part at `start`. */
function scanPart(text: string, start: number, mark: string): { identifiers: string; end: number } {
  if (text.charAt(start) !== mark) return { identifiers: '', end: start };
  const end = scanIdentifiers(text, start + 1);
  if (end === start + 1) return { identifiers: '', end: start };
  return { identifiers: text.slice(start + 1, end), end };
}

/** SetPrerelease's check (and NewVersion's, after its grammar): numeric identifiers have no leading
 * zero. An empty identifier passes, as in Go. */
export function checkPrerelease(prerelease: string): void {
  for (const identifier of prerelease.split('.')) {
    if (allDigits(identifier)) {
      if (identifier.length > 1 && identifier.startsWith('0')) throw new FunctionError(segmentStartsWithZero);
    } else if (!allIdentifierCharacters(identifier)) {
      throw new FunctionError(invalidPrerelease);
    }
  }
}

/** SetMetadata's check. An empty identifier passes, as in Go. */
export function checkMetadata(metadata: string): void {
  for (const identifier of metadata.split('.')) {
    if (!allIdentifierCharacters(identifier)) throw new FunctionError(invalidMetadata);
  }
}

/** The canonical form `String()` prints: no "v", all three numbers. */
export function formatVersion(version: SemanticVersion): string {
  const { major, minor, patch, prerelease, metadata } = version;
  let text = `${major}.${minor}.${patch}`;
  if (prerelease !== '') text += `-${prerelease}`;
  if (metadata !== '') text += `+${metadata}`;
  return text;
}

/** Compare(): -1, 0 or 1 by major, minor, patch, then pre-release (none ranks above any); metadata is
 * ignored. */
export function compareVersions(left: SemanticVersion, right: SemanticVersion): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (left[key] !== right[key]) return left[key] < right[key] ? -1 : 1;
  }
  if (left.prerelease === right.prerelease) return 0;
  if (left.prerelease === '') return 1;
  if (right.prerelease === '') return -1;
  return comparePrereleases(left.prerelease, right.prerelease);
}

/** Identifier by identifier; a missing identifier ranks lowest. */
export function comparePrereleases(left: string, right: string): number {
  const leftParts = left.split('.');
  const rightParts = right.split('.');
  for (let index = 0; index < Math.max(leftParts.length, rightParts.length); index++) {
    const order = compareIdentifiers(leftParts[index] ?? '', rightParts[index] ?? '');
    if (order !== 0) return order;
  }
  return 0;
}

/** Numbers (that fit a uint64) rank below words; words compare by bytes. Two different spellings of
 * one number ("01", "1") are never equal: Go's comparison then answers -1, whichever side is which. */
function compareIdentifiers(left: string, right: string): number {
  if (left === right) return 0;
  if (left === '') return -1;
  if (right === '') return 1;
  const leftNumber = asUint64(left);
  const rightNumber = asUint64(right);
  if (leftNumber === undefined && rightNumber === undefined) return left > right ? 1 : -1;
  if (rightNumber === undefined) return -1;
  if (leftNumber === undefined) return 1;
  return leftNumber > rightNumber ? 1 : -1;
}

function asUint64(text: string): bigint | undefined {
  return text !== '' && allDigits(text) ? digitsToUint64(text) : undefined;
}

/** The version with another pre-release, metadata or number, and the `Original()` Go then gives it:
 * the canonical form, keeping a leading "v" of the original. */
export function deriveVersion(
  version: SemanticVersion,
  changes: Partial<Omit<SemanticVersion, 'original'>>,
): SemanticVersion {
  const next = { ...version, ...changes };
  const prefix = version.original.startsWith('v') ? 'v' : '';
  return { ...next, original: prefix + formatVersion(next) };
}
