// kubectl-style flags for the offline commands: `-f FILE`, `-fFILE`, `--filename FILE`,
// `--filename=FILE`, `-o json`, `--strict`. Anything else is a usage error (exit 2).

export interface FlagSpec {
  long: string;
  short?: string;
  /** A flag with a value (`-f FILE`); otherwise a switch (`--strict`). */
  value?: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Each given flag's values by its long name; a switch has the value `true`. */
export type ParsedFlags = ReadonlyMap<string, readonly string[]>;

export function parseFlags(args: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const flags = new Map<string, string[]>();
  const add = (spec: FlagSpec, value: string) => {
    flags.set(spec.long, [...(flags.get(spec.long) ?? []), value]);
  };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    let spec: FlagSpec | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--') && arg.length > 2) {
      const equals = arg.indexOf('=');
      const name = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
      spec = specs.find((candidate) => candidate.long === name);
      if (equals !== -1) inline = arg.slice(equals + 1);
    } else if (arg.startsWith('-') && arg.length > 1 && arg !== '-') {
      spec = specs.find((candidate) => candidate.short === arg[1]);
      if (arg.length > 2) inline = arg.slice(arg[2] === '=' ? 3 : 2);
    } else {
      throw new UsageError(`unexpected argument "${arg}": name files with -f`);
    }
    if (!spec) throw new UsageError(`unknown flag "${arg}"`);
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`flag --${spec.long} takes no value`);
      add(spec, 'true');
      continue;
    }
    let value = inline;
    if (value === undefined) {
      index += 1;
      value = args[index];
    }
    if (value === undefined || value === '') throw new UsageError(`flag --${spec.long} needs a value`);
    add(spec, value);
  }
  return flags;
}

/** The one value of a flag (the last one given), or the fallback. */
export function lastValue(flags: ParsedFlags, long: string, fallback: string): string {
  return flags.get(long)?.at(-1) ?? fallback;
}

/** The value of `-o`, which must be one of `allowed`. */
export function outputFormat<T extends string>(flags: ParsedFlags, allowed: readonly T[], fallback: T): T {
  const value = lastValue(flags, 'output', fallback);
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`-o ${value}: expected one of ${allowed.join(', ')}`);
  return value as T;
}
