import { closestFlag as closestWord } from '../../config/index.ts';
import { UsageError } from './usage-error.ts';

/** One flag a command accepts. */
export interface FlagSpec {
  /** The long name without dashes: `namespace` for `--namespace`. */
  readonly name: string;
  /** One letter: `n` for `-n`. */
  readonly short?: string;
  /** For a flag that takes a value, its placeholder in the usage text (`NAMESPACE`); absent for a switch. */
  readonly value?: string;
  readonly description: string;
}

export interface ParsedCommandLine {
  /** Flags that take a value, by long name; the last occurrence wins, as in kubectl. */
  readonly values: ReadonlyMap<string, string>;
  /** Switches that were given (and not set to false), by long name. */
  readonly switches: ReadonlySet<string>;
  readonly positionals: readonly string[];
}

/**
 * Parses arguments the way kubectl (pflag) does: `--name value`, `--name=value`, `-n value`, `-nvalue`,
 * `-n=value`, combined switches (`-Ah`), flags anywhere among the positionals, `--` ends the flags.
 * Anything unknown is a UsageError that names the closest known flag.
 */
export function parseCommandLine(args: readonly string[], flags: readonly FlagSpec[]): ParsedCommandLine {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  const positionals: string[] = [];
  const byName = new Map(flags.map((flag) => [flag.name, flag]));
  const byShort = new Map(flags.flatMap((flag) => (flag.short ? [[flag.short, flag] as const] : [])));

  const set = (flag: FlagSpec, value: string | undefined, spelled: string): void => {
    if (flag.value === undefined) {
      if (value === undefined || value === 'true') switches.add(flag.name);
      else if (value === 'false') switches.delete(flag.name);
      else throw new UsageError(`${spelled} is a switch: it takes no value (or true/false), got "${value}"`);
      return;
    }
    if (value === undefined) throw new UsageError(`${spelled} needs a value: ${spelled} ${flag.value}`);
    values.set(flag.name, value);
  };

  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--') {
      positionals.push(...args.slice(index + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = splitOnce(arg.slice(2), '=');
      const flag = byName.get(name);
      if (!flag) throw unknownFlag(`--${name}`, flags);
      const takesNext = flag.value !== undefined && inline === undefined;
      set(flag, takesNext ? args[++index] : inline, `--${name}`);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // A cluster of one-letter flags; the first that takes a value takes the rest of the cluster.
      for (let position = 1; position < arg.length; position++) {
        const letter = arg.charAt(position);
        const flag = byShort.get(letter);
        if (!flag) throw unknownFlag(position === 1 ? arg : `-${letter}`, flags);
        if (flag.value === undefined) {
          set(flag, undefined, `-${letter}`);
          continue;
        }
        const rest = arg.slice(position + 1);
        const inline = rest.startsWith('=') ? rest.slice(1) : rest;
        set(flag, inline === '' ? args[++index] : inline, `-${letter}`);
        break;
      }
      continue;
    }
    positionals.push(arg);
  }
  return { values, switches, positionals };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function unknownFlag(spelled: string, flags: readonly FlagSpec[]): UsageError {
  const bare = spelled.replace(/^-+/, '').split('=')[0] ?? '';
  const names = flags.map((flag) => flag.name);
  const closest = spelled.startsWith('--') || bare.length > 1 ? closestWord(bare, names) : undefined;
  return new UsageError(
    closest ? `unknown flag ${spelled}; did you mean --${closest}?` : `unknown flag ${spelled}`,
  );
}

/** The flags section of a usage text: one aligned line per flag. */
export function describeFlags(flags: readonly FlagSpec[]): string {
  const spelled = flags.map(
    (flag) =>
      `${flag.short ? `-${flag.short}, ` : '    '}--${flag.name}${flag.value ? ` ${flag.value}` : ''}`,
  );
  const width = Math.max(...spelled.map((text) => text.length));
  return flags
    .map((flag, index) => `  ${(spelled[index] ?? '').padEnd(width)}   ${flag.description}`)
    .join('\n');
}
