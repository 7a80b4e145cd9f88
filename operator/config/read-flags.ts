import { parseArgs } from 'node:util';
import type { ParseArgsOptionsConfig } from 'node:util';

import { closestFlag } from './closest-flag.ts';
import { quoteValue } from './quote-value.ts';
import type { SettingName } from './schema.ts';
import { settingNames, settings } from './settings.ts';

export interface FlagReading {
  values: Partial<Record<SettingName, string>>;
  help: boolean;
  /** One message per malformed argument; empty when the command line is well-formed. */
  problems: string[];
}

const settingByFlag = new Map(settingNames.map((name) => [settings[name].flag, name]));
const knownFlags = [...settingByFlag.keys(), 'help'];
const validFlagList = knownFlags.map((flag) => `--${flag}`).join(', ');

const options: ParseArgsOptionsConfig = {
  ...Object.fromEntries(
    settingNames.map((name) => [
      settings[name].flag,
      { type: settings[name].boolean ? 'boolean' : 'string' },
    ]),
  ),
  help: { type: 'boolean', short: 'h' },
};

/**
 * Reads the command line as strictly as parseArgs' strict mode, but from its tokens: strict mode
 * stops at the first problem with Node's wording and refuses `--leader-elect=false`, while this
 * reports every problem at once, names the likely intended flag, and accepts the `=value` form.
 */
export function readFlags(argv: readonly string[]): FlagReading {
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const reading: FlagReading = { values: {}, help: false, problems: [] };
  const reportedArguments = new Set<number>();
  // `--leader-elect false` parses as a bare switch followed by a stray "false"; remember the switch.
  let bareSwitch: string | undefined;
  // After `--concurency 3`, the "3" is the unknown flag's value: one problem, not two.
  let afterUnknownFlag = false;

  for (const token of tokens) {
    const previousBareSwitch = bareSwitch;
    const previousWasUnknown = afterUnknownFlag;
    bareSwitch = undefined;
    afterUnknownFlag = false;
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      if (!previousWasUnknown)
        reading.problems.push(unexpectedArgumentMessage(token.value, previousBareSwitch));
      continue;
    }
    if (token.name === 'help') {
      reading.help = true;
      continue;
    }
    const name = settingByFlag.get(token.name);
    if (name === undefined) {
      // `-namespace` arrives as nine short options from one argument; report the argument once.
      if (!reportedArguments.has(token.index)) {
        reportedArguments.add(token.index);
        reading.problems.push(unknownFlagMessage(argv[token.index] ?? token.rawName));
      }
      afterUnknownFlag = token.value === undefined;
      continue;
    }
    const { flag, placeholder } = settings[name];
    if (settings[name].boolean === true) {
      reading.values[name] = token.value ?? 'true';
      if (token.value === undefined) bareSwitch = token.rawName;
    } else if (token.value === undefined) {
      reading.problems.push(`flag --${flag} needs a value: --${flag}=${placeholder}`);
    } else if (!token.inlineValue && token.value.startsWith('-')) {
      reading.problems.push(
        `flag --${flag} is followed by ${quoteValue(token.value)} instead of a value: ` +
          `write --${flag}=${placeholder} (with "=" when the value starts with "-")`,
      );
    } else {
      reading.values[name] = token.value;
    }
  }
  return reading;
}

function unknownFlagMessage(argument: string): string {
  const written = argument.split('=')[0] ?? argument;
  const suggestion = closestFlag(written.replace(/^-+/, ''), knownFlags);
  const hint = suggestion === undefined ? '' : ` (did you mean --${suggestion}?)`;
  return `unknown flag ${written}${hint}: valid flags are ${validFlagList}`;
}

function unexpectedArgumentMessage(value: string, previousBareSwitch: string | undefined): string {
  const message = `unexpected argument ${quoteValue(value)}: Ferry takes only flags`;
  if (previousBareSwitch !== undefined) {
    return `${message}; to set ${previousBareSwitch}, write ${previousBareSwitch}=${value}`;
  }
  return `${message}, written --flag=value or --flag value`;
}
