import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs one of the project's provide scripts (env override, else the versioned cache, else a pinned
 * install into it) and returns the last line it prints: the path of what it provided. Its progress
 * goes to our stderr.
 */
export async function runProvideScript(script: URL, label: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [fileURLToPath(script)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const path = out.trim().split('\n').pop() ?? '';
      if (code === 0 && path) resolve(path);
      else reject(new Error(`${label}: provide script exited with ${String(code)}`));
    });
  });
}
