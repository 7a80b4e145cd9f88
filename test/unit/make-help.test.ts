// `make help` as a newcomer reads it: piped into a pager or a file it is plain text, on a terminal
// it is coloured, and in both the descriptions form one column.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '..', '..');
const escape = '\u001b';

function makeHelpPiped(): string {
  const { NO_COLOR: _ignored, ...env } = process.env;
  const result = spawnSync('make', ['--no-print-directory', 'help'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env,
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** The targets the Makefile documents with `## text`, in its order. */
function documentedTargets(): string[] {
  const makefile = readFileSync(join(repoRoot, 'Makefile'), 'utf8');
  return [...makefile.matchAll(/^([a-zA-Z_0-9-]+):.*## /gm)].map((match) => match[1] ?? '');
}

describe('make help', () => {
  it('is plain text when piped: no colour codes and no make escapes such as $$', () => {
    const output = makeHelpPiped();
    expect(output).not.toContain(escape);
    expect(output).not.toContain('$$');
    expect(output).toContain('KUBECONFIG');
  });

  it('lists every documented target and variable with its description in one column', () => {
    const lines = makeHelpPiped().split('\n');
    const targets = documentedTargets();
    expect(targets).toEqual(expect.arrayContaining(['run', 'test', 'dev-cluster', 'dev-cluster-down']));
    const variables = ['RUN_FLAGS', 'KUBECONFIG', 'OPERATOR_NODE_OPTIONS', 'N', 'PROVIDER', 'BURST'];
    const entries = [...targets, ...variables].map((name) => {
      const line = lines.find((candidate) => candidate.startsWith(`  ${name} `));
      expect(line, `an entry for ${name}`).toBeDefined();
      return line ?? '';
    });
    const descriptionColumns = entries.map((line) => /^ {2}\S+ +/.exec(line)?.[0].length);
    expect(new Set(descriptionColumns).size, entries.join('\n')).toBe(1);
    const runFlags = entries[targets.length] ?? '';
    expect(runFlags).toContain('FERRY_METRICS_ADDRESS');
  });

  it('is coloured on a terminal', () => {
    // script(1) gives make a pseudo-terminal, as a person's shell would.
    const { NO_COLOR: _ignored, ...env } = process.env;
    const result = spawnSync('script', ['-qec', 'make --no-print-directory help', '/dev/null'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...env, TERM: 'xterm' },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${escape}[36mrun`);
  });
});
