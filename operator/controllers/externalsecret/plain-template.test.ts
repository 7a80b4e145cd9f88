import { describe, expect, it } from 'vitest';
import { Template } from '../../api/v1alpha1/index.ts';
import { InvalidSpecError } from './invalid-spec.ts';
import { applyPlainTemplate } from './plain-template.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const texts = (data: Record<string, Uint8Array>): Record<string, string> =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [key, new TextDecoder().decode(value)]));
const fetched = { password: bytes('s3cret'), 'api-token': bytes('tok'), user: bytes('app') };
const template = (fields: Record<string, unknown>): Template => Template.parse(fields);

function templateError(run: () => unknown): InvalidSpecError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSpecError);
    expect((error as InvalidSpecError).reason).toBe('TemplateError');
    return error as InvalidSpecError;
  }
  throw new Error('expected a TemplateError');
}

describe('applyPlainTemplate', () => {
  it('without a template, or a template without data, passes the data through', () => {
    expect(applyPlainTemplate(fetched, undefined)).toBe(fetched);
    expect(applyPlainTemplate(fetched, template({ type: 'kubernetes.io/basic-auth' }))).toBe(fetched);
  });

  it('renders {{ .key }} and {{ index . "key" }} to the fetched value', () => {
    const rendered = applyPlainTemplate(
      fetched,
      template({
        data: {
          DB_PASSWORD: '{{ .password }}',
          TOKEN: '{{ index . "api-token" }}',
          compact: '{{.user}}',
          trimmed: '{{- .user -}}',
        },
      }),
    );
    expect(texts(rendered)).toEqual({ DB_PASSWORD: 's3cret', TOKEN: 'tok', compact: 'app', trimmed: 'app' });
  });

  it('keeps the text around the reference as text/template does, unless a trim marker removes it', () => {
    // A YAML block scalar (`|`) ends in a newline; Go's template keeps it.
    const rendered = applyPlainTemplate(
      fetched,
      template({
        data: {
          block: '{{ .password }}\n',
          indented: '  {{ .password }}',
          leftTrim: '  {{- .password }}\n',
          rightTrim: '  {{ .password -}}\n',
          bothTrim: '\n{{- .password -}}\n\n',
        },
      }),
    );
    expect(texts(rendered)).toEqual({
      block: 's3cret\n',
      indented: '  s3cret',
      leftTrim: 's3cret\n',
      rightTrim: '  s3cret',
      bothTrim: 's3cret',
    });
  });

  it('copies values byte for byte, binary included', () => {
    const binary = new Uint8Array([0x00, 0xff, 0x80]);
    const rendered = applyPlainTemplate({ cert: binary }, template({ data: { 'tls.crt': '{{ .cert }}' } }));
    expect([...(rendered['tls.crt'] ?? [])]).toEqual([0x00, 0xff, 0x80]);
  });

  it('mergePolicy Replace (the default) keeps only the templated keys; Merge adds them to the data', () => {
    const data = { DB_PASSWORD: '{{ .password }}' };
    expect(Object.keys(applyPlainTemplate(fetched, template({ data })))).toEqual(['DB_PASSWORD']);
    const merged = applyPlainTemplate(
      fetched,
      template({ data: { user: '{{ .password }}' }, mergePolicy: 'Merge' }),
    );
    // A templated key wins over a fetched key of the same name.
    expect(texts(merged)).toEqual({ password: 's3cret', 'api-token': 'tok', user: 's3cret' });
  });

  it.each([
    ['a pipeline', '{{ .password | b64enc }}'],
    ['text mixed with a reference', 'postgres://{{ .user }}@db'],
    ['two references', '{{ .user }}{{ .password }}'],
    ['a function', '{{ upper .user }}'],
    ['plain text', 'literal'],
  ])('rejects %s with a TemplateError naming the key, until the template engine lands', (_case, text) => {
    const error = templateError(() => applyPlainTemplate(fetched, template({ data: { DSN: text } })));
    expect(error.message).toContain('spec.target.template.data.DSN');
    expect(error.message).toContain('only plain key references');
  });

  it('rejects a reference to a key no data entry provides, naming both', () => {
    const error = templateError(() =>
      applyPlainTemplate(fetched, template({ data: { DSN: '{{ .missing }}' } })),
    );
    expect(error.message).toBe(
      'spec.target.template.data.DSN: refers to "missing", which no data or dataFrom entry provides',
    );
  });

  it('rejects templateFrom with a TemplateError', () => {
    const error = templateError(() =>
      applyPlainTemplate(
        fetched,
        template({ templateFrom: [{ literal: '{{ .password }}' }], data: { a: '{{ .password }}' } }),
      ),
    );
    expect(error.message).toContain('spec.target.template.templateFrom');
  });

  it('never puts a value in an error message', () => {
    const error = templateError(() =>
      applyPlainTemplate(fetched, template({ data: { a: '{{ .password }}', b: '{{ .password }}x' } })),
    );
    expect(error.message).not.toContain('s3cret');
  });
});
