import { describe, expect, it } from 'vitest';
import { execute, stringMap, TemplateError } from '../../template/index.ts';
import { BoundedCache } from './bounded-cache.ts';
import { ParsedTemplates } from './parsed-templates.ts';

describe('ParsedTemplates', () => {
  it('parses a template once, however many ExternalSecrets use it', () => {
    const templates = new ParsedTemplates();
    const first = templates.get('tls.crt', '{{ .cert | b64dec }}');
    expect(templates.get('tls.crt', '{{ .cert | b64dec }}')).toBe(first);
    // The name is part of the template (Go's messages carry it): another name is another template.
    expect(templates.get('ca.crt', '{{ .cert | b64dec }}')).not.toBe(first);
  });

  it('keeps a parse error too, and throws it each time', () => {
    const templates = new ParsedTemplates();
    const parse = () => templates.get('x', '{{ .a | nosuch }}');
    expect(parse).toThrow(TemplateError);
    expect(parse).toThrow('template: x:1: function "nosuch" not defined');
  });

  it('parses with the operator’s delimiters, leaving {{ }} as text', () => {
    const templates = new ParsedTemplates({ delimiters: { left: '<%', right: '%>' } });
    const parsed = templates.get('conf', 'helm: {{ .Values.x }}, ours: <% .password | upper %>');
    expect(execute(parsed, stringMap({ password: 'pw' }))).toBe('helm: {{ .Values.x }}, ours: PW');
  });

  it('stays within its bounds, dropping the least recently used', () => {
    const templates = new ParsedTemplates({ bounds: { maxEntries: 2, maxSize: 1024 } });
    const a = templates.get('a', '{{ .a }}');
    templates.get('b', '{{ .b }}');
    expect(templates.get('a', '{{ .a }}')).toBe(a);
    templates.get('c', '{{ .c }}');
    expect(templates.get('a', '{{ .a }}')).toBe(a);
    const b = templates.get('b', '{{ .b }}');
    expect(templates.get('b', '{{ .b }}')).toBe(b);
  });
});

describe('BoundedCache', () => {
  it('evicts the least recently used entry past maxEntries or maxSize', () => {
    const cache = new BoundedCache<string>({ maxEntries: 3, maxSize: 10 });
    cache.set('a', 'A', 4);
    cache.set('b', 'B', 4);
    expect(cache.get('a')).toBe('A');
    cache.set('c', 'C', 4); // 12 > 10: "b" (least recently used) goes
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
    cache.set('big', 'X', 11); // larger than the whole cache: not kept, nothing evicted
    expect(cache.get('big')).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('deletes by key and by prefix', () => {
    const cache = new BoundedCache<number>({ maxEntries: 10, maxSize: 100 });
    cache.set('ConfigMap/ns/a', 1, 1);
    cache.set('ConfigMap/ns/b', 2, 1);
    cache.set('Secret/ns/a', 3, 1);
    cache.delete('ConfigMap/ns/a');
    expect(cache.get('ConfigMap/ns/a')).toBeUndefined();
    cache.deletePrefix('ConfigMap/');
    expect(cache.size).toBe(1);
    expect(cache.get('Secret/ns/a')).toBe(3);
  });
});
