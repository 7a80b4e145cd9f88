import type { TestProject } from 'vitest/node';
import { runProvideScript } from '../controlplane/provide-script.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateOracle: string;
  }
}

/** Builds (or finds in the cache) the Go template oracle once per run; tests reach it through inject. */
export default async function setup(project: TestProject): Promise<void> {
  const binary = await runProvideScript(new URL('./provide.sh', import.meta.url), 'template oracle');
  project.provide('templateOracle', binary);
}
