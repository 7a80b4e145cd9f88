import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

const run = promisify(execFile);
const repoRoot = join(import.meta.dirname, '..', '..');
let binary: Promise<string> | undefined;

/** The pinned kustomize, built once from the Go module proxy into the tool cache (test/tools/). */
export function kustomizeBinary(): Promise<string> {
  binary ??= run('bash', [join(repoRoot, 'test', 'tools', 'provide-go-tool.sh'), 'kustomize'], {
    encoding: 'utf8',
  }).then(({ stdout }) => stdout.trim());
  return binary;
}

/** `kustomize build <dir>` (a path relative to the repository root, or absolute), as objects. */
export async function kustomizeBuild(dir: string): Promise<KubernetesObject[]> {
  const { stdout } = await run(await kustomizeBinary(), ['build', dir], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return parseAllDocuments(stdout)
    .map((document) => document.toJS() as KubernetesObject | null)
    .filter((object): object is KubernetesObject => object !== null);
}
