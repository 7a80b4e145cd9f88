import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { minimumOf, pinnedNodeOf, unsupportedNodeMessage } from './supported-node.ts';

const node20 = { version: 'v20.20.2', execPath: '/usr/bin/node' };
const pinnedNode = (installed: boolean) => ({
  version: '24.21.0',
  binDir: '/c/ferry/node-v24.21.0/node_modules/.bin',
  installed,
  checkout: '/src',
});

describe('the Node.js version check of the production entries', () => {
  it("reads its minimum from package.json's engines", () => {
    const [major, minor] = minimumOf(packageJson.engines.node);
    expect(packageJson.engines.node).toBe(`>=${String(major)}.${String(minor)}`);
    expect(() => minimumOf('^22 || ^24')).toThrow(/engines.node "\^22 \|\| \^24": expected ">=MAJOR.MINOR"/);
  });

  it.each([
    ['v22.19.0', true],
    ['v22.20.1', true],
    ['v23.0.0', true],
    ['v24.21.0', true],
    ['v22.18.9', false],
    ['v20.20.2', false],
    ['v18.20.8', false],
  ])('under engines >=22.19, lets %s run: %s', (version, runs) => {
    const message = unsupportedNodeMessage('ferry', { version, execPath: '/n' }, '>=22.19', undefined);
    expect(message === undefined).toBe(runs);
  });

  it('names what is needed, what runs, and where the pinned Node.js is installed', () => {
    expect(unsupportedNodeMessage('ferry', node20, '>=22.19', pinnedNode(true))).toBe(
      'ferry: needs Node.js 22.19 or newer (package.json engines: >=22.19); this is Node.js v20.20.2 (/usr/bin/node).\n' +
        "The project's pinned Node.js 24.21.0 is installed in /c/ferry/node-v24.21.0/node_modules/.bin; put it first on PATH:\n" +
        '  export PATH="/c/ferry/node-v24.21.0/node_modules/.bin:$PATH"\n',
    );
  });

  it('says `make deps` installs the pinned Node.js when it is not there yet, and what to install outside a checkout', () => {
    expect(unsupportedNodeMessage('ferry', node20, '>=22.19', pinnedNode(false))).toContain(
      '`make deps` in /src installs it into /c/ferry/node-v24.21.0/node_modules/.bin',
    );
    expect(unsupportedNodeMessage('ferry', node20, '>=22.19', undefined)).toContain(
      'Install Node.js 22.19 or newer (an LTS release), put it first on PATH',
    );
  });

  it("finds a checkout's pinned Node.js where the Makefile caches it", () => {
    const checkout = mkdtempSync(join(tmpdir(), 'ferry-checkout-'));
    const cache = mkdtempSync(join(tmpdir(), 'ferry-cache-'));
    expect(pinnedNodeOf(checkout, { XDG_CACHE_HOME: cache })).toBeUndefined();
    writeFileSync(join(checkout, '.node-version'), '24.21.0\n');
    const binDir = join(cache, 'ferry', 'node-v24.21.0', 'node_modules', '.bin');
    expect(pinnedNodeOf(checkout, { XDG_CACHE_HOME: cache })).toEqual({
      version: '24.21.0',
      binDir,
      installed: false,
      checkout,
    });
    mkdirSync(binDir, { recursive: true });
    writeFileSync(join(binDir, 'node'), '');
    expect(pinnedNodeOf(checkout, { XDG_CACHE_HOME: cache })?.installed).toBe(true);
  });
});
