import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freeLoopbackPort } from '../controlplane/index.ts';

const sourceMain = join(import.meta.dirname, '..', '..', 'operator', 'main.ts');

/** One JSON log line of the operator. */
export type LogEntry = Record<string, unknown> & { msg?: string; level?: string };

/** The real operator as a child process, the way `make run` starts it, with its output captured. */
export class OperatorProcess {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly healthUrl: string;
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  private constructor(args: string[], env: NodeJS.ProcessEnv, port: number, entry: string) {
    this.healthUrl = `http://127.0.0.1:${port}`;
    this.child = spawn(process.execPath, [entry, `--metrics-address=127.0.0.1:${port}`, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout
      ?.setEncoding('utf8')
      .on('data', (chunk: string) => this.stdout.push(...chunk.split('\n').filter(Boolean)));
    this.child.stderr
      ?.setEncoding('utf8')
      .on('data', (chunk: string) => this.stderr.push(...chunk.split('\n').filter(Boolean)));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** `entry`: the operator's sources (default), or a production build such as dist/main.mjs. */
  static async start(
    args: string[],
    env: NodeJS.ProcessEnv = {},
    entry: string = sourceMain,
  ): Promise<OperatorProcess> {
    const port = await freeLoopbackPort();
    // A minimal environment: nothing of the test runner's leaks in (no KUBECONFIG by accident).
    const base = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' };
    return new OperatorProcess(args, { ...base, ...env }, port, entry);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Parsed JSON log lines (non-JSON lines are skipped). */
  logs(): LogEntry[] {
    return this.stdout.flatMap((line) => {
      try {
        return [JSON.parse(line) as LogEntry];
      } catch {
        return [];
      }
    });
  }

  async get(path: string, timeoutMs = 2_000): Promise<{ status: number; body: string }> {
    const response = await fetch(`${this.healthUrl}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await response.text() };
  }

  /** Sends a signal and waits for the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    this.child.kill(signal);
    const result = await Promise.race([this.exited, sleep(timeoutMs).then(() => 'timeout' as const)]);
    if (result === 'timeout') {
      this.child.kill('SIGKILL');
      throw new Error(`operator did not exit within ${timeoutMs} ms of ${signal}`);
    }
    return result;
  }

  waitForExit(): Promise<number | null> {
    return this.exited;
  }
}
