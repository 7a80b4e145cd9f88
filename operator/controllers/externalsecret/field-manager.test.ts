import { describe, expect, it } from 'vitest';
import { ExternalSecret } from '../../api/v1alpha1/index.ts';
import { appliedDataKeys, fieldManager } from './field-manager.ts';

const es = (name: string): ExternalSecret =>
  ExternalSecret.parse({
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'ExternalSecret',
    metadata: { name, namespace: 'team' },
    spec: { secretStoreRef: { name: 'store' }, data: [{ secretKey: 'k', remoteRef: { key: 'k' } }] },
  });

describe('fieldManager', () => {
  it('is one per ExternalSecret, within the API server’s 128 characters', () => {
    expect(fieldManager(es('app'))).toBe('ferry/app');
    expect(fieldManager(es('a'.repeat(200)))).toHaveLength(128);
  });
});

describe('appliedDataKeys', () => {
  const metadata = {
    managedFields: [
      {
        manager: 'ferry/app',
        operation: 'Apply',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { '.': {}, 'f:password': {}, 'f:user': {} }, 'f:metadata': {} },
      },
      { manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:data': { 'f:own': {} } } },
      { manager: 'ferry/app', operation: 'Update', fieldsV1: { 'f:data': { 'f:stale': {} } } },
    ],
  };

  it('lists the data keys the manager applied, not other managers’ or its updates’', () => {
    expect([...appliedDataKeys(metadata, 'ferry/app')].sort()).toEqual(['password', 'user']);
  });

  it('is empty for a manager that never applied data, or without managedFields', () => {
    expect(appliedDataKeys(metadata, 'ferry/other').size).toBe(0);
    expect(appliedDataKeys({}, 'ferry/app').size).toBe(0);
    expect(
      appliedDataKeys({ managedFields: [{ manager: 'ferry/app', operation: 'Apply' }] }, 'ferry/app').size,
    ).toBe(0);
  });
});
