// The first step of reading a semverCompare constraint: each hyphen range `A - B` (spaces around the
// "-") becomes `>= A, <= B `, found and replaced as Masterminds/semver v3.3.0 does — its pattern may
// match anywhere, even inside other text ("a1 - 2" becomes "a>= 1, <= 2 "), and each replacement
// goes to the first occurrence of the matched text, which is not always the place it was found.
// The search tries every position, so the length of the version starting at each position is
// memoised: a long constraint costs linear time, not quadratic.
import { FunctionError } from './types.ts';
import { isDigit, isIdentifierCharacter } from './semver-version.ts';

/** Go's regexp `\s`: ASCII whitespace without the vertical tab. */
export function isSpace(character: string): boolean {
  return (
    character === ' ' || character === '\t' || character === '\n' || character === '\f' || character === '\r'
  );
}

/** A character of a version number in a constraint: a digit or a wildcard ("|" too, as in Go). */
export function isPartCharacter(character: string): boolean {
  return (
    isDigit(character) || character === 'x' || character === 'X' || character === '*' || character === '|'
  );
}

// Replacing costs Go (and us) the length of the text for each range; past this, the constraint is
// refused instead (no real constraint comes near: it would hold thousands of ranges).
const maxReplacementWork = 50_000_000;

export function rewriteHyphenRanges(text: string): string {
  if (!text.includes('-')) return text;
  const ranges = findHyphenRanges(text);
  if (ranges.length * text.length > maxReplacementWork) {
    throw new FunctionError('improper constraint: … (too many hyphen ranges)');
  }
  let rewritten = text;
  for (const { matched, replacement } of ranges) rewritten = rewritten.replace(matched, () => replacement);
  return rewritten;
}

/** Each leftmost `WS* version WS+ "-" WS+ version WS*`, scanning on after each. */
function findHyphenRanges(text: string): { matched: string; replacement: string }[] {
  const spacesEnd = spaceRunEnds(text);
  const versionEnd = versionEnds(text);
  const ranges: { matched: string; replacement: string }[] = [];
  let position = 0;
  while (position < text.length) {
    // Every position of a run of spaces starts the same attempt as the run's end does.
    const fromStart = spacesEnd[position] ?? position;
    const fromEnd = versionEnd(fromStart);
    const dash = spacesEnd[fromEnd] ?? fromEnd;
    const toStart = spacesEnd[dash + 1] ?? dash + 1;
    const toEnd =
      fromEnd > fromStart && dash > fromEnd && text.charAt(dash) === '-' && toStart > dash + 1
        ? versionEnd(toStart)
        : toStart;
    if (toEnd === toStart) {
      position = fromStart + 1;
      continue;
    }
    const end = spacesEnd[toEnd] ?? toEnd;
    ranges.push({
      matched: text.slice(position, end),
      replacement: `>= ${text.slice(fromStart, fromEnd)}, <= ${text.slice(toStart, toEnd)} `,
    });
    position = end;
  }
  return ranges;
}

/** For each position, where the run of spaces starting there ends. */
function spaceRunEnds(text: string): Int32Array {
  const ends = new Int32Array(text.length + 2);
  ends[text.length] = text.length;
  ends[text.length + 1] = text.length + 1;
  for (let index = text.length - 1; index >= 0; index--) {
    ends[index] = isSpace(text.charAt(index)) ? (ends[index + 1] ?? index + 1) : index;
  }
  return ends;
}

// The scanner's states within a version: in the first, second or third number, the pre-release, the
// metadata. The longest version from a position depends only on the position and the state.
const firstNumber = 0;
const preReleaseState = 3;
const metadataState = 4;
const stateCount = 5;

/** The end of the longest version `v? part (.part)? (.part)? (-ids)? (+ids)?` at each position
 * (the position itself where none starts), memoised per position and state. */
function versionEnds(text: string): (start: number) => number {
  const memo = new Int32Array((text.length + 2) * stateCount).fill(-1);
  const step = (position: number, state: number): [number, number] | undefined => {
    const character = text.charAt(position);
    const next = text.charAt(position + 1);
    if (state < preReleaseState) {
      if (isPartCharacter(character)) return [position + 1, state];
      if (character === '.' && state < 2 && isPartCharacter(next)) return [position + 2, state + 1];
      if (character === '-' && isIdentifierCharacter(next)) return [position + 2, preReleaseState];
    } else {
      if (isIdentifierCharacter(character)) return [position + 1, state];
      if (character === '.' && isIdentifierCharacter(next)) return [position + 2, state];
    }
    if (character === '+' && state !== metadataState && isIdentifierCharacter(next))
      return [position + 2, metadataState];
    return undefined;
  };
  const endFrom = (position: number, state: number): number => {
    const path: number[] = [];
    let current: [number, number] | undefined = [position, state];
    let end = position;
    while (current !== undefined) {
      const known = memo[current[0] * stateCount + current[1]] ?? -1;
      if (known >= 0) {
        end = known;
        break;
      }
      path.push(current[0] * stateCount + current[1]);
      end = current[0];
      current = step(current[0], current[1]);
    }
    for (const key of path) memo[key] = end;
    return end;
  };
  return (start) => {
    let position = start;
    if (text.charAt(position) === 'v' && isPartCharacter(text.charAt(position + 1))) position++;
    if (!isPartCharacter(text.charAt(position))) return start;
    return endFrom(position + 1, firstNumber);
  };
}
