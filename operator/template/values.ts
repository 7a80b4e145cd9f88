// The values a template works with, modelled on the Go values text/template and Sprig see, so that
// printing, comparison and truthiness can follow Go exactly. Go's static types matter to the output
// (`{{ 3 }}` and `{{ 3.0 }}` both print "3", but `printf "%d" 3.0` does not), so the model keeps the
// distinctions Go's fmt and Sprig act on and no more:
//
//   Go                                  here
//   nil (untyped, or a nil interface)   null
//   string                              string
//   bool                                boolean
//   int, int64 (any integer kind)       bigint          – template literals 3, 0x1F; Sprig's add/len/…
//   float64                             number          – template literals 3.0, 1e3; fromJson numbers
//   []byte                              Uint8Array
//   []T, []interface{}                  GoValue[]       – list, splitList, fromJson arrays, …
//   map[string]T                        GoMap           – the data, dict, fromJson objects, …
//
// Maps are GoMap (a Map, never a plain object) so that keys such as `__proto__` or `constructor`
// coming from a remote secret are just keys.

/** A Go map with string keys. `zero` is the element type's zero value, which Go's `index` returns
 * for a missing key: "" for the map[string]string ESO templates execute over, null (nil) for
 * map[string]interface{}. */
export class GoMap extends Map<string, GoValue> {
  readonly zero: GoValue;

  constructor(entries?: Iterable<readonly [string, GoValue]>, zero: GoValue = null) {
    super(entries);
    this.zero = zero;
  }
}

export type GoValue = null | string | boolean | bigint | number | Uint8Array | GoValue[] | GoMap;

/** The map[string]string ESO executes templates over (`.password`, `index . "tls.crt"`). */
export function stringMap(data: Readonly<Record<string, string>>): GoMap {
  return new GoMap(Object.entries(data), '');
}
