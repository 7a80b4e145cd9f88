import { describe, expect, it } from 'vitest';
import { describeVersion, versionSelector } from './version-selector.ts';

describe('versionSelector', () => {
  it('reads AWSCURRENT when no version is given', () => {
    expect(versionSelector(undefined)).toEqual({ versionStage: 'AWSCURRENT' });
    expect(versionSelector('')).toEqual({ versionStage: 'AWSCURRENT' });
  });

  it('takes any other version as a staging label', () => {
    expect(versionSelector('AWSPREVIOUS')).toEqual({ versionStage: 'AWSPREVIOUS' });
    expect(versionSelector('blue')).toEqual({ versionStage: 'blue' });
  });

  it('takes uuid/<id> as a version id, as ESO does', () => {
    expect(versionSelector('uuid/0f7c1f9e-1111-4a4a-9b9b-123456789abc')).toEqual({
      versionId: '0f7c1f9e-1111-4a4a-9b9b-123456789abc',
    });
  });

  it('names the version in messages', () => {
    expect(describeVersion({ versionStage: 'AWSPREVIOUS' })).toBe('version stage "AWSPREVIOUS"');
    expect(describeVersion({ versionId: 'abc' })).toBe('version id "abc"');
  });
});
