// What only the controller finds, at sync time, in an object the API server admitted: regular
// expressions RE2 does not accept, templates that do not parse, keys the Secret cannot hold, a
// provider block whose credentials cannot be named, credentials in a namespace the store may not
// read. The same code answers where it can be reached (the template parser, RE2, each provider's
// credentialRefs); the rest restates the controller's rule and says so.
import { RE2JS } from 're2js';
import {
  ClusterStoreCondition,
  DataFromEntry,
  Template,
  type RewriteMerge,
  parseDuration,
  providerNames,
} from '../../api/v1alpha1/index.ts';
import { getProvider, type CredentialRef } from '../../providers/index.ts';
import {
  TemplateError,
  parseTemplate,
  systemEnvironment,
  templateFunctions,
  type FunctionMap,
} from '../../template/index.ts';
import type { FieldPath, ObjectFinding } from './findings.ts';

let functions: FunctionMap | undefined;

function templateProblem(path: FieldPath, name: string, text: string): ObjectFinding | undefined {
  functions ??= templateFunctions(systemEnvironment);
  try {
    parseTemplate(name, text, { functions });
    return undefined;
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    // Go's message: template name, line, column and the construct at fault; never rendered data.
    return {
      path,
      message: `template does not parse: ${error.template}:${String(error.line)}:${String(error.column)}: ${error.reason}`,
      severity: 'error',
    };
  }
}

function regexpProblem(path: FieldPath, source: string): ObjectFinding | undefined {
  try {
    RE2JS.compile(source);
    return undefined;
  } catch (error) {
    return {
      path,
      message: `invalid RE2 regular expression (no look-around or back-references): ${(error as Error).message}`,
      severity: 'error',
    };
  }
}

const secretKeyPattern = /^[-._a-zA-Z0-9]+$/;
const labelNamePart = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A label or annotation key, as the controller checks it before writing (metadata-checks.ts). */
function isQualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !dnsSubdomain.test(prefix))) return false;
  return name.length <= 63 && labelNamePart.test(name);
}

function templateFindings(template: Template, base: FieldPath): ObjectFinding[] {
  const findings: (ObjectFinding | undefined)[] = [];
  for (const [key, text] of Object.entries(template.data ?? {})) {
    const path = [...base, 'data', key];
    if (!secretKeyPattern.test(key) || key.length > 253)
      findings.push({
        path,
        message: 'not a valid Secret key: letters, digits, "-", "_" and "." only',
        severity: 'error',
        atKey: true,
      });
    findings.push(templateProblem(path, key, text));
  }
  for (const kind of ['labels', 'annotations'] as const) {
    for (const [key, text] of Object.entries(template.metadata?.[kind] ?? {})) {
      const path = [...base, 'metadata', kind, key];
      if (!isQualifiedName(key))
        findings.push({
          path,
          message: `not a valid ${kind === 'labels' ? 'label' : 'annotation'} key: an optional DNS-subdomain prefix and "/", then at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`,
          severity: 'error',
          atKey: true,
        });
      findings.push(templateProblem(path, key, text));
    }
  }
  (template.templateFrom ?? []).forEach((entry, index) => {
    if (entry.literal !== undefined)
      findings.push(templateProblem([...base, 'templateFrom', index, 'literal'], 'literal', entry.literal));
  });
  return findings.filter((finding) => finding !== undefined);
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** A merge rewrite the controller runs, but not as its author likely meant (rewrite-merge.ts). */
function mergeHints(path: FieldPath, merge: RewriteMerge): ObjectFinding[] {
  const hints: ObjectFinding[] = [];
  if ((merge.strategy ?? 'Extract') === 'Extract' && merge.into) {
    hints.push({
      path: [...path, 'into'],
      message:
        'into is ignored with strategy Extract (the merged fields become keys); set strategy JSON to merge into one key',
      severity: 'hint',
    });
  }
  const priority = merge.priority ?? [];
  priority.forEach((key, index) => {
    if (priority.indexOf(key) !== index) {
      hints.push({
        path: [...path, 'priority', index],
        message: `the key ${JSON.stringify(key)} is listed more than once; it is merged once, at its last place`,
        severity: 'hint',
      });
    }
  });
  return hints;
}

/**
 * The controller's checks of an ExternalSecret, part by part: each part the schema accepts is
 * checked even when another part has a schema error, so one run shows every problem.
 */
export function externalSecretFindings(object: Record<string, unknown>): ObjectFinding[] {
  const findings: (ObjectFinding | undefined)[] = [];
  const spec = record(object['spec']);
  list(spec['dataFrom']).forEach((raw, index) => {
    const parsed = DataFromEntry.safeParse(raw);
    if (!parsed.success) return;
    const entry = parsed.data;
    const at = ['spec', 'dataFrom', index];
    if (entry.find?.name)
      findings.push(regexpProblem([...at, 'find', 'name', 'regexp'], entry.find.name.regexp));
    (entry.rewrite ?? []).forEach((rewrite, rewriteIndex) => {
      const rewriteAt = [...at, 'rewrite', rewriteIndex];
      if (rewrite.regexp)
        findings.push(regexpProblem([...rewriteAt, 'regexp', 'source'], rewrite.regexp.source));
      if (rewrite.transform)
        findings.push(
          templateProblem([...rewriteAt, 'transform', 'template'], 'transform', rewrite.transform.template),
        );
      if (rewrite.merge) findings.push(...mergeHints([...rewriteAt, 'merge'], rewrite.merge));
    });
  });
  const template = Template.safeParse(record(spec['target'])['template']);
  if (template.success) findings.push(...templateFindings(template.data, ['spec', 'target', 'template']));
  return findings.filter((finding) => finding !== undefined);
}

interface StoreIdentity {
  kind: string;
  namespace: string | undefined;
}

/** The path of the selector in `config` whose name is `name`, for pointing at a credential. */
function selectorPath(config: unknown, name: string, path: FieldPath): FieldPath | undefined {
  if (Array.isArray(config)) {
    for (const [index, item] of config.entries()) {
      const found = selectorPath(item, name, [...path, index]);
      if (found) return found;
    }
  } else if (typeof config === 'object' && config !== null) {
    const record = config as Record<string, unknown>;
    if (record['name'] === name) return path;
    for (const [key, value] of Object.entries(record)) {
      const found = selectorPath(value, name, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

type ObjectCredentialRef = Exclude<CredentialRef, { kind: 'operatorIdentity' }>;

function referencedName(ref: ObjectCredentialRef): string {
  switch (ref.kind) {
    case 'secretKey':
      return ref.secretName;
    case 'configMapKey':
      return ref.configMapName;
    default:
      return ref.serviceAccountName;
  }
}

/** The controller's rule (controllers/store-clients/credentials.ts): where a store may read credentials. */
function credentialNamespaceFindings(
  store: StoreIdentity,
  refs: CredentialRef[],
  config: unknown,
  base: FieldPath,
): ObjectFinding[] {
  const findings: ObjectFinding[] = [];
  for (const ref of refs) {
    if (ref.kind === 'operatorIdentity') {
      // A hint, not an error: the cluster may run Ferry with the flag that allows it.
      if (store.kind === 'SecretStore')
        findings.push({
          path: base,
          message: `no credentials of its own: this SecretStore would use ${ref.identity}, which Ferry refuses (AmbientCredentialsNotAllowed) unless it runs with --namespaced-stores-ambient-credentials; add ${ref.instead}, or use a ClusterSecretStore`,
          severity: 'hint',
        });
      continue;
    }
    const name = referencedName(ref);
    const path = selectorPath(config, name, base) ?? base;
    if (store.kind === 'ClusterSecretStore' && !ref.namespace) {
      findings.push({
        path,
        message: `a ClusterSecretStore has no namespace of its own: name the namespace of "${name}"`,
        severity: 'error',
      });
    } else if (
      store.kind === 'SecretStore' &&
      ref.namespace &&
      store.namespace &&
      ref.namespace !== store.namespace
    ) {
      findings.push({
        path: [...path, 'namespace'],
        message: `a SecretStore reads credentials from its own namespace only ("${store.namespace}"); use a ClusterSecretStore to read them from "${ref.namespace}"`,
        severity: 'error',
      });
    }
  }
  return findings;
}

/**
 * The controller's checks of a store. `known` says which fields already have findings: a provider
 * block the schema or a CEL rule refused is not asked for its credentials too.
 */
export function storeFindings(
  object: Record<string, unknown>,
  known: (path: FieldPath) => boolean,
): ObjectFinding[] {
  const findings: (ObjectFinding | undefined)[] = [];
  const spec = record(object['spec']);
  const metadata = record(object['metadata']);
  const namespace = typeof metadata['namespace'] === 'string' ? metadata['namespace'] : undefined;
  const store: StoreIdentity = { kind: String(object['kind']), namespace };
  const provider = record(spec['provider']);
  for (const name of providerNames) {
    const config = provider[name];
    const adapter = getProvider(name);
    const base = ['spec', 'provider', name];
    if (config === undefined || !adapter || known(base)) continue;
    const parsed = adapter.configSchema.safeParse(config);
    if (!parsed.success) continue;
    try {
      const refs = adapter.credentialRefs(parsed.data);
      findings.push(...credentialNamespaceFindings(store, refs, config, base));
    } catch (error) {
      findings.push({ path: base, message: (error as Error).message, severity: 'error' });
    }
  }
  const interval = record(spec['retrySettings'])['retryInterval'];
  if (typeof interval === 'string') {
    try {
      parseDuration(interval);
    } catch {
      findings.push({
        path: ['spec', 'retrySettings', 'retryInterval'],
        message: 'expected a duration such as "30s", "5m" or "1h"',
        severity: 'error',
      });
    }
  }
  if (store.kind === 'ClusterSecretStore') {
    list(spec['conditions']).forEach((raw, index) => {
      const condition = ClusterStoreCondition.safeParse(raw);
      if (!condition.success) return;
      (condition.data.namespaceRegexes ?? []).forEach((source, regexIndex) => {
        findings.push(regexpProblem(['spec', 'conditions', index, 'namespaceRegexes', regexIndex], source));
      });
    });
  }
  return findings.filter((finding) => finding !== undefined);
}
