import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../errors.ts';
import { parentName, secretIdOf, secretName, versionName } from './resource-names.ts';

const global = { projectID: 'acme' };
const regional = { projectID: 'acme', location: 'europe-west1' };

describe('gcpsm resource names', () => {
  it('names global and regional secrets and versions as Secret Manager does', () => {
    expect(parentName(global)).toBe('projects/acme');
    expect(versionName(global, 'db', undefined)).toBe('projects/acme/secrets/db/versions/latest');
    expect(parentName(regional)).toBe('projects/acme/locations/europe-west1');
    expect(versionName(regional, 'db', '3')).toBe(
      'projects/acme/locations/europe-west1/secrets/db/versions/3',
    );
    expect(secretName(regional, 'db')).toBe('projects/acme/locations/europe-west1/secrets/db');
  });

  it('refuses a key or version that would step out of the secret path', () => {
    expect(() => secretName(global, '../other/secrets/x')).toThrow(InvalidConfigError);
    expect(() => secretName(global, '')).toThrow(InvalidConfigError);
    expect(() => versionName(global, 'db', '1/../2')).toThrow(/version "1\/..\/2" of key "db"/);
  });

  it('takes the id from a name the server answered with the project number', () => {
    expect(secretIdOf('projects/123456/secrets/db')).toBe('db');
    expect(secretIdOf('projects/123456/locations/us-east1/secrets/api-key')).toBe('api-key');
  });
});
