// Randomly composed templates rendered by Go and by Ferry: the same output to the byte, or the same
// error message. The seed is fixed so that a failure reproduces; FERRY_TEMPLATE_FUZZ_SEED picks
// another set and FERRY_TEMPLATE_FUZZ_RUNS a larger one.
import { beforeAll, describe, expect, it } from 'vitest';
import { renderTemplate } from '../../operator/template/index.ts';
import {
  caseData,
  ferryOutcome,
  randomTemplateCases,
  runOracle,
  type OracleResult,
} from '../template-oracle/index.ts';

const seed = Number(process.env['FERRY_TEMPLATE_FUZZ_SEED'] ?? 20251122);
const runs = Number(process.env['FERRY_TEMPLATE_FUZZ_RUNS'] ?? 2000);
const cases = randomTemplateCases({ seed, runs });

/** Where Ferry knowingly words a message differently: it names a type where Go prints a value (which
 * may be a secret), and its template depth limit is lower than Go's. */
function normalise(message: string): string {
  return message
    .replace(/exceeded maximum template depth \(\d+\)/, 'exceeded maximum template depth')
    .replace(/(non-function|range can't iterate over|can't use|non-comparable types?) .*/s, '$1 (redacted)');
}

describe(`random templates over the built-ins (seed ${seed}, ${runs} runs)`, () => {
  let results: OracleResult[] = [];
  beforeAll(async () => {
    results = await runOracle(cases);
  });

  it('render as Go renders them, or fail with Go’s error', () => {
    const mismatches = cases.flatMap((testCase, index) => {
      const go = results[index];
      const ferry = ferryOutcome(() => renderTemplate('t', testCase.template, caseData(testCase)));
      const goText = go === undefined ? 'no result' : go.ok ? go.output : normalise(go.error);
      const ferryText = ferry.ok ? ferry.output : normalise(ferry.error.message);
      const same = go?.ok === ferry.ok && goText === ferryText;
      return same ? [] : [{ template: testCase.template, go: goText, ferry: ferryText }];
    });
    expect(mismatches).toEqual([]);
  });

  it('include templates that render, not only ones that fail', () => {
    expect(results.filter((result) => result.ok).length).toBeGreaterThan(runs / 10);
  });
});
