import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { exitCode, type Command, type Io } from '../command.ts';
import {
  UsageError,
  UnreadableSourceError,
  outputFormat,
  parseFlags,
  readSources,
  type Source,
} from '../lint/index.ts';
import {
  formatReport,
  migrateSources,
  summaryLine,
  type KesEnvironment,
  type MigrateResult,
} from '../migrate/index.ts';

const usage = `Convert External Secrets Operator and kubernetes-external-secrets manifests to Ferry's API.

Usage:
  ferry migrate -f FILE|DIR [-f ...] [-o yaml|json] [--report FILE] [--only-converted] [--adopt] [--kes-env NAME=VALUE ...]

Reads external-secrets.io (v1, v1beta1, v1alpha1) ExternalSecrets, SecretStores and
ClusterSecretStores, and kubernetes-client.io/v1 ExternalSecrets, and prints them as ferry.dev/v1alpha1
objects on standard output. Every field that does not carry over, and everything the user must do
(credentials for the SecretStores generated for KES backends, say), is reported on standard error,
or in --report FILE, as file:line:column with the object and the field; never a value.

Each printed object passes the controller's schemas and the CRDs' admission rules; an object that
cannot be converted is left out and reported. ClusterExternalSecrets, PushSecrets and generators are
reported as not supported yet. Other objects (Deployments, ConfigMaps, Ferry's own) pass through
unchanged, so a migrated file can replace the original; --only-converted prints only the converted
and generated objects.

Flags:
  -f, --filename FILE|DIR   manifests to convert (repeatable; directories recursively; - for standard input)
  -o, --output yaml|json    yaml: one document per object (default); json: a kubectl List
      --report FILE         write the report to FILE instead of standard error
      --only-converted      leave out the objects that are not External Secrets manifests
      --adopt               annotate each converted ExternalSecret (creationPolicy Owner or Orphan)
                            ferry.dev/adopt: "true", so that once applied it takes over the Secret
                            ESO created for it, without deleting it (docs/migrate-from-eso.md)
      --kes-env NAME=VALUE  what KES read from its Deployment's environment, to generate complete stores:
                            AWS_REGION, VAULT_ADDR, DEFAULT_VAULT_MOUNT_POINT, DEFAULT_VAULT_ROLE,
                            DEFAULT_VAULT_KV_VERSION, AZURE_TENANT_ID, GOOGLE_CLOUD_PROJECT (repeatable)
  -h, --help                this help

Exit codes: 0 everything carried over, 1 something was reported, 2 usage error, 3 a file cannot be read.

Examples:
  ferry migrate -f eso/ > ferry.yaml
  ferry migrate -f kes.yaml --kes-env AWS_REGION=eu-west-1 --report migration.txt
  ferry migrate -f app.yaml --only-converted | ferry lint -f -
  ferry migrate -f eso/ --only-converted --adopt | kubectl apply --server-side -f -
`;

const flags = [
  { long: 'filename', short: 'f', value: true },
  { long: 'output', short: 'o', value: true },
  { long: 'report', value: true },
  { long: 'only-converted' },
  { long: 'adopt' },
  { long: 'kes-env', value: true },
  { long: 'help', short: 'h' },
];

interface Invocation {
  files: readonly string[];
  output: 'yaml' | 'json';
  reportFile: string | undefined;
  onlyConverted: boolean;
  adopt: boolean;
  kesEnvironment: KesEnvironment;
}

function invocation(args: readonly string[]): Invocation | 'help' {
  const parsed = parseFlags(args, flags);
  if (parsed.has('help')) return 'help';
  const files = parsed.get('filename') ?? [];
  if (files.length === 0) throw new UsageError('name the manifests to convert with -f FILE|DIR');
  const kesEnvironment: Record<string, string> = {};
  for (const setting of parsed.get('kes-env') ?? []) {
    const equals = setting.indexOf('=');
    if (equals <= 0) throw new UsageError(`--kes-env ${setting}: expected NAME=VALUE`);
    kesEnvironment[setting.slice(0, equals)] = setting.slice(equals + 1);
  }
  return {
    files,
    output: outputFormat(parsed, ['yaml', 'json'], 'yaml'),
    reportFile: parsed.get('report')?.at(-1),
    onlyConverted: parsed.has('only-converted'),
    adopt: parsed.has('adopt'),
    kesEnvironment,
  };
}

function printed(result: MigrateResult, output: 'yaml' | 'json'): string {
  if (output === 'json') {
    const list = { apiVersion: 'v1', kind: 'List', items: result.objects.map((object) => object.object) };
    return `${JSON.stringify(list, null, 2)}\n`;
  }
  return result.objects.map((object) => object.yaml.replace(/^---\n/, '')).join('---\n');
}

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Convert External Secrets Operator and kubernetes-external-secrets manifests to Ferry.',
  usage,
  async run(args: readonly string[], io: Io): Promise<number> {
    let call: Invocation;
    try {
      const parsed = invocation(args);
      if (parsed === 'help') {
        io.stdout(usage);
        return exitCode.ok;
      }
      call = parsed;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`ferry migrate: ${error.message}\nRun 'ferry migrate --help' for usage.\n`);
      return exitCode.usage;
    }
    let sources: Source[];
    try {
      sources = await readSources(call.files, io.cwd, io.readStdin);
    } catch (error) {
      if (!(error instanceof UnreadableSourceError)) throw error;
      io.stderr(`ferry migrate: ${error.message}\n`);
      return exitCode.unavailable;
    }
    const result = migrateSources(sources, {
      onlyConverted: call.onlyConverted,
      adopt: call.adopt,
      kesEnvironment: call.kesEnvironment,
    });
    const report = formatReport(result);
    if (call.reportFile === undefined) {
      io.stdout(printed(result, call.output));
      io.stderr(report);
    } else {
      try {
        await writeFile(resolve(io.cwd, call.reportFile), report);
      } catch (error) {
        io.stderr(`ferry migrate: --report ${call.reportFile}: cannot write: ${(error as Error).message}\n`);
        return exitCode.unavailable;
      }
      io.stdout(printed(result, call.output));
      io.stderr(`${summaryLine(result)}\n`);
    }
    return result.report.length > 0 ? exitCode.failed : exitCode.ok;
  },
};
