import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = join(import.meta.dirname, '..', 'tools', 'provide-old-node.sh');

/** A Node.js older than package.json's engines allow (test/tools/provide-old-node.sh says which). */
export async function oldNodeBinary(): Promise<string> {
  const { stdout } = await run('bash', [script], { encoding: 'utf8' });
  return stdout.trim();
}
