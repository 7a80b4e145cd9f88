import { describe, expect, it } from 'vitest';
import { yamlStringMap } from './yaml-string-map.ts';

const read = (text: string): Record<string, string> => Object.fromEntries(yamlStringMap(text));

// Expected values are what sigs.k8s.io/yaml v1.6.0's Unmarshal into a map[string]string gives.
describe('yamlStringMap (sigs.k8s.io/yaml into map[string]string, as ESO reads KeysAndValues output)', () => {
  it('turns numbers and booleans into text as Go does: integers in decimal, floats as float32 %g', () => {
    expect(read('a: 123')).toEqual({ a: '123' });
    expect(read('a: 1.5')).toEqual({ a: '1.5' });
    expect(read('a: 16777217.0')).toEqual({ a: '1.6777216e+07' });
    expect(read('a: 1234567.0')).toEqual({ a: '1.234567e+06' });
    expect(read('a: 3.14159265358979')).toEqual({ a: '3.1415927' });
    expect(read('a: 1e3')).toEqual({ a: '1000' });
    expect(read('a: .inf')).toEqual({ a: '+Inf' });
    expect(read('a: 99999999999999999999')).toEqual({ a: '1e+20' });
    expect(read('a: 0x1F')).toEqual({ a: '31' });
    expect(read('a: 017')).toEqual({ a: '15' });
  });

  it('reads YAML 1.1: yes is true, timestamps and sexagesimals stay text, !!binary is its bytes', () => {
    expect(read('a: yes')).toEqual({ a: 'true' });
    expect(read('a: 2001-12-14')).toEqual({ a: '2001-12-14' });
    expect(read('a: 1:30')).toEqual({ a: '1:30' });
    expect(read('a: !!binary aGVsbG8=')).toEqual({ a: 'hello' });
  });

  it('gives null as "", turns scalar keys into text, and lets a repeated key win', () => {
    expect(read('a: ~')).toEqual({ a: '' });
    expect(read('1: a')).toEqual({ 1: 'a' });
    expect(read('true: x')).toEqual({ true: 'x' });
    expect(read('a: b\na: c')).toEqual({ a: 'c' });
    expect(read('')).toEqual({});
  });

  it('fails on a list or map as a value, or a document that is not a map, without quoting the text', () => {
    expect(() => read('a: [hunter2]')).toThrow('json: cannot unmarshal array into Go value of type string');
    expect(() => read('a: {b: hunter2}')).toThrow(
      'json: cannot unmarshal object into Go value of type string',
    );
    expect(() => read('- hunter2')).toThrow(
      'json: cannot unmarshal array into Go value of type map[string]string',
    );
    expect(() => read('hunter2')).toThrow(
      'json: cannot unmarshal string into Go value of type map[string]string',
    );
    expect(() => read('a: "hunter2')).toThrow(/^yaml: line 1: /);
    for (const text of ['a: [hunter2]', '- hunter2', 'hunter2', 'a: "hunter2']) {
      expect(() => read(text)).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining('hunter2') as unknown }),
      );
    }
  });
});
