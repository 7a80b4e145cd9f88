// `ferry migrate` as a command: its flags, streams and exit codes. What it converts is the corpus'
// business (migrate-corpus.test.ts).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { migrateCommand } from './migrate.ts';
import { recordingIo } from '../lint/recording-io.ts';

const corpusDir = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'migrate');

async function migrate(args: string[], stdin = '', cwd = corpusDir) {
  const io = recordingIo(cwd, stdin);
  const code = await migrateCommand.run(args, io);
  return { code, out: io.out(), err: io.err() };
}

const kinds = (yaml: string) =>
  parseAllDocuments(yaml).map((document) => (document.toJS() as { kind: string }).kind);

describe('ferry migrate', () => {
  it('exits 0 and reports nothing when everything carried over', async () => {
    const { code, err } = await migrate(['-f', 'aws-secretref.yaml']);
    expect(err).toBe(
      'ferry migrate: 2 objects converted, 0 stores generated, 0 passed through, 0 left out; 0 errors, 0 warnings\n',
    );
    expect(code).toBe(0);
  });

  it('passes other objects through, or leaves them out with --only-converted', async () => {
    const all = await migrate(['-f', 'mixed-with-deployment.yaml']);
    expect(kinds(all.out)).toEqual(['Deployment', 'Service', 'ExternalSecret', 'ConfigMap']);
    const converted = await migrate(['-f', 'mixed-with-deployment.yaml', '--only-converted']);
    expect(kinds(converted.out)).toEqual(['ExternalSecret']);
    expect(converted.code).toBe(0);
  });

  it('with --adopt, annotates the ExternalSecrets that own their Secret to take it over from ESO', async () => {
    const adopting = await migrate([
      '-f',
      'aws-secretref.yaml',
      '-f',
      'vault-kv1-approle-v1beta1.yaml',
      '--adopt',
    ]);
    const annotations = parseAllDocuments(adopting.out)
      .map(
        (document) => document.toJS() as { kind: string; metadata: { name: string; annotations?: object } },
      )
      .filter((object) => object.kind === 'ExternalSecret')
      .map((object) => [object.metadata.name, object.metadata.annotations]);
    // payments-db is Owner; the Vault one merges into a Secret someone else owns: nothing to take over.
    expect(annotations).toEqual([
      ['payments-db', { 'ferry.dev/adopt': 'true' }],
      ['legacy-app', undefined],
    ]);
    const plain = await migrate(['-f', 'aws-secretref.yaml']);
    expect(plain.out).not.toContain('ferry.dev/adopt');
  });

  it('reads standard input with -f - and names it <stdin> in the report', async () => {
    const text = readFileSync(join(corpusDir, 'webhook-provider.yaml'), 'utf8');
    const { code, out, err } = await migrate(['-f', '-'], text);
    expect(out).toBe('');
    expect(err.split('\n')[0]).toBe(
      '<stdin>:8:5: error: SecretStore integrations/webhook-backend: spec.provider.webhook: the webhook provider is not supported by Ferry (it has: fake, kubernetes, aws, vault, azurekv, gcpsm)',
    );
    expect(code).toBe(1);
  });

  it('writes the report to --report FILE and only the summary to standard error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-migrate-'));
    const reportFile = join(dir, 'report.txt');
    const { code, err } = await migrate(['-f', 'onepassword-store.yaml', '--report', reportFile]);
    expect(readFileSync(reportFile, 'utf8')).toBe(
      readFileSync(join(corpusDir, 'onepassword-store.report.txt'), 'utf8'),
    );
    expect(err).toBe(
      'ferry migrate: 1 object converted, 0 stores generated, 0 passed through, 1 left out; 2 errors, 1 warning\n',
    );
    expect(code).toBe(1);
  });

  it('prints a kubectl List with -o json', async () => {
    const { code, out } = await migrate([
      '-f',
      'kes-vault.yaml',
      '-o',
      'json',
      '--kes-env',
      'VAULT_ADDR=https://vault:8200',
      '--kes-env',
      'DEFAULT_VAULT_MOUNT_POINT=k8s',
      '--kes-env',
      'DEFAULT_VAULT_ROLE=r',
    ]);
    const list = JSON.parse(out) as {
      kind: string;
      items: { kind: string; spec: Record<string, unknown> }[];
    };
    expect(list.kind).toBe('List');
    expect(list.items.map((item) => item.kind)).toEqual([
      'SecretStore',
      'ExternalSecret',
      'SecretStore',
      'ExternalSecret',
    ]);
    expect(list.items[2]?.spec).toEqual({
      provider: {
        vault: {
          server: 'https://vault:8200',
          version: 'v1',
          auth: { kubernetes: { mountPath: 'k8s', role: 'r' } },
        },
      },
    });
    expect(code).toBe(1);
  });

  it('takes a whole directory', async () => {
    const { out, err } = await migrate(['-f', '.']);
    expect(err).toMatch(
      /^ferry migrate: \d+ objects converted, \d+ stores generated, \d+ passed through, \d+ left out; \d+ errors, \d+ warnings$/m,
    );
    // The goldens are read too (they are YAML); their Ferry objects pass through.
    expect(out).toContain('apiVersion: ferry.dev/v1alpha1');
  });

  it('exits 3 when a file cannot be read, and writes nothing to standard output', async () => {
    const { code, out, err } = await migrate(['-f', 'aws-secretref.yaml', '-f', 'nope.yaml']);
    expect(out).toBe('');
    expect(err).toBe('ferry migrate: nope.yaml: cannot read: no such file or directory\n');
    expect(code).toBe(3);
  });

  it.each([
    [[], 'name the manifests to convert with -f FILE|DIR'],
    [['-f', 'a.yaml', '-o', 'wide'], '-o wide: expected one of yaml, json'],
    [['-f', 'a.yaml', '--kes-env', 'VAULT_ADDR'], '--kes-env VAULT_ADDR: expected NAME=VALUE'],
    [['-f', 'a.yaml', '--only-converted=yes'], 'flag --only-converted takes no value'],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const { code, err } = await migrate(args);
    expect(err).toBe(`ferry migrate: ${message}\nRun 'ferry migrate --help' for usage.\n`);
    expect(code).toBe(2);
  });

  it('prints its usage with --help', async () => {
    const { code, out } = await migrate(['--help']);
    expect(out).toBe(migrateCommand.usage);
    expect(code).toBe(0);
  });
});
