import type { ExternalSecretSpec, Template } from '../../api/v1alpha1/index.ts';
import type { RenderBudget } from '../../template/index.ts';
import { assembleData, type ReadValues } from './assemble-data.ts';
import { inlineNameSelection, type SelectNames } from './name-selection.ts';
import type { ParsedTemplates } from './parsed-templates.ts';
import type { RenderSandbox } from './render-sandbox.ts';
import { renderSecret, type RenderedSecret, type TemplateSourceData } from './secret-template.ts';

/**
 * The pure steps of one sync: which names a find selects, what the entries read becomes data, the
 * data becomes the Secret.
 */
export interface SyncSteps {
  selectNames: SelectNames;
  assemble(reads: ReadValues): Promise<Record<string, Uint8Array>>;
  render(options: {
    fetched: Readonly<Record<string, Uint8Array>>;
    template: Template | undefined;
    sources: readonly (TemplateSourceData | undefined)[];
  }): Promise<RenderedSecret>;
}

/**
 * Where each step of this ExternalSecret's sync runs: in the render sandbox when it runs tenant
 * code — a find's name regexp, a regexp or transform rewrite, a template with something to render —
 * and inline otherwise, so that an ExternalSecret without them pays nothing (no copy, no thread hop).
 */
export function syncSteps(
  spec: ExternalSecretSpec,
  templates: ParsedTemplates,
  sandbox: RenderSandbox | undefined,
  signal: AbortSignal,
  /** The sync's; a render worker spends from a copy of it, which the sync then takes over. */
  budget: RenderBudget,
): SyncSteps {
  const sandboxed = sandbox?.forSync(signal, budget);
  return {
    // Only a find with a name regexp asks, and every such selection runs the tenant's regexp.
    selectNames: sandboxed
      ? (find, names) => sandboxed.selectNames(find, names)
      : inlineNameSelection(budget),
    assemble: async (reads) =>
      sandboxed && rewritesRunTenantCode(spec)
        ? sandboxed.assemble(spec, reads)
        : assembleData(spec, reads, templates, budget),
    render: async ({ fetched, template, sources }) =>
      sandboxed && template && templateRunsTenantCode(template)
        ? sandboxed.render({ fetched, template, sources })
        : renderSecret({ fetched, template, sources, templates, budget }),
  };
}

/** Regexp and transform rewrites run tenant code; a merge parses JSON, in linear time. */
export function rewritesRunTenantCode(spec: ExternalSecretSpec): boolean {
  return (spec.dataFrom ?? []).some((entry) =>
    (entry.rewrite ?? []).some((rewrite) => rewrite.regexp !== undefined || rewrite.transform !== undefined),
  );
}

/** A template with no data, templateFrom, labels or annotations only sets the type: nothing runs. */
export function templateRunsTenantCode(template: Template): boolean {
  const filled = (entries: Readonly<Record<string, string>> | undefined): boolean =>
    Object.keys(entries ?? {}).length > 0;
  return (
    filled(template.data) ||
    (template.templateFrom ?? []).length > 0 ||
    filled(template.metadata?.labels) ||
    filled(template.metadata?.annotations)
  );
}
