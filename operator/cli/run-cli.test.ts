import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exitCode, type Command, type Io } from './command.ts';
import { commands } from './commands/index.ts';
import { runCli } from './run-cli.ts';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

const home = mkdtempSync(join(tmpdir(), 'ferry-cli-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Runs the CLI in-process, in an environment without any kubeconfig. */
async function ferry(args: string[], list: readonly Command[] = commands): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTerminal: false,
    env: { HOME: home },
    cwd: home,
    signal: new AbortController().signal,
    readStdin: () => Promise.resolve(''),
  };
  const code = await runCli(args, io, list, '1.2.3');
  return { code, stdout, stderr };
}

describe('ferry (dispatch, help, exit codes)', () => {
  it('prints the commands, the cluster flags and the exit codes for --help, -h, help and no arguments', async () => {
    for (const args of [['--help'], ['-h'], ['help'], []]) {
      const { code, stdout } = await ferry(args);
      expect(code).toBe(exitCode.ok);
      for (const text of [
        'status',
        'sync',
        'explain',
        '--kubeconfig',
        '--context',
        '--namespace',
        'Exit codes:',
      ])
        expect(stdout).toContain(text);
    }
  });

  it('prints a command’s usage for ferry CMD --help and ferry help CMD, without touching a cluster', async () => {
    const viaFlag = await ferry(['sync', 'app-db', '--help']);
    const viaHelp = await ferry(['help', 'sync']);
    expect(viaFlag).toEqual({ code: exitCode.ok, stdout: viaHelp.stdout, stderr: '' });
    expect(viaFlag.stdout).toContain('ferry sync NAME');
    expect(viaFlag.stdout).toContain('--timeout DURATION');
  });

  it('prints the version', async () => {
    expect(await ferry(['--version'])).toEqual({ code: exitCode.ok, stdout: 'ferry 1.2.3\n', stderr: '' });
  });

  it('rejects an unknown command with exit 2, suggesting the closest one', async () => {
    const { code, stderr } = await ferry(['stauts']);
    expect(code).toBe(exitCode.usage);
    expect(stderr).toBe(
      `error: unknown command "stauts"; did you mean "status"?\nSee 'ferry --help' for usage.\n`,
    );
    expect((await ferry(['deploy'])).stderr).toContain('unknown command "deploy"\n');
  });

  it('rejects an unknown flag with exit 2, suggesting the closest one and the command’s help', async () => {
    const { code, stderr } = await ferry(['status', '--all-namespace']);
    expect(code).toBe(exitCode.usage);
    expect(stderr).toBe(
      `error: unknown flag --all-namespace; did you mean --all-namespaces?\nSee 'ferry status --help' for usage.\n`,
    );
  });

  it.each([
    [['sync'], 'which ExternalSecret?'],
    [['sync', 'a', 'b'], 'one ExternalSecret at a time'],
    [['sync', 'a', '--timeout', 'soon'], '--timeout soon: expected a duration'],
    [['sync', 'a', '--timeout', '0'], 'must be longer than 0'],
    [['explain'], 'which ExternalSecret?'],
    [['status', 'a', '-A'], 'cannot be combined with --all-namespaces'],
    [['status', '-o', 'wide'], '-o wide: expected json or yaml'],
    [['status', '-n', ''], '--namespace needs a name'],
    [['-n', 'app', 'status'], 'the command comes first'],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stderr } = await ferry(args);
    expect(stderr).toContain(message);
    expect(code).toBe(exitCode.usage);
  });

  it('exits 3 with one line when there is no kubeconfig, or the one named does not exist', async () => {
    const none = await ferry(['status']);
    expect(none.code).toBe(exitCode.unavailable);
    expect(none.stderr).toBe(
      `error: no kubeconfig found: pass --kubeconfig FILE, set KUBECONFIG, or create ${join(home, '.kube', 'config')}\n`,
    );
    const missing = await ferry(['status', '--kubeconfig', join(home, 'nope')]);
    expect(missing.code).toBe(exitCode.unavailable);
    expect(missing.stderr).toMatch(/^error: cannot read the kubeconfig: .*nope: no such file\n$/);
  });

  it('exits 2 naming the contexts there are when --context names none of them', async () => {
    const kubeconfig = join(home, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:6443' } }],
        users: [{ name: 'u', user: { token: 'not-a-real-token' } }],
        contexts: [{ name: 'dev', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'dev',
      }),
    );
    const { code, stderr } = await ferry(['explain', 'x', '--kubeconfig', kubeconfig, '--context', 'prod']);
    expect(code).toBe(exitCode.usage);
    expect(stderr).toContain('--context prod: no such context in the kubeconfig (it has: dev)');
  });

  it('turns anything a command throws into exit 1 and one line', async () => {
    const broken: Command = {
      name: 'broken',
      summary: 'throws',
      usage: 'broken\n',
      run: () => Promise.reject(new Error('something unforeseen')),
    };
    expect(await ferry(['broken'], [broken])).toEqual({
      code: exitCode.failed,
      stdout: '',
      stderr: 'error: something unforeseen\n',
    });
  });
});
