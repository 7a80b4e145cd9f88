// The values `semver` returns and their methods as a template calls them. Go's `semver` returns a
// *semver.Version; IncMajor, SetPrerelease and the like return a semver.Version (a struct value, not a
// pointer), and text/template cannot take the address of a method's result, so on those only the
// value-receiver methods exist: `(semver "1.2.3").IncMajor.Original` fails as in Go.
// Not provided: UnmarshalJSON and UnmarshalText, whose []byte parameter (only MarshalJSON and
// MarshalText make one) the parameter types do not model.
import { GoObject, type GoMethod, type GoValue } from '../values.ts';
import { method } from './signature.ts';
import { FunctionError } from './types.ts';
import {
  checkMetadata,
  checkPrerelease,
  compareVersions,
  deriveVersion,
  formatVersion,
  parseVersion,
  type SemanticVersion,
} from './semver-version.ts';

const encoder = new TextEncoder();

/** A Go error returned as a value (Scan's result), not as a failure: it prints its message. */
class GoErrorValue extends GoObject {
  readonly goType = '*errors.errorString';
  readonly message: string;
  constructor(message: string) {
    super();
    this.message = message;
  }
  override stringer(): string {
    return this.message;
  }
}

function asVersion(value: GoObject | null): SemanticVersion {
  // Go dereferences the nil pointer and the call panics; text/template reports the panic.
  if (!(value instanceof SemverVersion)) {
    throw new FunctionError('runtime error: invalid memory address or nil pointer dereference');
  }
  return value.version;
}

/** What *semver.Version and semver.Version share: String() and the value-receiver methods. */
abstract class SemverVersion extends GoObject {
  abstract get version(): SemanticVersion;

  override stringer(): string {
    return formatVersion(this.version);
  }

  override jsonValue(): GoValue {
    return formatVersion(this.version);
  }

  override methods(): ReadonlyMap<string, GoMethod> {
    const version = this.version;
    const { major, minor, patch, prerelease } = version;
    const derive = (changes: Parameters<typeof deriveVersion>[1]): SemverVersionValue =>
      new SemverVersionValue(deriveVersion(version, changes));
    return new Map([
      ['String', method('String', [], () => formatVersion(version))],
      ['Major', method('Major', [], () => version.major)],
      ['Minor', method('Minor', [], () => version.minor)],
      ['Patch', method('Patch', [], () => version.patch)],
      ['Prerelease', method('Prerelease', [], () => prerelease)],
      ['Metadata', method('Metadata', [], () => version.metadata)],
      // An increment drops pre-release and metadata; IncPatch of a pre-release only drops them.
      [
        'IncMajor',
        method('IncMajor', [], () => derive({ ...released, major: wrap(major + 1n), minor: 0n, patch: 0n })),
      ],
      ['IncMinor', method('IncMinor', [], () => derive({ ...released, minor: wrap(minor + 1n), patch: 0n }))],
      [
        'IncPatch',
        method('IncPatch', [], () =>
          derive({ ...released, patch: prerelease === '' ? wrap(patch + 1n) : patch }),
        ),
      ],
      [
        'SetPrerelease',
        method('SetPrerelease', ['string'], (text) => {
          if (text !== '') checkPrerelease(text);
          return derive({ prerelease: text });
        }),
      ],
      [
        'SetMetadata',
        method('SetMetadata', ['string'], (metadata) => {
          if (metadata !== '') checkMetadata(metadata);
          return derive({ metadata });
        }),
      ],
      [
        'MarshalJSON',
        method('MarshalJSON', [], () => encoder.encode(JSON.stringify(formatVersion(version)))),
      ],
      ['MarshalText', method('MarshalText', [], () => encoder.encode(formatVersion(version)))],
      ['Value', method('Value', [], () => formatVersion(version))],
    ]);
  }
}

const released = { prerelease: '', metadata: '' };

/** uint64 arithmetic wraps, as in Go. */
function wrap(value: bigint): bigint {
  return BigInt.asUintN(64, value);
}

/** A semver.Version struct value (what IncMajor and SetPrerelease return). */
export class SemverVersionValue extends SemverVersion {
  readonly goType = 'semver.Version';
  readonly #version: SemanticVersion;

  constructor(version: SemanticVersion) {
    super();
    this.#version = version;
  }

  get version(): SemanticVersion {
    return this.#version;
  }

  /** Go's == on the struct compares every field, the original text included. */
  override equals(other: GoObject): boolean {
    if (!(other instanceof SemverVersionValue)) return false;
    const [mine, theirs] = [this.#version, other.#version];
    return (Object.keys(mine) as (keyof SemanticVersion)[]).every((key) => mine[key] === theirs[key]);
  }
}

/** A *semver.Version (what `semver` returns): the value methods plus the pointer-receiver ones. */
export class SemverVersionPointer extends SemverVersion {
  readonly goType = '*semver.Version';
  // Scan replaces the version in place, as Go's pointer method does.
  #version: SemanticVersion;

  constructor(version: SemanticVersion) {
    super();
    this.#version = version;
  }

  get version(): SemanticVersion {
    return this.#version;
  }

  override methods(): ReadonlyMap<string, GoMethod> {
    const version = this.#version;
    const ordered = (name: string, test: (order: number) => boolean): [string, GoMethod] => [
      name,
      method(name, ['*semver.Version'], (other) => test(compareVersions(version, asVersion(other)))),
    ];
    return new Map([
      ...super.methods(),
      ['Original', method('Original', [], () => version.original)],
      [
        'Compare',
        method('Compare', ['*semver.Version'], (other) => BigInt(compareVersions(version, asVersion(other)))),
      ],
      ordered('LessThan', (order) => order < 0),
      ordered('LessThanEqual', (order) => order <= 0),
      ordered('GreaterThan', (order) => order > 0),
      ordered('GreaterThanEqual', (order) => order >= 0),
      [
        'Equal',
        method('Equal', ['*semver.Version'], (other) => {
          if (other === this) return true;
          return other !== null && compareVersions(version, asVersion(other)) === 0;
        }),
      ],
      ['Scan', method('Scan', ['interface {}'], (value) => this.scan(value))],
    ]);
  }

  /** Scan(interface{}) error: parses a string (anything else reads as ""); the error is its result. */
  private scan(value: GoValue): GoValue {
    try {
      this.#version = parseVersion(typeof value === 'string' ? value : '');
      return null;
    } catch (error) {
      if (error instanceof FunctionError) return new GoErrorValue(error.message);
      throw error;
    }
  }
}
