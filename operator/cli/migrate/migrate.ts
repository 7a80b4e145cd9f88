import { Document } from 'yaml';
import {
  checkFerryObject,
  ferryGroup,
  formatPath,
  groupOf,
  parseSource,
  type FieldPath,
  type ManifestObject,
  type Source,
} from '../lint/index.ts';
import { markForAdoption } from './adopt.ts';
import { convertEso, unsupportedEsoKind } from './eso.ts';
import { convertKes } from './kes.ts';
import type { GeneratedStore, KesEnvironment } from './kes-stores.ts';
import { error, warning, type Note, type NoteSeverity } from './notes.ts';
import { getAt, isJsonObject, type JsonObject } from './object-paths.ts';
import { editedDocumentText } from './yaml-edit.ts';

export interface MigrateOptions {
  /** Leave out objects that are neither converted nor Ferry's (Deployments, ConfigMaps...). */
  onlyConverted?: boolean;
  /** What KES read from its Deployment's environment (AWS_REGION, VAULT_ADDR...). */
  kesEnvironment?: KesEnvironment;
  /** Annotate converted ESO ExternalSecrets (Owner, Orphan) to take their Secrets over from ESO. */
  adopt?: boolean;
}

export interface ReportEntry {
  file: string;
  line: number;
  column: number;
  kind?: string;
  namespace?: string;
  name?: string;
  /** The field of the input, `spec.data[1].sourceRef.generatorRef`; empty for the whole object. */
  path: string;
  severity: NoteSeverity;
  message: string;
  action?: string;
}

export type OutputOrigin = 'converted' | 'generated' | 'passed';

export interface MigratedObject {
  origin: OutputOrigin;
  object: JsonObject;
  /** The object as a YAML document: the input's own, edited, where there was one. */
  yaml: string;
}

export interface MigrateResult {
  objects: MigratedObject[];
  report: ReportEntry[];
  /** Input objects that were not carried over. */
  leftOut: number;
}

function describe(object: JsonObject): Pick<ReportEntry, 'kind' | 'namespace' | 'name'> {
  const metadata = object['metadata'] as Record<string, unknown> | undefined;
  const out: Pick<ReportEntry, 'kind' | 'namespace' | 'name'> = {};
  if (typeof object['kind'] === 'string') out.kind = object['kind'];
  if (typeof metadata?.['namespace'] === 'string') out.namespace = metadata['namespace'];
  if (typeof metadata?.['name'] === 'string') out.name = metadata['name'];
  return out;
}

function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((part, index) => path[index] === part);
}

function yamlOf(object: JsonObject, commentBefore?: string | null): string {
  const document = new Document(object);
  if (commentBefore) document.commentBefore = commentBefore;
  return document.toString({ lineWidth: 0 });
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

interface StoreKey {
  kind: string;
  namespace: string | undefined;
  name: string;
}

function keyOf(object: JsonObject): StoreKey {
  const { kind, namespace, name } = describe(object);
  return { kind: kind ?? '', namespace, name: name ?? '' };
}

/** The store references of an ExternalSecret, with their paths. */
function storeReferences(object: JsonObject): { path: FieldPath; kind: string; name: string }[] {
  const spec = isJsonObject(object['spec']) ? object['spec'] : {};
  const refs: { path: FieldPath; ref: unknown }[] = [
    { path: ['spec', 'secretStoreRef'], ref: spec['secretStoreRef'] },
  ];
  for (const field of ['data', 'dataFrom']) {
    const entries = spec[field];
    if (Array.isArray(entries))
      entries.forEach((entry: unknown, index) => {
        refs.push({
          path: ['spec', field, index, 'sourceRef', 'storeRef'],
          ref: getAt(entry, ['sourceRef', 'storeRef']),
        });
      });
  }
  return refs.flatMap(({ path, ref }) =>
    isJsonObject(ref) && typeof ref['name'] === 'string'
      ? [{ path, kind: typeof ref['kind'] === 'string' ? ref['kind'] : 'SecretStore', name: ref['name'] }]
      : [],
  );
}

class Migration {
  readonly result: MigrateResult = { objects: [], report: [], leftOut: 0 };
  private readonly generatedStores = new Set<string>();
  private readonly leftOutStores: StoreKey[] = [];
  private readonly converted: { manifest: ManifestObject; object: JsonObject; notes: Note[] }[] = [];
  private readonly noted: { manifest: ManifestObject; notes: Note[] }[] = [];
  private readonly options: MigrateOptions;

  constructor(options: MigrateOptions) {
    this.options = options;
  }

  /**
   * Ferry's own checks (the controller's schemas, the CRDs' rules, the controller's sync-time
   * checks): an object that fails them is left out rather than printed. Findings already explained
   * by a conversion note (a dropped provider block explains "no provider block") are not repeated.
   */
  private admissible(object: JsonObject, notes: Note[], subject: string): boolean {
    const failures = checkFerryObject(object).findings.filter((finding) => finding.severity === 'error');
    if (failures.length === 0) return true;
    const explained = notes.filter((note) => note.severity === 'error').map((note) => note.path);
    for (const failure of failures) {
      if (explained.some((path) => startsWith(path, failure.path))) continue;
      notes.push(error(failure.path, `Ferry would refuse it: ${failure.message}`));
    }
    notes.push(error([], `${subject} is left out of the output, for the reasons above`));
    return false;
  }

  private emitStore(store: GeneratedStore, notes: Note[]): void {
    if (this.generatedStores.has(store.identity)) return;
    this.generatedStores.add(store.identity);
    notes.push(...store.notes);
    if (this.admissible(store.object, notes, 'the generated SecretStore'))
      this.result.objects.push({ origin: 'generated', object: store.object, yaml: yamlOf(store.object) });
  }

  add(manifest: ManifestObject): void {
    const { object } = manifest;
    const group = groupOf(object['apiVersion']);
    const kind = String(object['kind']);
    if (group === 'external-secrets.io') {
      const conversion = convertEso(object);
      if (this.options.adopt && conversion.object) markForAdoption(conversion.object);
      this.finish(manifest, conversion.object, conversion.notes, kind, true);
    } else if (group === 'generators.external-secrets.io') {
      this.finish(manifest, undefined, [unsupportedEsoKind(kind, group)], kind);
    } else if (group === 'kubernetes-client.io') {
      if (kind !== 'ExternalSecret') {
        const notes = [error(['kind'], `kubernetes-external-secrets has no kind ${kind}`)];
        this.finish(manifest, undefined, notes, kind);
        return;
      }
      const conversion = convertKes(object, this.options.kesEnvironment ?? {});
      const notes = [...conversion.notes];
      if (conversion.store && conversion.object) this.emitStore(conversion.store, notes);
      this.finish(manifest, conversion.object, notes, kind);
    } else if (group !== ferryGroup && this.options.onlyConverted) {
      return;
    } else {
      const yaml = manifest.base.length === 0 ? withNewline(manifest.text) : yamlOf(object);
      this.result.objects.push({ origin: 'passed', object, yaml });
    }
  }

  /**
   * An ESO object keeps its document (`inPlace`): the same fields in the same order, comments
   * included. A KES object is rebuilt, keeping the comment above it.
   */
  private finish(
    manifest: ManifestObject,
    converted: JsonObject | undefined,
    notes: Note[],
    kind: string,
    inPlace = false,
  ): void {
    this.noted.push({ manifest, notes });
    if (converted && this.admissible(converted, notes, `the ${kind}`)) {
      const whole = manifest.base.length === 0;
      const yaml =
        whole && inPlace
          ? editedDocumentText(manifest.document, manifest.object, converted)
          : yamlOf(converted, whole ? manifest.document.commentBefore : undefined);
      this.result.objects.push({ origin: 'converted', object: converted, yaml });
      this.converted.push({ manifest, object: converted, notes });
      return;
    }
    this.result.leftOut += 1;
    if (kind === 'SecretStore' || kind === 'ClusterSecretStore')
      this.leftOutStores.push(keyOf(manifest.object));
  }

  addProblem(source: Source, line: number, column: number, message: string): void {
    this.result.report.push({ file: source.file, line, column, path: '', severity: 'error', message });
  }

  /** Warns of ExternalSecrets whose store was left out, then writes the report in input order. */
  complete(): MigrateResult {
    for (const { object, notes } of this.converted) {
      if (object['kind'] !== 'ExternalSecret') continue;
      const namespace = keyOf(object).namespace;
      for (const ref of storeReferences(object)) {
        const gone = this.leftOutStores.some(
          (store) =>
            store.kind === ref.kind &&
            store.name === ref.name &&
            (ref.kind === 'ClusterSecretStore' || store.namespace === namespace),
        );
        if (gone)
          notes.push(
            warning(
              ref.path,
              `the ${ref.kind} "${ref.name}" was left out of the output; this ExternalSecret reports StoreNotFound until it exists`,
              'give it a store Ferry supports, or keep it on External Secrets Operator with its store',
            ),
          );
      }
    }
    for (const { manifest, notes } of this.noted) this.report(manifest, notes);
    return this.result;
  }

  /** The notes of one object in the order of its fields; what became of the whole object last. */
  private report(manifest: ManifestObject, notes: readonly Note[]): void {
    const placed = notes.map((note) => ({ note, ...manifest.positionOf(note.path, true) }));
    const rank = (entry: (typeof placed)[number]) => (entry.note.path.length === 0 ? 1 : 0);
    placed.sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.column - b.column);
    for (const { note, line, column } of placed) {
      this.result.report.push({
        file: manifest.source.file,
        line,
        column,
        ...describe(manifest.object),
        path: formatPath(note.path),
        severity: note.severity,
        message: note.message,
        ...(note.action !== undefined && { action: note.action }),
      });
    }
  }
}

/** Converts every ESO and KES object of the sources to Ferry's API, with a report of what did not carry over. */
export function migrateSources(sources: readonly Source[], options: MigrateOptions = {}): MigrateResult {
  const migration = new Migration(options);
  for (const source of sources) {
    const parsed = parseSource(source);
    for (const problem of parsed.problems)
      migration.addProblem(
        source,
        problem.position.line,
        problem.position.column,
        `${problem.message}; left out`,
      );
    for (const manifest of parsed.objects) migration.add(manifest);
  }
  return migration.complete();
}
