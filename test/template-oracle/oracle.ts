import { spawn } from 'node:child_process';
import { inject } from 'vitest';

/** One template for Go to render, as ESO would (missingkey=error, Sprig without env/expandenv). */
export interface OracleCase {
  name: string;
  template: string;
  /** ESO's data: map[string]string. */
  data?: Readonly<Record<string, string>>;
  /** Instead of data: any JSON, decoded as Go's encoding/json does (objects → map[string]interface{},
   * numbers → float64), as fromJson produces. */
  jsonData?: unknown;
  /** 'sprig' (default): Sprig without env/expandenv; 'eso': that plus ESO's toYaml/fromYaml;
   * 'none': text/template's built-ins only. */
  funcs?: 'sprig' | 'eso' | 'none';
  /** Action delimiters other than `{{` and `}}` (both or neither). */
  leftDelim?: string;
  rightDelim?: string;
}

export type OracleResult =
  | { ok: true; output: string; bytes: Buffer }
  | { ok: false; phase: 'parse' | 'exec' | 'panic' | 'input'; error: string };

interface RawResult {
  output?: string;
  outputBase64?: string;
  phase?: 'parse' | 'exec' | 'panic' | 'input';
  error?: string;
}

/** Runs the oracle binary with `args`, `input` on its stdin, and returns its stdout. Go's Local is
 * UTC, as in ESO's container and as Ferry's date functions take it, whatever this machine's zone. */
function runBinary(args: readonly string[], input: string): Promise<string> {
  const binary = inject('templateOracle');
  return new Promise<string>((resolve, reject) => {
    const child = spawn(binary, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, TZ: 'UTC' },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.stderr.on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`template oracle exited with ${String(code)}: ${err}`));
    });
    child.stdin.end(input);
  });
}

/** The names of one of the oracle's function sets, sorted. */
export async function oracleFunctionNames(kind: 'sprig' | 'eso' | 'none'): Promise<string[]> {
  return JSON.parse(await runBinary(['funcs', kind], '')) as string[];
}

/** Renders a batch of cases in one oracle process; results come back in the order of the cases. */
export async function runOracle(cases: readonly OracleCase[]): Promise<OracleResult[]> {
  const stdout = await runBinary([], JSON.stringify(cases));
  const raw = JSON.parse(stdout) as RawResult[];
  if (raw.length !== cases.length)
    throw new Error(`template oracle returned ${raw.length} results for ${cases.length} cases`);
  return raw.map((r) =>
    r.phase === undefined
      ? { ok: true, output: r.output ?? '', bytes: Buffer.from(r.outputBase64 ?? '', 'base64') }
      : { ok: false, phase: r.phase, error: r.error ?? '' },
  );
}
