// What functions that can build far more than they are given check before they build: one call must
// not allocate past the rendering's memory budget before the executor sees its result.
import { writtenBytes, type RenderBudget } from '../render-budget.ts';
import type { GoValue } from '../values.ts';
import { budgeted, type FunctionDefinition } from './signature.ts';

/** A function that writes out its first argument in full (toJson, toYaml, deepCopy): reserves that size first. */
export function reservingWrittenSize(definition: FunctionDefinition): FunctionDefinition {
  return budgeted((budget) => ({
    ...definition,
    implementation: (value: GoValue, ...rest: GoValue[]) => {
      budget.reserveMemory(writtenBytes(value));
      return definition.implementation(value, ...rest);
    },
  }));
}

/** Reserves `count` × `size` bytes, in bigint so a huge count cannot wrap or lose precision. */
export function reserveRepeated(budget: RenderBudget, count: bigint, size: number): void {
  if (count <= 0n || size === 0) return;
  const bytes = count * BigInt(size);
  budget.reserveMemory(bytes > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(bytes));
}
