import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const sourceEntry = join(import.meta.dirname, '..', '..', '..', 'operator', 'cli', 'main.ts');

/** What one run of the CLI printed and how it exited. */
export interface FerryRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A HOME without a ~/.kube/config (Debian's home of system users): every run names its kubeconfig. */
const home = '/nonexistent';

/**
 * Runs `ferry` as a user does, as a child process with its output piped: `node operator/cli/main.ts`
 * (or `command`, e.g. a built bundle run as an executable). TERM says the terminal could do colour,
 * so a test that finds no colour in piped output shows the CLI looked at stdout, not at TERM.
 */
export function ferry(
  args: readonly string[],
  options: { command?: readonly string[]; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<FerryRun> {
  const [file = process.execPath, ...leading] = options.command ?? [process.execPath, sourceEntry];
  const child = spawn(file, [...leading, ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: home, TERM: 'xterm-256color', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: options.timeoutMs ?? 90_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The rows of a tab-separated table as records keyed by its header line. */
export function tableRows(text: string): Record<string, string>[] {
  const [header = '', ...lines] = text.trimEnd().split('\n');
  const columns = header.split('\t');
  return lines.map((line) =>
    Object.fromEntries(line.split('\t').map((cell, index) => [columns[index] ?? '', cell])),
  );
}
