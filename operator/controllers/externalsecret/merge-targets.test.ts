import { describe, expect, it } from 'vitest';
import { mergeTargetsOf } from './merge-targets.ts';

const es = (target?: Record<string, unknown>) => ({
  apiVersion: 'ferry.dev/v1alpha1',
  kind: 'ExternalSecret',
  metadata: { name: 'app', namespace: 'team' },
  spec: target === undefined ? {} : { target },
});

describe('mergeTargetsOf', () => {
  it('names the Secret that Merge and CreateOrMerge add keys to: target.name, else the ExternalSecret name', () => {
    expect(mergeTargetsOf(es({ creationPolicy: 'Merge', name: 'db' }))).toEqual(['team/db']);
    expect(mergeTargetsOf(es({ creationPolicy: 'CreateOrMerge' }))).toEqual(['team/app']);
    expect(mergeTargetsOf(es({ creationPolicy: 'Merge', name: '' }))).toEqual(['team/app']);
  });

  it('names none for the policies whose Secret is labelled (and watched) or not written', () => {
    for (const creationPolicy of ['Owner', 'Orphan', 'None', undefined])
      expect(mergeTargetsOf(es({ creationPolicy, name: 'db' }))).toEqual([]);
    expect(mergeTargetsOf(es())).toEqual([]);
  });
});
