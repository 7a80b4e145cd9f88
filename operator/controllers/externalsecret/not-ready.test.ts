import { describe, expect, it } from 'vitest';
import { notReadyByReason } from './not-ready.ts';

const at = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

function es(ready?: { status: string; reason: string; since: number }, createdAt = 0) {
  return {
    metadata: { name: 'x', creationTimestamp: at(createdAt) as unknown as Date },
    status: ready
      ? {
          conditions: [
            {
              type: 'Ready',
              status: ready.status,
              reason: ready.reason,
              lastTransitionTime: at(ready.since),
            },
          ],
        }
      : {},
  };
}

describe('notReadyByReason', () => {
  it('counts the ExternalSecrets that are not Ready by reason, with the oldest transition', () => {
    const summary = notReadyByReason([
      es({ status: 'True', reason: 'SecretSynced', since: 1 }),
      es({ status: 'False', reason: 'ProviderError', since: 7 }),
      es({ status: 'False', reason: 'ProviderError', since: 3 }),
      es({ status: 'False', reason: 'InvalidSpec', since: 9 }),
      es(undefined, 5),
    ]);
    expect(Object.fromEntries(summary)).toEqual({
      ProviderError: { count: 2, oldestSince: Date.parse(at(3)) },
      InvalidSpec: { count: 1, oldestSince: Date.parse(at(9)) },
      NotSyncedYet: { count: 1, oldestSince: Date.parse(at(5)) },
    });
  });

  it('is empty when every ExternalSecret is Ready', () => {
    expect(notReadyByReason([es({ status: 'True', reason: 'SecretSynced', since: 1 })]).size).toBe(0);
  });
});
