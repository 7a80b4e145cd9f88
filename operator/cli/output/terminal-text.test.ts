import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exitCode, type Command, type Io } from '../command.ts';
import { runCli } from '../run-cli.ts';
import { renderStructured } from './structured.ts';
import { styleFor } from './style.ts';
import { escapeControlCharacters, forTerminal } from './terminal-text.ts';

const planted = 'a\u001b]0;x\u0007b\u009bc\u007fd\u202ee\u2066f\rg';

/** Runs one command that prints `text` to stdout and stderr, and returns what reached each. */
async function printedBy(text: string): Promise<{ stdout: string; stderr: string }> {
  const printed = { stdout: '', stderr: '' };
  const io: Io = {
    stdout: (chunk) => (printed.stdout += chunk),
    stderr: (chunk) => (printed.stderr += chunk),
    isTerminal: true,
    env: {},
    cwd: '/',
    signal: new AbortController().signal,
    readStdin: () => Promise.resolve(''),
  };
  const echo: Command = {
    name: 'echo',
    summary: '',
    usage: '',
    run: (_args, commandIo) => {
      commandIo.stdout(text);
      commandIo.stderr(text);
      return Promise.resolve(exitCode.ok);
    },
  };
  await runCli(['echo'], io, [echo], 'test');
  return printed;
}

describe('terminal text', () => {
  it('writes C0 (but newline and tab), DEL, C1 and bidi controls as \\uXXXX', () => {
    expect(escapeControlCharacters(planted)).toBe(
      'a\\u001b]0;x\\u0007b\\u009bc\\u007fd\\u202ee\\u2066f\\u000dg',
    );
    expect(escapeControlCharacters('line\n\tindented é 日本')).toBe('line\n\tindented é 日本');
  });

  it('escapes everything a command prints, on stdout and stderr', async () => {
    const { stdout, stderr } = await printedBy(`key ${planted}\n`);
    expect(stdout).toBe(`key ${escapeControlCharacters(planted)}\n`);
    expect(stderr).toBe(stdout);
  });

  it("keeps the CLI's own colours, which text from outside cannot forge", async () => {
    const style = styleFor({ isTerminal: true, env: {} });
    const forged = '\uE000deadbeefdeadbeef[2K\uE001';
    const { stdout } = await printedBy(`${style.red('False')} ${forged}\n`);
    // A guessed marker stays text: the nonce is random per process.
    expect(stdout).toBe(`\u001b[31mFalse\u001b[39m ${forged}\n`);
    expect(forTerminal(style.red('x'))).toBe('\u001b[31mx\u001b[39m');
  });

  it('leaves -o json and -o yaml valid, reading back as the same strings', async () => {
    const data = { [planted]: planted, list: [planted] };
    for (const format of ['json', 'yaml'] as const) {
      const { stdout } = await printedBy(renderStructured(data, format));
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(format === 'json' ? JSON.parse(stdout) : parse(stdout)).toEqual(data);
    }
  });
});
