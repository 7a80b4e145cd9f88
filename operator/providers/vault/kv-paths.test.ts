import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../errors.ts';
import { dataPath, listPath, metadataPath } from './kv-paths.ts';

const v2 = { mount: 'secret', version: 'v2' } as const;
const v1 = { mount: 'secret', version: 'v1' } as const;

describe('KV paths, as ESO builds them', () => {
  it('prefixes the mount, and data/ or metadata/ on KV v2', () => {
    expect(dataPath(v2, 'db')).toBe('secret/data/db');
    expect(metadataPath(v2, 'team/db')).toBe('secret/metadata/team/db');
    expect(dataPath(v1, 'team/db')).toBe('secret/team/db');
    expect(dataPath({ mount: 'kv/team-a', version: 'v2' }, 'db')).toBe('kv/team-a/data/db');
  });

  it('does not repeat a mount (or data/) the key already starts with', () => {
    expect(dataPath(v2, 'secret/db')).toBe('secret/data/db');
    expect(dataPath(v2, 'secret/data/db')).toBe('secret/data/db');
    expect(metadataPath(v2, 'secret/data/db')).toBe('secret/metadata/db');
    expect(dataPath(v1, 'secret/db')).toBe('secret/db');
    // A secret named like the mount is still a secret.
    expect(dataPath(v2, 'secret')).toBe('secret/data/secret');
  });

  it('without a mount, the key carries it', () => {
    const mountless = { mount: undefined, version: 'v2' } as const;
    expect(dataPath(mountless, 'secret/team/db')).toBe('secret/data/team/db');
    expect(dataPath(mountless, 'secret/data/team/db')).toBe('secret/data/team/db');
    expect(metadataPath(mountless, 'secret/data/team/db')).toBe('secret/metadata/team/db');
    expect(dataPath({ mount: undefined, version: 'v1' }, 'kv/db')).toBe('kv/db');
    expect(() => dataPath(mountless, 'db')).toThrow(/starts with the KV mount/);
  });

  it('encodes each segment, so a key cannot add a query or leave its path', () => {
    expect(dataPath(v2, 'a b/c?d#e%')).toBe('secret/data/a%20b/c%3Fd%23e%25');
    for (const key of ['../sys/mounts', 'a/./b', 'a//b', 'a/..']) {
      expect(() => dataPath(v2, key)).toThrow(InvalidConfigError);
    }
  });

  it('lists folders under metadata/ on KV v2 and at the mount on KV v1', () => {
    expect(listPath(v2, '')).toBe('secret/metadata/');
    expect(listPath(v2, 'apps/')).toBe('secret/metadata/apps/');
    expect(listPath(v1, 'apps/team/')).toBe('secret/apps/team/');
  });
});
