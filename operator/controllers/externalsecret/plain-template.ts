import type { Template } from '../../api/v1alpha1/index.ts';
import { InvalidSpecError } from './invalid-spec.ts';

// Until the template engine (issue #5) lands, target.template.data supports exactly the templates
// that copy one fetched key: `{{ .name }}` or `{{ index . "name" }}`. Anything else is rejected
// with TemplateError rather than written out verbatim or silently dropped.
const fieldReference = /^\{\{-?\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*-?\}\}$/;
const indexReference = /^\{\{-?\s*index\s+\.\s+"([^"\\]+)"\s*-?\}\}$/;

/** Renders target.template.data and mergePolicy over the fetched data; rejects templateFrom for now. */
export function applyPlainTemplate(
  fetched: Record<string, Uint8Array>,
  template: Template | undefined,
): Record<string, Uint8Array> {
  if (!template) return fetched;
  if (template.templateFrom && template.templateFrom.length > 0) {
    throw new InvalidSpecError(
      'spec.target.template.templateFrom needs the template engine, which is not available yet',
      'TemplateError',
    );
  }
  if (!template.data) return fetched;
  const rendered: Record<string, Uint8Array> = {};
  for (const [key, text] of Object.entries(template.data)) {
    const trimmed = text.trim();
    const name = fieldReference.exec(trimmed)?.[1] ?? indexReference.exec(trimmed)?.[1];
    if (name === undefined) {
      throw new InvalidSpecError(
        `spec.target.template.data.${key}: only plain key references such as {{ .password }} are supported until the template engine is available`,
        'TemplateError',
      );
    }
    const value = fetched[name];
    if (value === undefined) {
      throw new InvalidSpecError(
        `spec.target.template.data.${key}: refers to "${name}", which no data or dataFrom entry provides`,
        'TemplateError',
      );
    }
    rendered[key] = value;
  }
  return template.mergePolicy === 'Merge' ? { ...fetched, ...rendered } : rendered;
}
