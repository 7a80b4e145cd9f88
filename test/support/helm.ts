import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

const run = promisify(execFile);
const repoRoot = join(import.meta.dirname, '..', '..');
export const chartDir = join(repoRoot, 'config', 'helm', 'ferry');
let binary: Promise<string> | undefined;
// Helm's cache, config and data directories: nothing of the developer's own helm setup
// (repositories, plugins, a kubeconfig) is read, and nothing is written into their home.
let home: string | undefined;

/** The pinned helm, built once from the Go module proxy into the tool cache (test/tools/). */
export function helmBinary(): Promise<string> {
  binary ??= run('bash', [join(repoRoot, 'test', 'tools', 'provide-go-tool.sh'), 'helm'], {
    encoding: 'utf8',
  }).then(({ stdout }) => stdout.trim());
  return binary;
}

export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs helm with `args`; never throws for a non-zero exit, which the caller asserts. */
export async function helm(args: string[]): Promise<HelmResult> {
  const command = await helmBinary();
  try {
    const { stdout, stderr } = await run(command, args, {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: (home ??= mkdtempSync(join(tmpdir(), 'ferry-helm-home-'))),
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? String(error),
    };
  }
}

export function parseObjects(text: string): KubernetesObject[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as KubernetesObject | null)
    .filter((object): object is KubernetesObject => object !== null);
}

/**
 * `helm template <release> config/helm/ferry -n <namespace> [--set ...]`, as objects; throws with
 * helm's message when it fails.
 */
export async function helmTemplate(
  release: { name: string; namespace: string },
  set: Record<string, string | number | boolean> = {},
  extraArgs: string[] = [],
): Promise<KubernetesObject[]> {
  const setArgs = Object.entries(set).flatMap(([key, value]) => ['--set', `${key}=${String(value)}`]);
  const result = await helm([
    'template',
    release.name,
    chartDir,
    '--namespace',
    release.namespace,
    ...setArgs,
    ...extraArgs,
  ]);
  if (result.code !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  return parseObjects(result.stdout);
}
