// Shared by the functions' unit tests (test-only: nothing else imports it).
import { sprint } from '../fmt.ts';
import { GoMap, type GoValue } from '../values.ts';
import { templateFunctions } from './index.ts';

/** The functions with the world pinned: the clock at the Unix epoch, randomness all zeros. */
export const pinnedFunctions = templateFunctions({
  now: () => new Date(0),
  randomBytes: (length) => new Uint8Array(length),
});

export const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

/** A map[string]interface{} from key, value, key, value, ... */
export function dict(...pairs: GoValue[]): GoMap {
  const map = new GoMap();
  for (let index = 0; index < pairs.length; index += 2)
    map.set(pairs[index] as string, pairs[index + 1] ?? null);
  return map;
}

/** Calls a function as a template action prints its result: nil as "<no value>", else with %v. */
export function render(name: string, args: GoValue[]): string {
  const fn = pinnedFunctions.get(name);
  if (fn === undefined) throw new Error(`no function ${name}`);
  const result = fn(...args);
  return result === null ? '<no value>' : sprint(result);
}

/** A golden row: `out` expects the printed result, `err` a thrown message containing the text. */
export type GoldenCase = ['out' | 'err', string, GoValue[], string];

/** Expects each row to hold. */
export function expectGolden(
  [kind, name, args, expected]: GoldenCase,
  check: typeof import('vitest').expect,
): void {
  if (kind === 'out') check(render(name, args)).toBe(expected);
  else check(() => render(name, args)).toThrow(expected);
}
