import type { GoValue } from './values.ts';

/**
 * A value with what Go's reflection would know of it: `iface` when Go holds it in an interface{}
 * (an element of a map[string]interface{} or a slice, not yet passed through a pipeline). That
 * changes a few errors: a nil there is a "nil pointer evaluating interface {}.x" rather than "nil
 * data", a field of it is sought "in type interface {}", and built-ins such as len and slice see the
 * interface. Go unwraps the interface when a pipeline ends, so a pipeline's result is never `iface`.
 */
export interface Slot {
  readonly value: GoValue;
  readonly iface: boolean;
}

export function concrete(value: GoValue): Slot {
  return { value, iface: false };
}
