import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { SecretStoreStatus } from '../../api/v1alpha1/index.ts';
import { AuthError, InvalidConfigError, UnavailableError } from '../../providers/index.ts';
import { defaultRevalidateMs, revalidateAfterMs } from './reconciler.ts';
import { parseStoreKey, storeKeyOf } from './store-key.ts';
import {
  failureVerdict,
  nextStoreStatus,
  verdictChanged,
  verdictOf,
  type StoreVerdict,
} from './store-status.ts';

const earlier = '2026-01-01T00:00:00.000Z';
const now = '2026-01-02T00:00:00.000Z';
const valid: StoreVerdict = { ready: true, reason: 'Valid', message: 'ok' };
const failed: StoreVerdict = { ready: false, reason: 'ValidationFailed', message: 'denied' };

function statusAfter(previous: SecretStoreStatus | undefined, verdict: StoreVerdict): SecretStoreStatus {
  return nextStoreStatus({ previous, verdict, capabilities: 'ReadOnly', generation: 3, now });
}

describe('nextStoreStatus', () => {
  it('writes the Ready condition, capabilities and observedGeneration', () => {
    expect(statusAfter(undefined, valid)).toEqual({
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'Valid',
          message: 'ok',
          lastTransitionTime: now,
          observedGeneration: 3,
        },
      ],
      capabilities: 'ReadOnly',
      observedGeneration: 3,
    });
  });

  it('moves lastTransitionTime only when the status flips, so a repeat is deep-equal (no write)', () => {
    const first = nextStoreStatus({
      previous: undefined,
      verdict: valid,
      capabilities: 'ReadOnly',
      generation: 3,
      now: earlier,
    });
    const again = statusAfter(first, valid);
    expect(again).toEqual(first);
    const otherMessage = statusAfter(first, { ...valid, message: 'reachability unknown' });
    expect(otherMessage.conditions?.[0]?.lastTransitionTime).toBe(earlier);
    const flipped = statusAfter(first, failed);
    expect(flipped.conditions?.[0]).toMatchObject({
      status: 'False',
      reason: 'ValidationFailed',
      lastTransitionTime: now,
    });
  });

  it('keeps conditions of other types, and omits capabilities when the provider is unknown', () => {
    const other = {
      type: 'Reachable',
      status: 'True' as const,
      reason: 'X',
      message: '',
      lastTransitionTime: earlier,
    };
    const status = nextStoreStatus({
      previous: { conditions: [other], capabilities: 'ReadOnly' },
      verdict: {
        ready: false,
        reason: 'InvalidProviderConfig',
        message: 'spec.provider.fake: data: required',
      },
      capabilities: undefined,
      generation: 1,
      now,
    });
    expect(status.conditions?.map((condition) => condition.type)).toEqual(['Reachable', 'Ready']);
    expect(status).not.toHaveProperty('capabilities');
  });
});

describe('verdicts', () => {
  it('maps validate results as ESO does: Unknown counts as valid, with a message saying so', () => {
    expect(verdictOf('Ready', 'fake')).toMatchObject({ ready: true, reason: 'Valid' });
    expect(verdictOf('Unknown', 'vault')).toMatchObject({ ready: true, reason: 'Valid' });
    expect(verdictOf('Unknown', 'vault').message).toContain('cannot check whether the store is reachable');
    expect(verdictOf('Error', 'kubernetes')).toMatchObject({ ready: false, reason: 'ValidationFailed' });
  });

  it('an InvalidConfigError is the configuration; it carries the API reason of a credential lookup', () => {
    const notFound = new ApiException(
      404,
      'failed',
      JSON.stringify({ kind: 'Status', reason: 'NotFound', message: 'secrets "creds" not found' }),
      {},
    );
    expect(
      failureVerdict(new InvalidConfigError('credential "token": cannot read Secret ns/creds', notFound)),
    ).toEqual({
      ready: false,
      reason: 'InvalidProviderConfig',
      message: 'credential "token": cannot read Secret ns/creds: NotFound',
    });
    expect(failureVerdict(new InvalidConfigError('kubernetes: caBundle is not PEM')).message).toBe(
      'kubernetes: caBundle is not PEM',
    );
  });

  it('any other failure is ValidationFailed with the (sanitised) provider message', () => {
    expect(failureVerdict(new AuthError('kubernetes: 401 Unauthorized'))).toEqual({
      ready: false,
      reason: 'ValidationFailed',
      message: 'kubernetes: 401 Unauthorized',
    });
    expect(failureVerdict(new Error('socket hang up')).reason).toBe('ValidationFailed');
  });

  it('a server that does not answer is ProviderUnavailable, not a failed validation of the store', () => {
    expect(
      failureVerdict(
        new UnavailableError('vault: cannot reach the Vault server at 10.0.0.1:8200 (ECONNREFUSED)'),
      ),
    ).toEqual({
      ready: false,
      reason: 'ProviderUnavailable',
      message: 'vault: cannot reach the Vault server at 10.0.0.1:8200 (ECONNREFUSED)',
    });
  });

  it('verdictChanged compares status and reason, not the message', () => {
    const status = statusAfter(undefined, valid);
    expect(verdictChanged(status, { ...valid, message: 'other words' })).toBe(false);
    expect(verdictChanged(status, failed)).toBe(true);
    expect(verdictChanged(undefined, valid)).toBe(true);
  });
});

describe('store keys and revalidation', () => {
  it('keys a SecretStore by namespace/name and a ClusterSecretStore by /name', () => {
    expect(storeKeyOf({ metadata: { namespace: 'team', name: 'vault' } })).toBe('team/vault');
    expect(storeKeyOf({ metadata: { name: 'shared' } })).toBe('/shared');
    expect(parseStoreKey('team/vault')).toEqual({ kind: 'SecretStore', namespace: 'team', name: 'vault' });
    expect(parseStoreKey('/shared')).toEqual({ kind: 'ClusterSecretStore', namespace: '', name: 'shared' });
  });

  it('revalidates on spec.refreshInterval seconds, else every 5 minutes, plus at most 10% jitter', () => {
    const every30s = revalidateAfterMs('team/vault', 30);
    expect(every30s).toBeGreaterThanOrEqual(30_000);
    expect(every30s).toBeLessThan(33_000);
    expect(revalidateAfterMs('team/vault', 30)).toBe(every30s);
    for (const interval of [undefined, 0]) {
      const fallback = revalidateAfterMs('team/vault', interval);
      expect(fallback).toBeGreaterThanOrEqual(defaultRevalidateMs);
      expect(fallback).toBeLessThan(defaultRevalidateMs * 1.1);
    }
  });

  it('raises an interval below the operator’s floor (--min-refresh-interval) to the floor', () => {
    const raised = revalidateAfterMs('team/vault', 5, 60_000);
    expect(raised).toBeGreaterThanOrEqual(60_000);
    expect(raised).toBeLessThan(66_000);
    const fallback = revalidateAfterMs('team/vault', undefined, 600_000);
    expect(fallback).toBeGreaterThanOrEqual(600_000);
    expect(revalidateAfterMs('team/vault', 3600, 60_000)).toBeGreaterThanOrEqual(3_600_000);
  });
});
