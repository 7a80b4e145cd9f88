import { checkFerryObject, type FerryObject } from './check-object.ts';
import { parseSource, type ManifestObject } from './documents.ts';
import { ferryGroup, ferryKinds } from './ferry-kinds.ts';
import { formatPath, type ObjectFinding, type Severity } from './findings.ts';
import type { Source } from './sources.ts';
import { storeReferenceFindings } from './store-references.ts';

export interface LintFinding {
  file: string;
  line: number;
  column: number;
  kind?: string;
  name?: string;
  namespace?: string;
  /** `spec.data[0].secretKey`, or empty for the object as a whole. */
  path: string;
  message: string;
  severity: Severity;
}

export interface LintResult {
  findings: LintFinding[];
  /** Ferry objects checked. */
  checked: number;
  files: number;
}

export interface LintOptions {
  /** Objects that are not Ferry's (other kinds, ESO manifests) fail lint instead of being ignored or hinted at. */
  strict?: boolean;
}

/** API groups of the manifests `ferry migrate` converts. */
export const migratableGroups: readonly string[] = [
  'external-secrets.io',
  'generators.external-secrets.io',
  'kubernetes-client.io',
];

export function groupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

function describeObject(object: Record<string, unknown>): Pick<LintFinding, 'kind' | 'name' | 'namespace'> {
  const metadata = object['metadata'] as Record<string, unknown> | undefined;
  const name = metadata?.['name'];
  const namespace = metadata?.['namespace'];
  return {
    ...(typeof object['kind'] === 'string' && { kind: object['kind'] }),
    ...(typeof name === 'string' && { name }),
    ...(typeof namespace === 'string' && { namespace }),
  };
}

function located(manifest: ManifestObject, finding: ObjectFinding): LintFinding {
  const { line, column } = manifest.positionOf(finding.path, finding.atKey ?? false);
  return {
    file: manifest.source.file,
    line,
    column,
    ...describeObject(manifest.object),
    path: formatPath(finding.path),
    message: finding.message,
    severity: finding.severity,
  };
}

/** The findings of one object that is not Ferry's. */
function foreignObjectFinding(object: Record<string, unknown>, strict: boolean): ObjectFinding | undefined {
  const group = groupOf(object['apiVersion']);
  if (migratableGroups.includes(group)) {
    const what =
      group === 'kubernetes-client.io' ? 'a kubernetes-external-secrets' : 'an External Secrets Operator';
    return {
      path: ['apiVersion'],
      message: `${what} manifest: convert it to Ferry's API with \`ferry migrate -f FILE\``,
      severity: strict ? 'error' : 'hint',
    };
  }
  if (!strict) return undefined;
  return { path: ['kind'], message: 'not a kind of Ferry (--strict)', severity: 'error' };
}

/** Lints every object of every source; findings in file order, then by position. */
export function lintSources(sources: readonly Source[], options: LintOptions = {}): LintResult {
  const strict = options.strict ?? false;
  const findings: LintFinding[] = [];
  const checkedObjects: { manifest: ManifestObject; parsed: FerryObject }[] = [];
  let checked = 0;
  for (const source of sources) {
    const parsed = parseSource(source);
    for (const problem of parsed.problems)
      findings.push({
        file: source.file,
        ...problem.position,
        path: '',
        message: problem.message,
        severity: 'error',
      });
    for (const manifest of parsed.objects) {
      const { object } = manifest;
      const group = groupOf(object['apiVersion']);
      if (group !== ferryGroup) {
        const finding = foreignObjectFinding(object, strict);
        if (finding) findings.push(located(manifest, finding));
        continue;
      }
      if (!ferryKinds().has(String(object['kind']))) {
        findings.push(
          located(manifest, {
            path: ['kind'],
            message: `Ferry has no kind ${JSON.stringify(object['kind'])} (one of: ${[...ferryKinds().keys()].join(', ')})`,
            severity: 'error',
          }),
        );
        continue;
      }
      checked += 1;
      const check = checkFerryObject(object);
      for (const finding of check.findings) findings.push(located(manifest, finding));
      if (check.parsed) checkedObjects.push({ manifest, parsed: check.parsed });
    }
  }
  const references = storeReferenceFindings(checkedObjects.map((entry) => entry.parsed));
  for (const { manifest, parsed } of checkedObjects)
    for (const finding of references.get(parsed) ?? []) findings.push(located(manifest, finding));
  const order = new Map(sources.map((source, index) => [source.file, index]));
  findings.sort(
    (a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line || a.column - b.column,
  );
  return { findings, checked, files: sources.length };
}

/** `file:line:column: Kind/name: path: message`, as compilers and linters print, so editors can jump to it. */
export function formatFinding(finding: LintFinding): string {
  const object = finding.kind ? `${finding.kind}/${finding.name ?? '<no name>'}: ` : '';
  const path = finding.path ? `${finding.path}: ` : '';
  const hint = finding.severity === 'hint' ? 'hint: ' : '';
  return `${finding.file}:${String(finding.line)}:${String(finding.column)}: ${object}${path}${hint}${finding.message}`;
}
