// Searches with a user's regexp, each search charged to the rendering's budget before it runs. RE2 is
// linear in the input, but its constant is the compiled program: `(a|aa|aaa|aaaa){1000}$` over 1 MB
// ran for minutes. So every search costs programSize × the input it may scan, refused when the budget
// cannot pay. Finding all matches is one search per match, each from where the last one ended, and
// each is charged: a whole-input charge would let `a(.*b)?` over "aaaa…" (every search scans to the
// end) cost n² while paying n.
//
// Calibration (re2js 2.10 on Node 24, this project's 2-core build machine): the slowest patterns —
// large alternations and counted repetitions, which keep every instruction alive — run about 2.5×10⁷
// units a second; simple patterns are 100× faster. The default budget of 10⁸ units is therefore a few
// seconds at worst.
import type { RE2JS } from 're2js';
import type { RenderBudget } from './render-budget.ts';

/** Whether `regexp` matches anywhere in `text` (Go's MatchString). */
export function searchAnywhere(regexp: RE2JS, text: string, budget: RenderBudget): boolean {
  budget.chargeRegexp(regexp.programSize() * (text.length + 1));
  return regexp.test(text);
}

/**
 * Go's FindAllStringSubmatchIndex (limit < 0: all): for each match, the start and end of the match
 * and of each group (-1 for a group that did not take part), as UTF-16 offsets into `text`. An empty
 * match right after the previous match is skipped, as Go does.
 */
export function searchAll(regexp: RE2JS, text: string, limit: number, budget: RenderBudget): number[][] {
  const size = regexp.programSize();
  const groups = regexp.groupCount();
  const matcher = regexp.matcher(text);
  const found: number[][] = [];
  const max = limit < 0 ? text.length + 1 : limit;
  let position = 0;
  let previousEnd = -1;
  while (found.length < max && position <= text.length) {
    budget.chargeRegexp(size * (text.length - position + 1));
    if (!matcher.find(position)) break;
    const start = matcher.start();
    const end = matcher.end();
    let accept = true;
    if (end === position) {
      if (start === previousEnd) accept = false;
      position += stepWidth(text, position);
    } else position = end;
    previousEnd = end;
    if (!accept) continue;
    const match = [start, end];
    if (groups > 0) {
      // The matcher finds the groups by matching the match again, anchored: charged too.
      budget.chargeRegexp(size * (end - start + 1));
      for (let group = 1; group <= groups; group++) match.push(matcher.start(group), matcher.end(group));
    }
    found.push(match);
  }
  return found;
}

/** The UTF-16 units of the code point at `position`; past the end, enough to stop. */
function stepWidth(text: string, position: number): number {
  if (position >= text.length) return 1;
  return (text.codePointAt(position) ?? 0) > 0xffff ? 2 : 1;
}
