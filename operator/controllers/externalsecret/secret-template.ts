// target.template applied as ESO applies it (its ApplyTemplate and templating.Parser):
//   1. the fetched data, if mergePolicy is Merge or the template has neither data nor templateFrom;
//   2. templateFrom entries in order, each its configMap items, then its secret items, then its literal;
//   3. template.data (so an inline template wins over templateFrom for the same key);
//   4. metadata.labels, then metadata.annotations, each value a template (a label templateFrom wrote
//      is overwritten by one of the same key here).
// Every template runs over the fetched data as Go's map[string]string, and a missing key is an error
// (ESO's missingkey=error). A Values template renders the value of one key; a KeysAndValues template
// (and a literal, always) renders a YAML map of keys to values. A templateFrom entry's
// valuesDecodingStrategy then decodes each value it rendered (base64 text → bytes), as ESO does.
import type { Template } from '../../api/v1alpha1/index.ts';
import {
  execute,
  goStringFromBytes,
  goStringToBytes,
  stringMap,
  yamlStringMap,
  type GoMap,
  type RenderBudget,
} from '../../template/index.ts';
import { tryDecode } from './decoding.ts';
import { checkAnnotationsSize, checkMetadataEntry } from './metadata-checks.ts';
import type { ParsedTemplates } from './parsed-templates.ts';
import { TemplateProblem, renderingAt } from './template-failure.ts';

/** What a templateFrom entry's configMap and secret hold, read by the caller before rendering. */
export interface TemplateSourceData {
  configMap?: Readonly<Record<string, string>> | undefined;
  secret?: Readonly<Record<string, Uint8Array>> | undefined;
}

export interface RenderedSecret {
  data: Record<string, Uint8Array>;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

type TemplateFrom = NonNullable<Template['templateFrom']>[number];
type TargetName = TemplateFrom['target'];
type Scope = 'Values' | 'KeysAndValues';
type ValuesDecoding = NonNullable<TemplateFrom['valuesDecodingStrategy']>;

const secretKey = /^[-._a-zA-Z0-9]+$/;
const field = 'spec.target.template';

/** The Secret's data, labels and annotations as the template makes them from the fetched data. */
export function renderSecret(options: {
  fetched: Readonly<Record<string, Uint8Array>>;
  template: Template | undefined;
  /** The data of each templateFrom entry's configMap and secret, in the entries' order. */
  sources: readonly (TemplateSourceData | undefined)[];
  templates: ParsedTemplates;
  /** The sync's: every template draws on it, so they are bounded together, not each alone. */
  budget: RenderBudget;
}): RenderedSecret {
  const { fetched, template, sources, templates, budget } = options;
  const rendered: RenderedSecret = { data: emptyRecord(), labels: emptyRecord(), annotations: emptyRecord() };
  if (!template) return { ...rendered, data: Object.assign(rendered.data, fetched) };
  const templateFrom = template.templateFrom ?? [];
  const inline = template.data ?? {};
  if (template.mergePolicy === 'Merge' || (Object.keys(inline).length === 0 && templateFrom.length === 0)) {
    Object.assign(rendered.data, fetched);
  }
  const renderer = new Renderer(stringMap(asGoStrings(fetched)), templates, rendered, budget);

  templateFrom.forEach((entry, index) => {
    const at = `${field}.templateFrom[${String(index)}]`;
    const source = sources[index];
    const decoding = entry.valuesDecodingStrategy ?? 'None';
    const sourced = [
      { kind: 'ConfigMap', ref: entry.configMap, textOf: (key: string) => ownValue(source?.configMap, key) },
      {
        kind: 'Secret',
        ref: entry.secret,
        textOf: (key: string) => {
          const value = ownValue(source?.secret, key);
          return value && goStringFromBytes(value);
        },
      },
    ];
    for (const { kind, ref, textOf } of sourced) {
      for (const item of ref?.items ?? []) {
        const origin = `${at} (${kind} ${JSON.stringify(ref?.name)}, key ${JSON.stringify(item.key)})`;
        const text = textOf(item.key);
        if (text === undefined) throw new TemplateProblem(`${origin}: the ${kind} has no such key`);
        renderer.apply(item.templateAs, item.key, text, entry.target, origin, decoding);
      }
    }
    if (entry.literal !== undefined) {
      renderer.apply('KeysAndValues', 'literal', entry.literal, entry.target, `${at}.literal`, decoding);
    }
  });

  const fields: [Record<string, string> | undefined, TargetName, string][] = [
    [inline, 'Data', 'data'],
    [template.metadata?.labels, 'Labels', 'metadata.labels'],
    [template.metadata?.annotations, 'Annotations', 'metadata.annotations'],
  ];
  for (const [entries, target, path] of fields) {
    for (const [key, text] of Object.entries(entries ?? {})) {
      renderer.apply('Values', key, text, target, `${field}.${path}[${JSON.stringify(key)}]`);
    }
  }
  checkAnnotationsSize(rendered.annotations);
  return rendered;
}

class Renderer {
  private readonly data: GoMap;
  private readonly templates: ParsedTemplates;
  private readonly out: RenderedSecret;
  private readonly budget: RenderBudget;

  constructor(data: GoMap, templates: ParsedTemplates, out: RenderedSecret, budget: RenderBudget) {
    this.data = data;
    this.templates = templates;
    this.out = out;
    this.budget = budget;
  }

  /** Renders one template (named `name`, as ESO names it by its key) into `target`. */
  apply(
    scope: Scope,
    name: string,
    text: string,
    target: TargetName,
    origin: string,
    decoding: ValuesDecoding = 'None',
  ): void {
    const output = renderingAt(origin, () =>
      execute(this.templates.get(name, text), this.data, { budget: this.budget }),
    );
    if (scope === 'Values') {
      this.set(target, name, this.decode(output, decoding, origin), origin, true);
      return;
    }
    let entries: Map<string, string>;
    try {
      entries = yamlStringMap(output);
    } catch (error) {
      throw new TemplateProblem(
        `${origin}: the template must render a YAML map of keys to text values: ${(error as Error).message}`,
      );
    }
    for (const [key, value] of entries)
      this.set(target, key, this.decode(value, decoding, origin), origin, false);
  }

  /** A rendered value's bytes, decoded by the entry's valuesDecodingStrategy. */
  private decode(value: string, decoding: ValuesDecoding, origin: string): Uint8Array {
    const decoded = tryDecode(goStringToBytes(value), decoding);
    if (decoded === undefined) {
      // The value is rendered and may be secret: say which entry, not what it rendered.
      throw new TemplateProblem(
        `${origin}: valuesDecodingStrategy ${decoding}, but a value the template rendered is not valid ${decoding.toLowerCase()}; render base64 text (b64enc) or set valuesDecodingStrategy None`,
      );
    }
    return decoded;
  }

  private set(target: TargetName, key: string, value: Uint8Array, origin: string, keyIsSpec: boolean): void {
    if (target === 'Data') {
      if (!keyIsSpec && (!secretKey.test(key) || key.length > 253)) {
        // The key was rendered and may be secret: say where it came from, not what it is.
        throw new TemplateProblem(
          `${origin}: the template rendered a key that is not a valid Secret key (letters, digits, "-", "_", "." only)`,
        );
      }
      this.out.data[key] = value;
      return;
    }
    // Labels and annotations are text: bytes that are not UTF-8 become U+FFFD, as Go's JSON encoding makes them.
    const text = Buffer.from(value).toString('utf8');
    const kind = target === 'Labels' ? 'label' : 'annotation';
    checkMetadataEntry(kind, key, text, origin, keyIsSpec);
    (target === 'Labels' ? this.out.labels : this.out.annotations)[key] = text;
  }
}

/** Keys come from secret data and templates: `__proto__` must be a key like any other. */
function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function asGoStrings(data: Readonly<Record<string, Uint8Array>>): Record<string, string> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, goStringFromBytes(value)]));
}

/** A key of a ConfigMap's or Secret's data, never a property every object inherits. */
function ownValue<T>(data: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return data !== undefined && Object.hasOwn(data, key) ? data[key] : undefined;
}
