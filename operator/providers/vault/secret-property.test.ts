import { describe, expect, it } from 'vitest';
import { PropertyNotFoundError, ProviderError } from '../errors.ts';
import { selectSecretProperty } from './secret-property.ts';

const text = (value: Uint8Array): string => new TextDecoder().decode(value);
const data = {
  'tls.crt': 'CERT',
  user: 'alice',
  port: 5432,
  empty: null,
  db: { host: 'db.internal', ports: [1, 2] },
  config: '{"cache":{"ttl":"30s"}}',
  plain: 'not json',
};
const select = (property?: string) => text(selectSecretProperty(data, property, 'vault: secret "app"'));

describe('the property of a Vault secret', () => {
  it('without a property, is the whole secret as JSON', () => {
    expect(JSON.parse(select())).toEqual(data);
  });

  it('is a field first, even one whose name has a dot', () => {
    expect(select('tls.crt')).toBe('CERT');
    expect(select('user')).toBe('alice');
  });

  it('gives non-strings as JSON and null as empty, as ESO does', () => {
    expect(select('port')).toBe('5432');
    expect(select('empty')).toBe('');
    expect(JSON.parse(select('db'))).toEqual(data.db);
  });

  it('follows a gjson path into nested fields', () => {
    expect(select('db.host')).toBe('db.internal');
    expect(select('db.ports.1')).toBe('2');
  });

  it('follows a path on into a field holding JSON text', () => {
    expect(select('config.cache.ttl')).toBe('30s');
  });

  it('names a property that is not there; a path into text that is not JSON is InvalidData', () => {
    expect(() => select('db.password')).toThrow(PropertyNotFoundError);
    expect(() => select('config.cache.size')).toThrow(/cache\.size/);
    expect(() => select('plain.field')).toThrow(ProviderError);
    expect(() => select('plain.field')).not.toThrow(PropertyNotFoundError);
  });
});
