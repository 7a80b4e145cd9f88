import type { GoValue } from '../values.ts';

/**
 * A function a template can call by name. Arguments arrive already evaluated (Go's `and`/`or`
 * short-circuit, so those two are part of the executor, not functions). A function that fails throws
 * FunctionError; the executor adds the template name, position and function name, as Go's
 * `error calling NAME: ...` does.
 */
export type TemplateFunction = (...args: GoValue[]) => GoValue;

export type FunctionMap = ReadonlyMap<string, TemplateFunction>;

/** What functions that depend on the world (now, randomness) read it through, so tests can pin it. */
export interface FunctionEnvironment {
  now(): Date;
  randomBytes(length: number): Uint8Array;
}

/** A function's own failure. Its message must never contain the values being rendered: it names
 * what was wrong (`illegal base64 data at input byte 4`, `wrong type for value; expected string; got
 * int`), as Go's messages do. */
export class FunctionError extends Error {
  override readonly name = 'FunctionError';
}
