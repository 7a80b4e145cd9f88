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
//   a struct, or a pointer to one        GoObject        – Sprig's certificate, *semver.Version, time.Time
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

export type GoValue = null | string | boolean | bigint | number | Uint8Array | GoValue[] | GoMap | GoObject;

/** A method as text/template calls it: `.Major`, `.Format "2006"`. Parameter types are the Go type
 * names of functions/signature.ts (declared there, as GoParameterType; build methods with its
 * `method()` helper). */
export interface GoMethod {
  readonly signature: { readonly parameters: readonly string[]; readonly variadic?: string | undefined };
  readonly call: (...args: GoValue[]) => GoValue;
}

/** A value of a Go struct type (or a pointer to one) that a function returns and templates pass
 * on to other functions: `(genCA "ca" 365).Cert`, `(semver "1.2.3").Major`, `now.Year`. A subclass
 * per Go type keeps the native data its functions need; this base is what the executor, fmt, the
 * comparisons and JSON see. */
export abstract class GoObject {
  /** The Go type as `%T` prints it and parameter types name it: 'sprig.certificate', '*semver.Version', 'time.Time'. */
  abstract readonly goType: string;

  /** Exported fields in declaration order: `.Cert` reads one; fmt prints them as `{a b}`. */
  fields(): ReadonlyMap<string, GoValue> {
    return new Map();
  }

  /** Exported methods; a field of the same name wins, as Go cannot have both. */
  methods(): ReadonlyMap<string, GoMethod> {
    return new Map();
  }

  /** For a named integer type (time.Month, time.Duration): its number and reflect kind, which
   * printf's integer verbs, comparisons, truth, `empty` and `kindOf` see through the name. */
  namedInteger(): { value: bigint; kind: 'int' | 'int64' } | undefined {
    return undefined;
  }

  /** The result of the type's String() method (fmt.Stringer), if it has one: `%v` and `%s` print it. */
  stringer(): string | undefined {
    return undefined;
  }

  /** What encoding/json writes for the value (its MarshalJSON, if it has one); by default the exported fields. */
  jsonValue(): GoValue {
    return new GoMap(this.fields());
  }

  /** Go's `==` for two values of this type (`eq`): pointers compare by identity, structs field by field. */
  equals(other: GoObject): boolean {
    if (this.goType.startsWith('*')) return this === other;
    const mine = [...this.fields().values()];
    const theirs = [...other.fields().values()];
    return mine.length === theirs.length && mine.every((value, index) => value === theirs[index]);
  }
}

/** The map[string]string ESO executes templates over (`.password`, `index . "tls.crt"`). */
export function stringMap(data: Readonly<Record<string, string>>): GoMap {
  return new GoMap(Object.entries(data), '');
}
