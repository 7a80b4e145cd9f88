// The migrate corpus: External Secrets Operator and kubernetes-external-secrets manifests in the
// shapes their docs and users' GitOps repositories show, each with the YAML and the report that
// `ferry migrate` must print. FERRY_UPDATE_GOLDENS=1 rewrites the goldens (review the diff by hand).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSources } from '../lint/index.ts';
import { migrateCommand } from '../commands/migrate.ts';
import { recordingIo } from '../lint/recording-io.ts';

const corpusDir = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'migrate');
const update = process.env['FERRY_UPDATE_GOLDENS'] === '1';

export const corpus = readdirSync(corpusDir)
  .filter((file) => file.endsWith('.yaml') && !file.endsWith('.expected.yaml'))
  .sort();

/** Values written in the corpus that must never reach a report. */
const secretValues = ['fake-secret-value-do-not-print', 's3cr3t-literal-do-not-print', 'aGVsbG8gd29ybGQ='];

function extraArgs(file: string): string[] {
  const argsFile = join(corpusDir, file.replace(/\.yaml$/, '.args'));
  return existsSync(argsFile) ? readFileSync(argsFile, 'utf8').split('\n').filter(Boolean) : [];
}

function golden(path: string, actual: string): string {
  if (update || !existsSync(path)) writeFileSync(path, actual);
  return readFileSync(path, 'utf8');
}

describe('ferry migrate on the corpus (test/fixtures/migrate)', () => {
  it('has at least 25 inputs', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(25);
  });

  describe.each(corpus)('%s', (file) => {
    const base = file.replace(/\.yaml$/, '');
    const run = async () => {
      const io = recordingIo(corpusDir);
      const code = await migrateCommand.run(['-f', file, ...extraArgs(file)], io);
      return { code, out: io.out(), err: io.err() };
    };

    it('prints the expected YAML and report, and exits 1 exactly when it reported something', async () => {
      const { code, out, err } = await run();
      expect(out).toBe(golden(join(corpusDir, `${base}.expected.yaml`), out));
      expect(err).toBe(golden(join(corpusDir, `${base}.report.txt`), err));
      const reported = err.split('\n').some((line) => /^\S+:\d+:\d+: (error|warning): /.test(line));
      expect(code).toBe(reported ? 1 : 0);
    });

    it('prints only objects that `ferry lint` passes, and no External Secrets manifest', async () => {
      const { out } = await run();
      const lint = lintSources([{ file: `${base}.expected.yaml`, text: out }]);
      expect(lint.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
      expect(out).not.toMatch(
        /apiVersion: (external-secrets\.io|generators\.external-secrets\.io|kubernetes-client\.io)\//,
      );
    });

    it('never writes a secret value into the report', async () => {
      const { err } = await run();
      for (const value of secretValues) expect(err).not.toContain(value);
    });
  });
});
