import { describe, expect, it } from 'vitest';
import { PropertyNotFoundError } from '../errors.ts';
import { metadataEntries, metadataMap, selectMetadata } from './metadata.ts';

const text = (value: Uint8Array): string => new TextDecoder().decode(value);
const object = {
  tags: { environment: 'dev', settings: '{"rotation":"30d","owner":"alice"}', counts: '{"n":1}' },
  createdOn: new Date('2026-01-02T03:04:05.678Z'),
  expiresOn: undefined,
};

describe('metadata of a Key Vault object', () => {
  it('lists tags and ESO’s attribute entries, in RFC 3339 seconds', () => {
    expect(metadataEntries(object)).toEqual({ ...object.tags, 'attribute.created': '2026-01-02T03:04:05Z' });
  });

  it('selects one tag, a field of a JSON tag, or all as JSON', () => {
    expect(text(selectMetadata(object, 'environment', 'ctx'))).toBe('dev');
    expect(text(selectMetadata(object, 'settings.rotation', 'ctx'))).toBe('30d');
    expect(text(selectMetadata(object, 'attribute.created', 'ctx'))).toBe('2026-01-02T03:04:05Z');
    expect(JSON.parse(text(selectMetadata(object, undefined, 'ctx')))).toMatchObject({ environment: 'dev' });
    expect(() => selectMetadata(object, 'owner', 'ctx')).toThrow(
      new PropertyNotFoundError('ctx has no tag "owner"'),
    );
  });

  it('maps tags as ESO does: <name>_<tag>, JSON objects of strings spread into fields', () => {
    const map = metadataMap(object, 'db', undefined, 'ctx');
    expect(Object.fromEntries(Object.entries(map).map(([key, value]) => [key, text(value)]))).toEqual({
      db_environment: 'dev',
      db_settings_rotation: '30d',
      db_settings_owner: 'alice',
      db_counts: '{"n":1}',
      'db_attribute.created': '2026-01-02T03:04:05Z',
    });
    expect(Object.keys(metadataMap(object, 'db', 'environment', 'ctx'))).toEqual(['db_environment']);
    expect(() => metadataMap(object, 'db', 'nope', 'ctx')).toThrow(PropertyNotFoundError);
  });
});
