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

  it('keeps integers exactly as written, and writes other numbers as Go does (gjson’s String)', () => {
    expect(select('{"id":12345678901234567890,"ratio":1.50}', 'id')).toBe('12345678901234567890');
    expect(select('{"id":-7}', 'id')).toBe('-7');
    expect(select('{"id":12345678901234567890,"ratio":1.50}', 'ratio')).toBe('1.5');
    expect(select('{"a":1e3,"b":1.5e-7,"c":-0.0,"d":1e400,"e":2.5E+21}', 'a')).toBe('1000');
    expect(select('{"a":1e3,"b":1.5e-7,"c":-0.0,"d":1e400,"e":2.5E+21}', 'b')).toBe('0.00000015');
    expect(select('{"a":1e3,"b":1.5e-7,"c":-0.0,"d":1e400,"e":2.5E+21}', 'c')).toBe('-0');
    expect(select('{"a":1e3,"b":1.5e-7,"c":-0.0,"d":1e400,"e":2.5E+21}', 'd')).toBe('+Inf');
    expect(select('{"a":1e3,"b":1.5e-7,"c":-0.0,"d":1e400,"e":2.5E+21}', 'e')).toBe('2500000000000000000000');
    expect(select('{"o":{"id":12345678901234567890}}', 'o')).toBe('{"id":12345678901234567890}');
  });

  it('returns an object or array as its text in the value: spacing, key order and numbers kept', () => {
    const json = '{"db": {"port": 5432,\n  "10": "x", "ratio": 1.50},\t"list": [ 1, "two" ]}';
    expect(select(json, 'db')).toBe('{"port": 5432,\n  "10": "x", "ratio": 1.50}');
    expect(select(json, 'list')).toBe('[ 1, "two" ]');
  });

  it('takes the first of a key given twice, as gjson does', () => {
    expect(select('{"a":"first","a":"second"}', 'a')).toBe('first');
  });

  it('reads # as the length of an array, and #.path as that path of every item', () => {
    const json = '{"users":[{"name":"ann","id":1},{"id":2},{"name":"bob","id":3}]}';
    expect(select(json, 'users.#')).toBe('3');
    expect(select(json, 'users.#.name')).toBe('["ann","bob"]');
    expect(select(json, 'users.#.id')).toBe('[1,2,3]');
    expect(select(json, 'users.1.id')).toBe('2');
    // gjson reads the index as digits, leading zeros included.
    expect(select(json, 'users.01.id')).toBe('2');
  });

  it('matches keys with * and ? (first match), and an escaped * or ? literally', () => {
    const json = '{"password-v1":"one","password-v2":"two","a*b":"star"}';
    expect(select(json, 'password-*')).toBe('one');
    expect(select(json, 'password-v?')).toBe('one');
    expect(select(json, 'a\\*b')).toBe('star');
  });

  it('refuses gjson syntax it does not implement, saying so, rather than finding nothing', () => {
    const json = '{"users":[{"name":"ann"}],"a|b":"x"}';
    for (const [property, what] of [
      ['users.#(name=="ann").name', 'queries'],
      ['users|@reverse', 'pipes'],
      ['@reverse', 'modifiers'],
      ['[users,a]', 'multipaths'],
      ['..0', 'JSON lines'],
    ] as const) {
      expect(() => select(json, property)).toThrow(
        expect.objectContaining({ reason: 'InvalidData', message: expect.stringContaining(what) as unknown }),
      );
    }
    expect(select(json, 'a\\|b')).toBe('x');
    // A key that starts with @ but names no modifier is a key, as in gjson.
    expect(select('{"@timestamp":"t"}', '@timestamp')).toBe('t');
  });

  it('throws PropertyNotFoundError naming the property when it is absent', () => {
    for (const property of ['missing', 'nested.missing', 'items.2', 'items.x', 'user.deeper', 'items.-1']) {
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
  it('maps string fields to their text and other fields to their JSON text as written', () => {
    const map = jsonObjectToMap(
      bytes(
        '{"user":"admin","port":5432,"ratio":1.50,"tags":[ "a" ],"on":false,"nothing":null,"user":"last"}',
      ),
      'x',
    );
    expect(Object.fromEntries(Object.entries(map).map(([key, value]) => [key, text(value)]))).toEqual({
      user: 'last',
      port: '5432',
      ratio: '1.50',
      tags: '[ "a" ]',
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
    const texts = (property: string) => parsePropertyPath(property).map((segment) => segment.text);
    expect(texts('a.b\\.c.d')).toEqual(['a', 'b.c', 'd']);
    expect(texts('a\\\\.b')).toEqual(['a\\', 'b']);
    expect(texts('plain')).toEqual(['plain']);
  });
});
