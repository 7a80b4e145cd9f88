import { exitCode, type Command, type Io } from '../command.ts';
import {
  UsageError,
  UnreadableSourceError,
  formatFinding,
  lintSources,
  outputFormat,
  parseFlags,
  readSources,
} from '../lint/index.ts';

const usage = `Validate Ferry manifests offline, as the API server and the controller would.

Usage:
  ferry lint -f FILE|DIR [-f ...] [-o text|json] [--strict]

Checks every ExternalSecret, SecretStore and ClusterSecretStore (ferry.dev/v1alpha1) against the
same schemas the controller uses, the admission rules of the CRDs, and what the controller checks at
sync time (RE2 regular expressions, templates, Secret keys, durations, store credentials, store
references). Directories are walked recursively for *.yaml, *.yml and *.json (hidden ones skipped);
-f - reads standard input. External Secrets Operator and kubernetes-external-secrets manifests get a
hint to run \`ferry migrate\`; other kinds are ignored.

Flags:
  -f, --filename FILE|DIR   manifests to check (repeatable; - for standard input)
  -o, --output text|json    text: file:line:column: Kind/name: field: message (default); json: for CI tools
      --strict              fail on objects that are not Ferry's too
  -h, --help                this help

Exit codes: 0 no findings, 1 findings, 2 usage error, 3 a file cannot be read.

Examples:
  ferry lint -f deploy/
  ferry lint -f app.yaml -o json
  kustomize build overlays/prod | ferry lint -f -
`;

const flags = [
  { long: 'filename', short: 'f', value: true },
  { long: 'output', short: 'o', value: true },
  { long: 'strict' },
  { long: 'help', short: 'h' },
];

export const lintCommand: Command = {
  name: 'lint',
  summary: 'Validate Ferry manifests offline: schemas, admission rules, controller checks.',
  usage,
  async run(args: readonly string[], io: Io): Promise<number> {
    let files: readonly string[];
    let output: 'text' | 'json';
    let strict: boolean;
    try {
      const parsed = parseFlags(args, flags);
      if (parsed.has('help')) {
        io.stdout(usage);
        return exitCode.ok;
      }
      files = parsed.get('filename') ?? [];
      if (files.length === 0) throw new UsageError('name the manifests to check with -f FILE|DIR');
      output = outputFormat(parsed, ['text', 'json'], 'text');
      strict = parsed.has('strict');
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`ferry lint: ${error.message}\nRun 'ferry lint --help' for usage.\n`);
      return exitCode.usage;
    }
    let result;
    try {
      result = lintSources(await readSources(files, io.cwd, io.readStdin), { strict });
    } catch (error) {
      if (!(error instanceof UnreadableSourceError)) throw error;
      io.stderr(`ferry lint: ${error.message}\n`);
      return exitCode.unavailable;
    }
    const failing = result.findings.filter((finding) => finding.severity === 'error');
    if (output === 'json') {
      io.stdout(
        `${JSON.stringify(
          {
            findings: result.findings,
            summary: { files: result.files, objects: result.checked, errors: failing.length },
          },
          null,
          2,
        )}\n`,
      );
    } else {
      for (const finding of result.findings) io.stdout(`${formatFinding(finding)}\n`);
      const count = (n: number, word: string) => `${String(n)} ${word}${n === 1 ? '' : 's'}`;
      io.stderr(
        `${count(failing.length, 'problem')} in ${count(result.checked, 'Ferry object')} of ${count(result.files, 'file')}\n`,
      );
    }
    return failing.length > 0 ? exitCode.failed : exitCode.ok;
  },
};
