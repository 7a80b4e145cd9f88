import { describe, expect, it } from 'vitest';
import { ExternalSecret } from '../../api/v1alpha1/index.ts';
import { budgetRetryMs } from './budget-retry.ts';

const es = (spec: Record<string, unknown>): ExternalSecret =>
  ExternalSecret.parse({
    apiVersion: 'ferry.dev/v1alpha1',
    kind: 'ExternalSecret',
    metadata: { name: 'es', namespace: 'ns' },
    spec: { secretStoreRef: { name: 'store' }, ...spec },
  });

describe('budgetRetryMs', () => {
  it('waits the refresh interval, at least a minute and at most five', () => {
    expect(budgetRetryMs(es({ refreshInterval: '10s' }))).toBe(60_000);
    expect(budgetRetryMs(es({ refreshInterval: '3m' }))).toBe(180_000);
    expect(budgetRetryMs(es({ refreshInterval: '1h' }))).toBe(300_000);
  });

  it('retries a minute later when the ExternalSecret does not refresh periodically', () => {
    expect(budgetRetryMs(es({ refreshInterval: '0' }))).toBe(60_000);
    expect(budgetRetryMs(es({ refreshPolicy: 'OnChange' }))).toBe(60_000);
  });
});
