import type { Template } from '../../api/v1alpha1/index.ts';
import { InvalidSpecError } from './invalid-spec.ts';

// Until the template engine (issue #5) lands, target.template.data supports exactly the templates
// that copy one fetched key: `{{ .name }}` or `{{ index . "name" }}`. Anything else is rejected
// with TemplateError rather than written out verbatim or silently dropped.
const fieldReference = /^\{\{-?\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*-?\}\}$/;
const indexReference = /^\{\{-?\s*index\s+\.\s+"([^"\\]+)"\s*-?\}\}$/;
/** Splits a template into the white space before the action, the action, and the white space after. */
const surroundingSpace = /^([ \t\r\n]*)(.*?)([ \t\r\n]*)$/s;

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
    const [, before = '', action = '', after = ''] = surroundingSpace.exec(text) ?? [];
    const name = fieldReference.exec(action)?.[1] ?? indexReference.exec(action)?.[1];
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
    // As text/template: the text around the action is output, unless `{{-` / `-}}` trims it.
    rendered[key] = Buffer.concat([
      Buffer.from(action.startsWith('{{-') ? '' : before),
      value,
      Buffer.from(action.endsWith('-}}') ? '' : after),
    ]);
  }
  return template.mergePolicy === 'Merge' ? { ...fetched, ...rendered } : rendered;
}
