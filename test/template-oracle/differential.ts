// A table of cases rendered by Go (one oracle process for the table) and by Ferry, compared case by
// case. Used by test/template/*.test.ts.
import { beforeAll, describe, it } from 'vitest';
import { renderTemplate, type FunctionMap } from '../../operator/template/index.ts';
import { caseData, expectSameAsGo, ferryOutcome, type ErrorMatch } from './compare.ts';
import { runOracle, type OracleCase, type OracleResult } from './oracle.ts';

export interface DifferentialCase extends OracleCase {
  /** The test's title; defaults to the template. */
  title?: string;
  /** 'location' where Ferry words the reason its own way on purpose (say, to leave a value out). */
  errorMatch?: ErrorMatch;
}

/** Shorthand for a case over ESO's map[string]string data, with text/template's built-ins only. */
export function builtinCase(
  template: string,
  data: Record<string, string> = {},
  extra: Partial<DifferentialCase> = {},
): DifferentialCase {
  return { name: 't', template, data, funcs: 'none', ...extra };
}

/** Shorthand for a case over decoded JSON data (nested maps, lists, float64, nil). */
export function jsonCase(
  template: string,
  jsonData: unknown,
  extra: Partial<DifferentialCase> = {},
): DifferentialCase {
  return { name: 't', template, jsonData, funcs: 'none', ...extra };
}

function title(testCase: DifferentialCase, index: number): string {
  const text = testCase.title ?? JSON.stringify(testCase.template);
  return `#${index} ${text.length > 100 ? `${text.slice(0, 100)}…` : text}`;
}

export function describeDifferential(
  suite: string,
  cases: readonly DifferentialCase[],
  functions: FunctionMap = new Map(),
): void {
  describe(suite, () => {
    let results: OracleResult[] = [];
    beforeAll(async () => {
      results = await runOracle(cases);
    });
    cases.forEach((testCase, index) => {
      it(title(testCase, index), () => {
        const result = results[index];
        if (result === undefined) throw new Error('the oracle returned no result for this case');
        const { leftDelim = '', rightDelim = '' } = testCase;
        const delimiters = { left: leftDelim, right: rightDelim };
        const ferry = ferryOutcome(() =>
          renderTemplate(testCase.name, testCase.template, caseData(testCase), { functions, delimiters }),
        );
        expectSameAsGo(ferry, result, testCase.errorMatch);
      });
    });
  });
}
