import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = join(import.meta.dirname, 'provide-prometheus-tools.sh');

async function provide(what: 'promtool' | 'operator-crds'): Promise<string> {
  const { stdout } = await run('bash', [script, what], { encoding: 'utf8' });
  return stdout.trim();
}

let promtool: Promise<string> | undefined;
let operatorCrds: Promise<string> | undefined;

/** promtool, pinned, built once from the Go module proxy into the tool cache. */
export function promtoolBinary(): Promise<string> {
  promtool ??= provide('promtool');
  return promtool;
}

/** The directory of prometheus-operator's ServiceMonitor and PrometheusRule CRDs, pinned, from the Go module proxy. */
export function prometheusOperatorCrdsDir(): Promise<string> {
  operatorCrds ??= provide('operator-crds');
  return operatorCrds;
}
