import { describe, expect, it } from 'vitest';
import { ExternalSecret, Template } from '../../api/v1alpha1/index.ts';
import { dataHash } from './data-hash.ts';
import type { LiveTarget } from './live-target.ts';
import { isVolatile, renderedFromSameInputs, templateInputs, templateTexts } from './template-inputs.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const key = new Uint8Array(32);

describe('isVolatile', () => {
  it('is true for templates that call a random or clock function', () => {
    for (const text of [
      '{{ randAlphaNum 16 }}',
      '{{ uuidv4 }}',
      '{{ now | date "2006" }}',
      '{{ htpasswd .user .password }}',
      '{{ fullPemToPkcs12 .crt .key }}',
    ]) {
      expect(isVolatile([text])).toBe(true);
    }
  });

  it('is false for templates whose output is given by the data', () => {
    expect(isVolatile(['{{ .password | b64enc }}', '{{ .dateOfBirth }}', 'randomly {{ .now_ }}'])).toBe(
      false,
    );
  });

  it('looks at every template: data, metadata, literals and source items', () => {
    const template = Template.parse({
      metadata: { annotations: { rotated: '{{ now }}' } },
      templateFrom: [{ configMap: { name: 'cm', items: [{ key: 'k' }] } }, { literal: 'a: b' }],
    });
    expect(templateTexts(template, [{ configMap: { k: '{{ uuidv4 }}' } }, undefined])).toEqual([
      '{{ now }}',
      '{{ uuidv4 }}',
      'a: b',
    ]);
  });
});

describe('templateInputs', () => {
  const template = Template.parse({ data: { p: '{{ .p }}-{{ randAlpha 4 }}' } });
  const hash = (data: Record<string, string>, sources = [] as { configMap?: Record<string, string> }[]) =>
    dataHash(
      key,
      'Opaque',
      templateInputs(
        Object.fromEntries(Object.entries(data).map(([k, v]) => [k, bytes(v)])),
        template,
        sources,
      ),
    );

  it('hashes the same for the same inputs, and differently when data, template or a source changes', () => {
    expect(hash({ p: '1' })).toBe(hash({ p: '1' }));
    expect(hash({ p: '1' })).not.toBe(hash({ p: '2' }));
    expect(hash({ p: '1' }, [{ configMap: { k: 'a' } }])).not.toBe(
      hash({ p: '1' }, [{ configMap: { k: 'b' } }]),
    );
    const other = Template.parse({ data: { p: '{{ .p }}-{{ randAlpha 5 }}' } });
    expect(dataHash(key, 'Opaque', templateInputs({ p: bytes('1') }, other, []))).not.toBe(hash({ p: '1' }));
  });
});

describe('renderedFromSameInputs', () => {
  const es = ExternalSecret.parse({
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'ExternalSecret',
    metadata: { name: 'app', namespace: 'team' },
    spec: { secretStoreRef: { name: 's' }, data: [{ secretKey: 'k', remoteRef: { key: 'k' } }] },
  });
  const live = (
    annotations: Record<string, string>,
    owner = 'owner',
    dataHashNow = 'data-1',
  ): LiveTarget => ({
    metadata: { labels: { 'ferry.dev/owner': owner }, annotations },
    type: 'Opaque',
    immutable: false,
    dataHash: dataHashNow,
  });
  const written = { 'ferry.dev/template-inputs-hash': 'inputs-1', 'ferry.dev/data-hash': 'data-1' };

  it('holds when the Secret records these inputs, is ours, and its data is what Ferry wrote', () => {
    expect(renderedFromSameInputs(live(written), 'inputs-1', 'owner', es)).toBe(true);
  });

  it('does not hold for other inputs, another owner, edited data, or a template that is not volatile', () => {
    expect(renderedFromSameInputs(live(written), 'inputs-2', 'owner', es)).toBe(false);
    expect(renderedFromSameInputs(live(written, 'someone-else'), 'inputs-1', 'owner', es)).toBe(false);
    expect(renderedFromSameInputs(live(written, 'owner', 'data-edited'), 'inputs-1', 'owner', es)).toBe(
      false,
    );
    expect(renderedFromSameInputs(live(written), undefined, 'owner', es)).toBe(false);
  });
});
