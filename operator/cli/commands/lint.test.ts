// `ferry lint` on fixtures with each class of finding: the exact file:line:column messages it
// prints are the goldens (test/fixtures/lint/*.expected.txt; FERRY_UPDATE_GOLDENS=1 rewrites them).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintCommand } from './lint.ts';
import { recordingIo } from '../lint/recording-io.ts';

const fixturesDir = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'lint');
const examplesDir = join(import.meta.dirname, '..', '..', '..', 'examples');
const update = process.env['FERRY_UPDATE_GOLDENS'] === '1';

function golden(path: string, actual: string): string {
  if (update || !existsSync(path)) writeFileSync(path, actual);
  return readFileSync(path, 'utf8');
}

async function lint(args: string[], cwd = fixturesDir, stdin = '') {
  const io = recordingIo(cwd, stdin);
  const code = await lintCommand.run(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('ferry lint: findings with their positions', () => {
  const cases: [file: string, what: string, code: number][] = [
    [
      'schema-errors.yaml',
      'schema errors: enums, durations, Secret keys, missing and unknown fields, patterns',
      1,
    ],
    ['cel-rules.yaml', "the CRDs' CEL admission rules", 1],
    [
      'controller-checks.yaml',
      'what the controller finds at sync time: RE2, templates, keys, credentials',
      1,
    ],
    ['store-references.yaml', 'store references that miss the stores of the same manifests', 1],
    [
      'yaml-errors.txt',
      'YAML that does not parse, documents that are not objects, unknown versions and kinds',
      1,
    ],
    ['foreign-kinds.yaml', 'ESO manifests get a hint, other kinds are ignored', 0],
  ];
  it.each(cases)('%s: %s', async (file, _what, code) => {
    const result = await lint(['-f', file]);
    expect(result.out).toBe(
      golden(join(fixturesDir, file.replace(/\.(yaml|txt)$/, '.expected.txt')), result.out),
    );
    expect(result.code).toBe(code);
  });

  it('points at the line and column of the offending field', async () => {
    const { out } = await lint(['-f', 'schema-errors.yaml']);
    const lines = readFileSync(join(fixturesDir, 'schema-errors.yaml'), 'utf8').split('\n');
    for (const message of out.trim().split('\n')) {
      const [, line, column, path] = /^schema-errors\.yaml:(\d+):(\d+): [^:]+: ([^:]+):/.exec(message) ?? [];
      const field =
        path
          ?.split(/[.[\]"]+/)
          .filter(Boolean)
          .at(-1) ?? '';
      const text = lines[Number(line) - 1] ?? '';
      // The line names the field, or the field is missing and the line is where it belongs.
      if (!message.includes('required field is missing'))
        expect(text.slice(Number(column) - 1)).toMatch(/\S/);
      if (!message.includes('required field is missing') && !message.includes('unknown field'))
        expect(text, message).toContain(field === 'secretKey' ? 'secretKey' : `${field}:`);
    }
  });

  it('never prints a value of a fake store or a literal template', async () => {
    const text = `apiVersion: ferry.dev/v1alpha1
kind: ClusterSecretStore
metadata: {name: leaky}
spec:
  provider:
    fake:
      data:
        - key: db
          value: do-not-print-this-value
          valueMap: {a: do-not-print-either}
          bogus: do-not-print-bogus
`;
    const { out, code } = await lint(['-f', '-'], fixturesDir, text);
    expect(code).toBe(1);
    expect(out).toContain('spec.provider.fake.data[0].bogus: unknown field');
    expect(out).not.toContain('do-not-print');
  });
});

describe('ferry lint: inputs, output and exit codes', () => {
  it('passes every manifest in examples/', async () => {
    const { code, out, err } = await lint(['-f', examplesDir]);
    // One hint, which the example's comment answers: `make dev-providers` runs Ferry with the flag.
    expect(out.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(
        /azurekv\/secret-store-lowkey-vault\.yaml:\d+:\d+: .* hint: .*--namespaced-stores-ambient-credentials/,
      ),
    ]);
    expect(err).toMatch(/^0 problems in \d+ Ferry objects of \d+ files\n$/);
    expect(code).toBe(0);
  });

  it('walks directories recursively for YAML and JSON, skipping hidden ones', async () => {
    const { code, err } = await lint(['-f', 'nested', '-f', 'clean.json']);
    expect(err).toBe('0 problems in 2 Ferry objects of 2 files\n');
    expect(code).toBe(0);
  });

  it('reads standard input with -f -', async () => {
    const text = readFileSync(join(fixturesDir, 'store-references.yaml'), 'utf8');
    const { code, out } = await lint(['-f', '-'], fixturesDir, text);
    expect(out.split('\n')[0]).toMatch(/^<stdin>:29:5: ExternalSecret\/wrong-kind: /);
    expect(code).toBe(1);
  });

  it("fails on objects that are not Ferry's with --strict", async () => {
    const { code, out } = await lint(['-f', 'foreign-kinds.yaml', '--strict']);
    expect(out).toBe(
      "foreign-kinds.yaml:1:13: ExternalSecret/still-eso: apiVersion: an External Secrets Operator manifest: convert it to Ferry's API with `ferry migrate -f FILE`\n" +
        'foreign-kinds.yaml:15:7: ConfigMap/settings: kind: not a kind of Ferry (--strict)\n',
    );
    expect(code).toBe(1);
  });

  it('prints JSON for CI tools with -o json', async () => {
    const { code, out } = await lint(['-f', 'store-references.yaml', '-o', 'json']);
    const parsed = JSON.parse(out) as {
      findings: Record<string, unknown>[];
      summary: Record<string, number>;
    };
    expect(parsed.summary).toEqual({ files: 1, objects: 4, errors: 2 });
    expect(parsed.findings[0]).toEqual({
      file: 'store-references.yaml',
      line: 29,
      column: 5,
      kind: 'ExternalSecret',
      name: 'wrong-kind',
      namespace: 'team-b',
      path: 'spec.secretStoreRef.kind',
      message:
        '"shared-fake" is a ClusterSecretStore in these manifests, not a SecretStore: set kind: ClusterSecretStore',
      severity: 'error',
    });
    expect(code).toBe(1);
  });

  it('exits 3 when a file cannot be read', async () => {
    const { code, err } = await lint(['-f', 'clean.json', '-f', 'missing.yaml']);
    expect(err).toBe('ferry lint: missing.yaml: cannot read: no such file or directory\n');
    expect(code).toBe(3);
  });

  it.each([
    [[], 'name the manifests to check with -f FILE|DIR'],
    [['-f', 'clean.json', '-o', 'yaml'], '-o yaml: expected one of text, json'],
    [['-f', 'clean.json', '--fix'], 'unknown flag "--fix"'],
    [['clean.json'], 'unexpected argument "clean.json": name files with -f'],
    [['-f'], 'flag --filename needs a value'],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const { code, err } = await lint(args);
    expect(err).toBe(`ferry lint: ${message}\nRun 'ferry lint --help' for usage.\n`);
    expect(code).toBe(2);
  });
});
