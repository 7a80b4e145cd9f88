import { describe, expect, it } from 'vitest';
import { describeFlags, parseCommandLine, type FlagSpec } from './parse-flags.ts';
import { UsageError } from './usage-error.ts';

const flags: FlagSpec[] = [
  { name: 'namespace', short: 'n', value: 'NAMESPACE', description: 'The namespace.' },
  { name: 'all-namespaces', short: 'A', description: 'Every namespace.' },
  { name: 'output', short: 'o', value: 'FORMAT', description: 'json or yaml.' },
  { name: 'no-wait', description: 'Do not wait.' },
];

function parse(...args: string[]): {
  values: Record<string, string>;
  switches: string[];
  positionals: string[];
} {
  const parsed = parseCommandLine(args, flags);
  return {
    values: Object.fromEntries(parsed.values),
    switches: [...parsed.switches].sort(),
    positionals: [...parsed.positionals],
  };
}

describe('parseCommandLine', () => {
  it.each([
    [['-n', 'app'], 'app'],
    [['-napp'], 'app'],
    [['-n=app'], 'app'],
    [['--namespace', 'app'], 'app'],
    [['--namespace=app'], 'app'],
    [['--namespace=a=b'], 'a=b'],
    [['-n', 'first', '-n', 'second'], 'second'],
  ])('reads a value flag spelled %j as kubectl does', (args, namespace) => {
    expect(parse(...args).values).toEqual({ namespace });
  });

  it('takes flags anywhere among the positionals, and everything after -- as positionals', () => {
    expect(parse('a', '-A', 'b', '--', '-n', 'c')).toEqual({
      values: {},
      switches: ['all-namespaces'],
      positionals: ['a', 'b', '-n', 'c'],
    });
  });

  it('reads a cluster of one-letter flags, the last of which may take the rest as its value', () => {
    expect(parse('-Aojson')).toEqual({
      values: { output: 'json' },
      switches: ['all-namespaces'],
      positionals: [],
    });
    expect(parse('-Ao', 'yaml').values).toEqual({ output: 'yaml' });
  });

  it('accepts true and false for a switch', () => {
    expect(parse('--no-wait=true').switches).toEqual(['no-wait']);
    expect(parse('--no-wait', '--no-wait=false').switches).toEqual([]);
  });

  it('names the closest flag when one is mistyped', () => {
    expect(() => parse('--namspace', 'x')).toThrow(
      new UsageError('unknown flag --namspace; did you mean --namespace?'),
    );
    expect(() => parse('--all-namespace')).toThrow('did you mean --all-namespaces?');
    expect(() => parse('--nothing-like-it')).toThrow(new UsageError('unknown flag --nothing-like-it'));
    expect(() => parse('-x')).toThrow(new UsageError('unknown flag -x'));
    expect(() => parse('-Ax')).toThrow(new UsageError('unknown flag -x'));
  });

  it('rejects a value flag without its value and a switch with one', () => {
    expect(() => parse('-n')).toThrow(new UsageError('-n needs a value: -n NAMESPACE'));
    expect(() => parse('--output')).toThrow(new UsageError('--output needs a value: --output FORMAT'));
    expect(() => parse('--no-wait=soon')).toThrow('--no-wait is a switch');
  });

  it('treats a lone dash as a positional', () => {
    expect(parse('-').positionals).toEqual(['-']);
  });
});

describe('describeFlags', () => {
  it('lines up the flags and their descriptions', () => {
    expect(describeFlags(flags)).toBe(
      [
        '  -n, --namespace NAMESPACE   The namespace.',
        '  -A, --all-namespaces        Every namespace.',
        '  -o, --output FORMAT         json or yaml.',
        '      --no-wait               Do not wait.',
      ].join('\n'),
    );
  });
});
