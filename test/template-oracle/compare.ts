// Comparing Ferry's rendering of a case with Go's: outputs byte for byte; errors by phase and, unless
// a case says Ferry knowingly words the reason differently, by the whole message.
import { expect } from 'vitest';
import {
  GoMap,
  goStringToBytes,
  stringMap,
  TemplateError,
  type GoValue,
} from '../../operator/template/index.ts';
import type { OracleCase, OracleResult } from './oracle.ts';

export type FerryOutcome = { ok: true; output: string } | { ok: false; error: TemplateError };

/** Runs Ferry; a TemplateError is an outcome, anything else thrown is a bug and fails the test. */
export function ferryOutcome(render: () => string): FerryOutcome {
  try {
    return { ok: true, output: render() };
  } catch (error) {
    if (error instanceof TemplateError) return { ok: false, error };
    throw error;
  }
}

/** JSON as Go's encoding/json decodes it into interface{}: objects → map[string]interface{},
 * numbers → float64. */
export function goValueFromJson(json: unknown): GoValue {
  if (json === null || typeof json === 'string' || typeof json === 'boolean' || typeof json === 'number')
    return json;
  if (Array.isArray(json)) return json.map(goValueFromJson);
  if (typeof json === 'object') {
    return new GoMap(Object.entries(json).map(([key, value]) => [key, goValueFromJson(value)] as const));
  }
  throw new Error(`not JSON: ${typeof json}`);
}

/** The data a case executes over, as the oracle builds it. */
export function caseData(testCase: OracleCase): GoValue {
  return testCase.jsonData !== undefined
    ? goValueFromJson(testCase.jsonData)
    : stringMap(testCase.data ?? {});
}

/** How far Ferry's error must match Go's: the whole message, or (for messages Ferry redacts or words
 * its own way) the phase and the `template: NAME:LINE[:COL]: executing "X" at <...>:` prefix. */
export type ErrorMatch = 'message' | 'location';

const locationPrefix = /^template: [^:]*:\d+(?::\d+: executing "[^"]*" at <.*?>)?:/s;

export function expectSameAsGo(
  ferry: FerryOutcome,
  go: OracleResult,
  errorMatch: ErrorMatch = 'message',
): void {
  if (go.ok) {
    if (!ferry.ok)
      expect.fail(`Go rendered ${JSON.stringify(go.output)} but Ferry failed: ${ferry.error.message}`);
    const bytes = Buffer.from(goStringToBytes(ferry.output));
    // The text shows a readable difference; the base64 holds the comparison to every byte.
    expect({ text: bytes.toString('utf8'), base64: bytes.toString('base64') }).toEqual({
      text: go.bytes.toString('utf8'),
      base64: go.bytes.toString('base64'),
    });
    return;
  }
  if (ferry.ok)
    expect.fail(`Go failed (${go.phase}: ${go.error}) but Ferry rendered ${JSON.stringify(ferry.output)}`);
  expect(ferry.error.phase).toBe(go.phase);
  if (errorMatch === 'message') expect(ferry.error.message).toBe(go.error);
  else expect(locationPrefix.exec(ferry.error.message)?.[0]).toBe(locationPrefix.exec(go.error)?.[0]);
}
