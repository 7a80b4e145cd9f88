import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Three suites: `unit` is pure and fast; `template` compares the template engine with Go's own
// text/template + Sprig (the oracle built in test/template-oracle/global-setup.ts); `integration`
// shares one real control plane per run (started in test/integration/global-setup.ts) and isolates
// tests by namespace.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['operator/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
          // Budget and worker tests run real work for seconds; vitest's 5 s default failed them on a
          // loaded 2-core machine. A test that hangs still fails, after this.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'template',
          include: ['test/template/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/template-oracle/global-setup.ts'],
          // A cold oracle build fetches Sprig through the Go module proxy and compiles it.
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // One control plane, many namespaces: files may run side by side.
          fileParallelism: true,
        },
      },
    ],
  },
});
