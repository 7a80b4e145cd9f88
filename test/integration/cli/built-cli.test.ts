// The `ferry` CLI from the production build (package.json "build": the operator and the CLI as two
// entry points of one esbuild run), run the way npm's bin links and kubectl's plugin mechanism run
// it: as an executable found on PATH. Built into a directory of its own, so that it never races
// production-build.test.ts, which builds into dist/.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  mkdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminKubeConfig,
  adminKubeconfigPath,
  createTestNamespace,
  deleteNamespace,
} from '../../support/cluster.ts';
import { applyObjects } from '../../support/manifests.ts';
import { oldNodeBinary } from '../../support/old-node.ts';
import { ferry, tableRows } from './ferry-process.ts';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
  engines: { node: string };
  bin: Record<string, string>;
  scripts: { build: string };
};

describe('the ferry CLI of the production build', () => {
  const admin = adminKubeConfig();
  const outdir = mkdtempSync(join(tmpdir(), 'ferry-cli-build-'));
  const binDir = join(outdir, 'bin');
  let namespace: string;

  /** Where a package.json bin target (dist/...) lands in this build's directory. */
  const built = (target: string): string => join(outdir, relative('dist', target));

  beforeAll(async () => {
    const script = packageJson.scripts.build;
    const relocated = script
      .replace('--outdir=dist ', `--outdir=${outdir} `)
      .replaceAll(' dist/', ` ${outdir}/`);
    expect(relocated).not.toMatch(/[ =]dist\//);
    const build = spawnSync('sh', ['-c', relocated], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${join(repoRoot, 'node_modules', '.bin')}:${process.env['PATH'] ?? ''}` },
    });
    expect(build.status, build.stderr).toBe(0);
    // What `npm install -g` makes of package.json's bin: a link per name on PATH.
    mkdirSync(binDir);
    for (const [name, target] of Object.entries(packageJson.bin))
      symlinkSync(built(target), join(binDir, name));
    namespace = await createTestNamespace(admin, 'cli-build');
    await applyObjects(admin, [
      {
        apiVersion: 'ferry.dev/v1alpha1',
        kind: 'ExternalSecret',
        metadata: { name: 'not-synced-yet', namespace },
        spec: { secretStoreRef: { name: 'fake' }, data: [{ secretKey: 'a', remoteRef: { key: '/a' } }] },
      } as KubernetesObject,
    ]);
  });

  afterAll(async () => {
    await deleteNamespace(admin, namespace);
    rmSync(outdir, { recursive: true, force: true });
  });

  // node from this test run, first on PATH, for the `#!/usr/bin/env node` line.
  const env = { PATH: `${binDir}:${dirname(process.execPath)}:/usr/bin:/bin` };

  it('is an executable with a node shebang, named ferry and kubectl-ferry in package.json bin', () => {
    expect(Object.keys(packageJson.bin).sort()).toEqual(['ferry', 'kubectl-ferry']);
    for (const target of Object.values(packageJson.bin)) {
      expect(readFileSync(built(target), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
      expect(statSync(built(target)).mode & 0o111).not.toBe(0);
    }
  });

  it('answers --version under both names, as `ferry` and as the plugin kubectl runs for `kubectl ferry`', async () => {
    for (const name of ['ferry', 'kubectl-ferry']) {
      const result = await ferry(['--version'], { command: [name], env });
      expect(result).toEqual({ code: 0, stdout: `ferry ${packageJson.version}\n`, stderr: '' });
    }
  });

  it('says which Node.js it needs, and where the pinned one is, when an older one starts it (CLI and operator)', async () => {
    const oldNode = await oldNodeBinary();
    const minimum = packageJson.engines.node.replace(/^>=/, '');
    const pinned = readFileSync(join(repoRoot, '.node-version'), 'utf8').trim();
    // The build as it sits in a checkout: dist/ beside .node-version.
    const checkout = mkdtempSync(join(tmpdir(), 'ferry-checkout-'));
    cpSync(outdir, join(checkout, 'dist'), { recursive: true });
    writeFileSync(join(checkout, '.node-version'), `${pinned}\n`);
    const entries = [packageJson.bin['ferry'] ?? '', 'dist/main.mjs'];
    const runs = entries.flatMap((e) => [
      { entry: built(e), where: 'no checkout' },
      { entry: join(checkout, e), where: 'checkout' },
    ]);
    for (const { entry, where } of runs) {
      const result = await ferry(['--version'], { command: [oldNode, entry], env });
      const [said = '', ...advice] = result.stderr.split('\n');
      expect(said, entry).toMatch(
        new RegExp(`^ferry: needs Node\\.js ${minimum.replaceAll('.', '\\.')} or newer`),
      );
      expect(said, entry).toMatch(/this is Node\.js v\d+\.\d+\.\d+ /);
      expect(said, entry).toContain(`(${oldNode})`);
      expect(advice.join('\n'), entry).toContain(
        where === 'checkout'
          ? `\`make deps\` in ${checkout} installs it into /nonexistent/.cache/ferry/node-v${pinned}/node_modules/.bin`
          : `Install Node.js ${minimum} or newer`,
      );
      expect(result.stdout, entry).toBe('');
      expect(result.code, entry).toBe(1);
    }
    rmSync(checkout, { recursive: true, force: true });
  });

  it('lists ExternalSecrets from the cluster (the bundled Kubernetes client, loaded on use)', async () => {
    const result = await ferry(['status', '-n', namespace, '--kubeconfig', adminKubeconfigPath()], {
      command: ['ferry'],
      env,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(tableRows(result.stdout)).toEqual([
      {
        NAME: 'not-synced-yet',
        STORE: 'SecretStore/fake',
        READY: 'Unknown',
        REASON: '<none>',
        'LAST SYNC': 'never',
        'NEXT REFRESH': 'pending',
      },
    ]);
  });
});
