import { settingNames, settings } from './settings.ts';

/** The `--help` text: every flag with its environment variable, default and expected form. */
export function operatorUsage(): string {
  const lines = [
    'Usage: ferry [flags]',
    '',
    'Ferry syncs secrets from external stores into Kubernetes Secrets.',
    'A flag wins over its environment variable, which wins over the default.',
    '',
    'Flags:',
  ];
  const synopses = settingNames.map((name) => {
    const { flag, placeholder } = settings[name];
    return placeholder === '' ? `--${flag}` : `--${flag} ${placeholder}`;
  });
  const width = Math.max(...synopses.map((synopsis) => synopsis.length));
  settingNames.forEach((name, index) => {
    const { env, description, expected } = settings[name];
    const fallback = settings[name].default;
    const sources = [
      env === undefined ? 'no environment variable' : `env ${env}`,
      fallback === undefined ? 'unset by default' : `default ${JSON.stringify(fallback)}`,
    ];
    lines.push(
      `  ${(synopses[index] ?? '').padEnd(width)}  ${sources.join(', ')}`,
      `      ${description}`,
      `      Expects ${expected}.`,
    );
  });
  lines.push('  -h, --help', '      Print this text and exit.');
  return `${lines.join('\n')}\n`;
}
