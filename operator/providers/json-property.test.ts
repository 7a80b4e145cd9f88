import { describe, expect, it } from 'vitest';
import { PropertyNotFoundError, ProviderError, SecretNotFoundError } from './errors.ts';
import { jsonObjectToMap, parsePropertyPath, selectProperty } from './json-property.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (value: Uint8Array): string => new TextDecoder().decode(value);
const select = (json: string, property: string): string =>
  text(selectProperty(bytes(json), property, 'test: key "doc"'));

const document = JSON.stringify({
  user: 'admin',
  nested: { host: 'db.internal', port: 5432, tls: true },
  'dotted.key': 'dotted-value',
  items: [{ name: 'first' }, 'second'],
  nothing: null,
});

describe('selectProperty', () => {
  it('follows dotted paths to strings, which come back as their text', () => {
    expect(select(document, 'user')).toBe('admin');
    expect(select(document, 'nested.host')).toBe('db.internal');
  });

  it('returns other JSON values as their JSON text', () => {
    expect(select(document, 'nested.port')).toBe('5432');
    expect(select(document, 'nested.tls')).toBe('true');
    expect(JSON.parse(select(document, 'nested'))).toEqual({ host: 'db.internal', port: 5432, tls: true });
    expect(select(document, 'items.1')).toBe('second');
    expect(select(document, 'items.0.name')).toBe('first');
  });

  it('returns null as empty, as gjson does', () => {
    expect(select(document, 'nothing')).toBe('');
  });

  it('reads a key containing a dot when the dot is escaped', () => {
    expect(select(document, 'dotted\\.key')).toBe('dotted-value');
  });

  it('keeps numbers exactly as written', () => {
    expect(select('{"id":12345678901234567890,"ratio":1.50}', 'id')).toBe('12345678901234567890');
    expect(select('{"id":12345678901234567890,"ratio":1.50}', 'ratio')).toBe('1.50');
    expect(select('{"o":{"id":12345678901234567890}}', 'o')).toBe('{"id":12345678901234567890}');
  });

  it('throws PropertyNotFoundError naming the property when it is absent', () => {
    for (const property of ['missing', 'nested.missing', 'items.2', 'items.x', 'user.deeper', 'items.01']) {
      expect(() => select(document, property)).toThrow(PropertyNotFoundError);
    }
    expect(() => select(document, 'nested.missing')).toThrow(
      'test: key "doc" has no property "nested.missing"',
    );
  });

  it('throws a non-retryable InvalidData error when the value is not JSON, without quoting the value', () => {
    const value = 'hunter2-not-json';
    let caught: unknown;
    try {
      select(value, 'password');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProviderError);
    expect(caught).not.toBeInstanceOf(SecretNotFoundError);
    const error = caught as ProviderError;
    expect(error).toMatchObject({ reason: 'InvalidData', retryable: false });
    expect(error.message).toBe('test: key "doc" is not JSON, so property "password" cannot be read from it');
    expect(error.message).not.toContain(value);
    expect(String(error.cause)).not.toContain(value);
  });

  it('treats bytes that are not UTF-8 as not JSON', () => {
    expect(() => selectProperty(new Uint8Array([0xff, 0xfe]), 'a', 'test')).toThrow(/is not JSON/);
  });
});

describe('jsonObjectToMap', () => {
  it('maps string fields to their text and other fields to JSON text', () => {
    const map = jsonObjectToMap(
      bytes('{"user":"admin","port":5432,"tags":["a"],"on":false,"nothing":null}'),
      'x',
    );
    expect(Object.fromEntries(Object.entries(map).map(([key, value]) => [key, text(value)]))).toEqual({
      user: 'admin',
      port: '5432',
      tags: '["a"]',
      on: 'false',
      nothing: '',
    });
  });

  it('rejects JSON that is not an object, and text that is not JSON, without quoting it', () => {
    for (const value of ['["a-secret-item"]', '"a-secret-string"', '42', 'a-secret-text']) {
      expect(() => jsonObjectToMap(bytes(value), 'test: key "doc"')).toThrow(
        expect.objectContaining({
          reason: 'InvalidData',
          message: expect.not.stringContaining('secret') as unknown,
        }),
      );
    }
  });
});

describe('parsePropertyPath', () => {
  it('splits on unescaped dots', () => {
    expect(parsePropertyPath('a.b\\.c.d')).toEqual(['a', 'b.c', 'd']);
    expect(parsePropertyPath('a\\\\.b')).toEqual(['a\\', 'b']);
    expect(parsePropertyPath('plain')).toEqual(['plain']);
  });
});
