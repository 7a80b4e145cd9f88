import { ConfigError } from './config-error.ts';
import { quoteValue } from './quote-value.ts';
import { readFlags } from './read-flags.ts';
import { operatorConfigSchema } from './schema.ts';
import type { OperatorConfig, SettingName } from './schema.ts';
import { settingNames, settings } from './settings.ts';

/**
 * The operator's configuration: each setting from its flag, else its environment variable, else its
 * default. Throws a ConfigError listing every problem. Check `helpRequested(argv)` first: a
 * `--help` here is accepted and otherwise ignored.
 */
export function parseOperatorConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): OperatorConfig {
  const flags = readFlags(argv);
  const merged: Partial<Record<SettingName, string>> = {};
  for (const name of settingNames) {
    const { env: variable, default: fallback } = settings[name];
    const value = flags.values[name] ?? environmentValue(env, variable) ?? fallback;
    if (value !== undefined) merged[name] = value;
  }

  const result = operatorConfigSchema.safeParse(merged);
  if (result.success && flags.problems.length === 0) return result.data;
  const invalid = new Set(result.error?.issues.map((issue) => issue.path[0]));
  const problems = [
    ...flags.problems,
    ...settingNames
      .filter((name) => invalid.has(name))
      .map((name) => invalidValueMessage(name, merged[name])),
  ];
  throw new ConfigError(describeProblems(problems));
}

/** Whether the command line asks for the usage text (`--help` or `-h`). */
export function helpRequested(argv: readonly string[]): boolean {
  return readFlags(argv).help;
}

// Manifests and Helm templates often render an unset value as an empty string: treat it as unset.
function environmentValue(
  env: Readonly<Record<string, string | undefined>>,
  variable: string | undefined,
): string | undefined {
  const value = variable === undefined ? undefined : env[variable];
  return value === '' ? undefined : value;
}

function invalidValueMessage(name: SettingName, value: string | undefined): string {
  const { flag, env, expected } = settings[name];
  const variable = env === undefined ? '' : ` (env ${env})`;
  return `invalid --${flag} ${quoteValue(value ?? '')}${variable}: expected ${expected}`;
}

function describeProblems(problems: readonly string[]): string {
  if (problems.length === 1 && problems[0] !== undefined) return problems[0];
  return [`${problems.length} problems with the operator's flags and environment:`, ...problems].join('\n  ');
}
