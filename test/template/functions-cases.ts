// What the differential tests of Sprig's functions share: the functions, on a pinned clock and
// random source, and a shorthand for a case that Go renders with Sprig.
import { templateFunctions } from '../../operator/template/index.ts';
import type { DifferentialCase } from '../template-oracle/index.ts';

export const functions = templateFunctions({
  now: () => new Date('2024-01-02T03:04:05Z'),
  randomBytes: (length) => new Uint8Array(length).fill(7),
});

/** A case over ESO's map[string]string data, with Sprig's functions on both sides. */
export function sprig(
  template: string,
  data: Record<string, string> = {},
  extra: Partial<DifferentialCase> = {},
): DifferentialCase {
  return { name: 't', template, data, funcs: 'sprig', ...extra };
}
