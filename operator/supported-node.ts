// The Node.js version check that runs before anything else of Ferry is loaded. Ferry's dependencies
// use APIs of the Node.js that package.json's engines names; on an older one they fail while being
// loaded, with messages such as "Cannot read properties of undefined (reading 'bind')" that do not
// say what is wrong. The entries of the production build (bundle-entry.ts, cli/bundle-entry.ts)
// import only this file, check, and only then import the program: a static import would be
// evaluated before any check could run. Keep it to what every Node.js since 18 has.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import packageJson from '../package.json' with { type: 'json' };

type Version = readonly [major: number, minor: number, patch: number];

/** The lowest version an engines range of the form `>=22.19` or `>=22.19.0` admits. */
export function minimumOf(engines: string): Version {
  const match = /^>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(engines.trim());
  if (!match)
    throw new Error(`package.json engines.node ${JSON.stringify(engines)}: expected ">=MAJOR.MINOR"`);
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function parseVersion(version: string): Version {
  const [major = 0, minor = 0, patch = 0] = version.replace(/^v/, '').split('.').map(Number);
  return [major, minor, patch];
}

function isAtLeast(version: Version, minimum: Version): boolean {
  for (let i = 0; i < 3; i += 1) {
    const [have, need] = [version[i] ?? 0, minimum[i] ?? 0];
    if (have !== need) return have > need;
  }
  return true;
}

/** The pinned Node.js of a checkout (.node-version) and where `make deps` puts it. */
export interface PinnedNode {
  version: string;
  binDir: string;
  installed: boolean;
  checkout: string;
}

export interface RunningNode {
  version: string;
  execPath: string;
}

/** What to tell a person running Ferry on `running`, or undefined when that Node.js will do. */
export function unsupportedNodeMessage(
  program: string,
  running: RunningNode,
  engines: string,
  pinned: PinnedNode | undefined,
): string | undefined {
  const minimum = minimumOf(engines);
  if (isAtLeast(parseVersion(running.version), minimum)) return undefined;
  const wanted = `${String(minimum[0])}.${String(minimum[1])}`;
  const lines = [
    `${program}: needs Node.js ${wanted} or newer (package.json engines: ${engines}); ` +
      `this is Node.js ${running.version} (${running.execPath}).`,
  ];
  if (pinned === undefined) {
    lines.push(
      `Install Node.js ${wanted} or newer (an LTS release), put it first on PATH, and run it again.`,
    );
  } else {
    const export_ = `  export PATH="${pinned.binDir}:$PATH"`;
    lines.push(
      pinned.installed
        ? `The project's pinned Node.js ${pinned.version} is installed in ${pinned.binDir}; put it first on PATH:`
        : `The project pins Node.js ${pinned.version} (.node-version): \`make deps\` in ${pinned.checkout} ` +
            `installs it into ${pinned.binDir}; then put it first on PATH:`,
      export_,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The pinned Node.js of the checkout `dir` belongs to, if it is one (the Makefile's cache layout). */
export function pinnedNodeOf(checkout: string, env: NodeJS.ProcessEnv): PinnedNode | undefined {
  const file = join(checkout, '.node-version');
  if (!existsSync(file)) return undefined;
  const version = readFileSync(file, 'utf8').trim();
  const cacheRoot = env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  const binDir = join(cacheRoot, 'ferry', `node-v${version}`, 'node_modules', '.bin');
  return { version, binDir, installed: existsSync(join(binDir, 'node')), checkout };
}

/**
 * Stops the process with a message and exit code 1 when this Node.js is older than package.json's
 * engines allow. This file sits in operator/ for the sources and in dist/ (a chunk) for the build:
 * either way the checkout is its folder's parent.
 */
export function requireSupportedNode(program: string): void {
  const checkout = join(dirname(fileURLToPath(import.meta.url)), '..');
  const message = unsupportedNodeMessage(
    program,
    { version: process.version, execPath: process.execPath },
    packageJson.engines.node,
    pinnedNodeOf(checkout, process.env),
  );
  if (message === undefined) return;
  process.stderr.write(message);
  process.exit(1);
}
