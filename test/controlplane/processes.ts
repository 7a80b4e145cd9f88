import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** A component process started by the harness: its PID is all we need to stop it. */
export interface ComponentProcess {
  name: string;
  pid: number;
  logFile: string;
  /** How it was started, so a test can stop it and start it again the same way. */
  binary: string;
  args: string[];
  detached: boolean;
}

/**
 * Starts a binary with stdout and stderr appended to a log file. `detached` processes outlive the
 * caller (for `make dev-cluster`); attached ones die with a test run that is killed outright.
 */
export function startComponent(
  name: string,
  binary: string,
  args: string[],
  logFile: string,
  options: { detached: boolean },
): ComponentProcess {
  const log = openSync(logFile, 'a');
  try {
    const child = spawn(binary, args, { stdio: ['ignore', log, log], detached: options.detached });
    if (child.pid === undefined) throw new Error(`${name}: could not start ${binary}`);
    if (options.detached) child.unref();
    return { name, pid: child.pid, logFile, binary, args, detached: options.detached };
  } finally {
    closeSync(log);
  }
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means it exists but is not ours; treat as running so we never reuse its slot blindly.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** SIGTERM, then SIGKILL after the grace period; resolves once the PID is gone. */
export async function stopProcess(pid: number, graceMs = 10_000): Promise<void> {
  if (!isRunning(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (isRunning(pid) && Date.now() < deadline) await sleep(50);
  if (isRunning(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      return;
    }
    while (isRunning(pid)) await sleep(20);
  }
}
