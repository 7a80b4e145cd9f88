// The container image, checked without a Docker engine: the Dockerfile and its build context as
// BuildKit's own parser and the Docker CLI's .dockerignore matcher read them, and the image's
// contents — a production build and the production dependencies only, nothing else — running under
// the image's command with the Deployment's environment, syncing, and loading each cloud SDK.
import { execFile } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { KubernetesObject, V1Deployment } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freeLoopbackPort } from '../../controlplane/index.ts';
import {
  adminKubeconfigPath,
  adminKubeConfig,
  createTestNamespace,
  deleteNamespace,
} from '../../support/cluster.ts';
import { containerSettings } from '../../support/deployed-operator.ts';
import { syncFakeExample } from '../../support/fake-example.ts';
import { applyObjects, loadExample } from '../../support/manifests.ts';
import { stopAndCheckOutput } from '../../support/namespaced-operator.ts';
import { OperatorProcess } from '../../support/operator-process.ts';
import { decoded, eventually } from '../../support/waiting.ts';

const run = promisify(execFile);
const repoRoot = join(import.meta.dirname, '..', '..', '..');

interface ParsedCommand {
  name: string;
  original: string;
  args?: string[];
  shellForm?: boolean;
  from?: string;
  chown?: string;
  sources?: string[];
  dest?: string;
  env?: Record<string, string>;
}
interface ParsedDockerfile {
  stages: { name: string; baseName: string; commands: ParsedCommand[] }[];
  warnings: { rule: string; message: string; line: number }[];
  context: string[];
}

async function parseDockerfile(): Promise<ParsedDockerfile> {
  const provide = join(import.meta.dirname, 'dockerfile-check', 'provide.sh');
  const binary = (await run('bash', [provide], { encoding: 'utf8' })).stdout.trim();
  const { stdout } = await run(binary, ['--context', repoRoot, join(repoRoot, 'Dockerfile')], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as ParsedDockerfile;
}

/** `npm run build` as package.json has it, but into `outDir`: dist/ may be rebuilt by other tests. */
async function buildBundle(outDir: string): Promise<void> {
  const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: { build: string };
  };
  // Every mention of dist as a path (--outdir=dist, dist/...) becomes outDir.
  const command = scripts.build.replaceAll(/(?<=[\s=])dist(?=[\s/]|$)/g, outDir);
  if (!command.includes(`--outdir=${outDir}`)) throw new Error(`unexpected build script: ${scripts.build}`);
  await run('sh', ['-c', command], {
    cwd: repoRoot,
    env: { ...process.env, PATH: `${join(repoRoot, 'node_modules', '.bin')}:${process.env['PATH'] ?? ''}` },
  });
}

/**
 * node_modules as `npm prune --omit=dev` leaves it: every package of the lockfile not marked dev,
 * hard-linked from the installed tree (no copy, no registry), each without its nested node_modules,
 * which are packages of their own in the lockfile.
 */
function productionNodeModules(root: string): number {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  const production = Object.entries(lock.packages).filter(([path, entry]) => path !== '' && !entry.dev);
  const linkTree = (from: string, to: string): void => {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      if (entry.isDirectory()) linkTree(join(from, entry.name), join(to, entry.name));
      else if (entry.isFile()) linkSync(join(from, entry.name), join(to, entry.name));
    }
  };
  for (const [path] of production) linkTree(join(repoRoot, path), join(root, path));
  return production.length;
}

describe('the container image (Dockerfile, build context, and its contents running)', () => {
  let parsed: ParsedDockerfile;

  beforeAll(async () => {
    parsed = await parseDockerfile();
  });

  it('parses with BuildKit, with no warning', () => {
    expect(parsed.warnings).toEqual([]);
    expect(parsed.stages.map((stage) => stage.name)).toEqual(['build', '']);
  });

  it('builds with Node.js 24 and keeps only the production dependencies', () => {
    const [build] = parsed.stages;
    expect(build?.baseName).toMatch(/^node:24\.\d+\.\d+-/);
    const runs =
      build?.commands.filter((command) => command.name === 'run').flatMap((command) => command.args) ?? [];
    expect(runs.join(' && ')).toMatch(/npm ci.*npm run build.*npm prune --omit=dev/);
    expect(build?.baseName.split(':')[1]?.split('-')[0]).toBe(
      readFileSync(join(repoRoot, '.node-version'), 'utf8').trim(),
    );
  });

  it('runs as a numeric non-root user on a Node.js 24 image with nothing that needs a shell', () => {
    const final = parsed.stages.at(-1);
    expect(final?.baseName).toMatch(/^gcr\.io\/distroless\/nodejs24-debian\d+:nonroot$/);
    const commands = final?.commands ?? [];
    expect(commands.filter((command) => command.name === 'run')).toEqual([]);
    expect(commands.find((command) => command.name === 'user')?.args).toEqual(['65532:65532']);
    const entrypoint = commands.find((command) => command.name === 'entrypoint');
    expect(entrypoint).toMatchObject({ args: ['/nodejs/bin/node', 'dist/main.mjs'] });
    expect(entrypoint?.shellForm).toBeUndefined();
    expect(commands.filter((command) => command.name === 'copy')).toEqual(
      ['/src/package.json', '/src/node_modules', '/src/dist'].map((source): unknown =>
        expect.objectContaining({ from: 'build', sources: [source] }),
      ),
    );
    // Files stay root's: the operator cannot rewrite its own code.
    expect(commands.filter((command) => command.chown)).toEqual([]);
  });

  it('sends a build context of the sources only, holding everything the build stage copies', () => {
    const context = new Set(parsed.context);
    expect([...context].filter((file) => !file.startsWith('operator/')).sort()).toEqual([
      '.npmrc',
      'package-lock.json',
      'package.json',
      'tsconfig.json',
    ]);
    expect(context).toContain('operator/main.ts');
    expect([...context].filter((file) => file.endsWith('.test.ts'))).toEqual([]);
    const sources = parsed.stages[0]?.commands
      .filter((command) => command.name === 'copy')
      .flatMap((c) => c.sources);
    for (const source of sources ?? []) {
      expect(
        [...context].some((file) => file === source || file.startsWith(`${source ?? ''}/`)),
        source,
      ).toBe(true);
    }
  });
});

describe('the image contents under the image command and the Deployment environment', () => {
  const admin = adminKubeConfig();
  const planted = ['fake-password-123', 'fake-api-token'];
  let root: string;
  let namespace: string;
  let operator: OperatorProcess | undefined;

  beforeAll(async () => {
    // The image's /app, outside the repository so that nothing resolves from its node_modules.
    root = mkdtempSync(join(tmpdir(), 'ferry-image-'));
    await buildBundle(join(root, 'dist'));
    expect(productionNodeModules(root)).toBeGreaterThan(0);
    copyFileSync(join(repoRoot, 'package.json'), join(root, 'package.json'));
    const parsed = await parseDockerfile();
    const final = parsed.stages.at(-1)?.commands ?? [];
    const [, script] = final.find((command) => command.name === 'entrypoint')?.args ?? [];
    const imageEnv = Object.assign({}, ...final.map((command) => command.env ?? {})) as Record<
      string,
      string
    >;
    namespace = await createTestNamespace(admin, 'image');
    const deployment = parse(
      readFileSync(join(repoRoot, 'config', 'manager', 'manager.yaml'), 'utf8'),
    ) as V1Deployment;
    const { args, env } = containerSettings(deployment, { namespace, name: 'ferry-image-test' });
    operator = await OperatorProcess.start(
      [...args, `--kubeconfig=${adminKubeconfigPath()}`, `--namespace=${namespace}`],
      { ...imageEnv, ...env },
      join(root, script ?? 'missing-entrypoint'),
    );
    await vi.waitFor(async () => expect((await operator?.get('/readyz'))?.status).toBe(200), eventually);
  });

  afterAll(async () => {
    if (operator) await stopAndCheckOutput(operator, planted);
    if (namespace) await deleteNamespace(admin, namespace);
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('holds dist/, the production node_modules and package.json, and no dev dependency', () => {
    expect(readdirSync(root).sort()).toEqual(['dist', 'node_modules', 'package.json']);
    for (const devOnly of ['vitest', 'esbuild', 'typescript', 'eslint']) {
      expect(readdirSync(join(root, 'node_modules'))).not.toContain(devOnly);
    }
  });

  it('syncs examples/fake', async () => {
    const { secret } = await syncFakeExample(admin, namespace);
    expect(decoded(secret)).toMatchObject({
      password: 'fake-password-123',
    });
  });

  it('loads each cloud SDK from the production dependencies when a store first needs it', async () => {
    // Stores pointed at a loopback port where nothing listens: each must get as far as its SDK's
    // first request (a connection refused), which it cannot without loading the SDK.
    const closed = `http://127.0.0.1:${String(await freeLoopbackPort())}`;
    const objects: KubernetesObject[] = [
      ...loadExample('aws/secret-store-moto.yaml', namespace),
      ...loadExample('vault/secret-store-openbao-dev.yaml', namespace),
      ...loadExample('gcpsm/secret-store-emulator.yaml', namespace),
    ].map(
      (object) =>
        JSON.parse(
          JSON.stringify(object).replaceAll(/http:\/\/127\.0\.0\.1:\d+/g, closed),
        ) as KubernetesObject,
    );
    await applyObjects(admin, objects);
    const stores = objects
      .filter((object) => object.kind === 'SecretStore')
      .map((object) => object.metadata?.name ?? '');
    expect(stores).toHaveLength(3);
    const metrics = await vi.waitFor(async () => {
      const text = (await operator?.get('/metrics'))?.body ?? '';
      for (const provider of ['aws', 'vault', 'gcpsm']) {
        expect(text).toMatch(
          new RegExp(
            `^ferry_provider_calls_total\\{provider="${provider}",operation="validate",result="(?!ok")`,
            'm',
          ),
        );
      }
      return text;
    }, eventually);
    expect(metrics).not.toMatch(/Cannot find|ERR_MODULE_NOT_FOUND/);
    const output = [...(operator?.stdout ?? []), ...(operator?.stderr ?? [])].join('\n');
    expect(output).not.toMatch(/Cannot find (package|module)|ERR_MODULE_NOT_FOUND/);
  });
});
