import { describe, expect, it } from 'vitest';
import { FerryMetrics, createMetricsRegistry } from './index.ts';

describe('ferry_leader', () => {
  it('reads leadership at scrape time: 0 until a source says otherwise, then whatever it says', async () => {
    const registry = createMetricsRegistry();
    const metrics = new FerryMetrics(registry);
    const gauge = async (): Promise<string | undefined> =>
      /^ferry_leader (\d+)$/m.exec(await registry.metrics())?.[1];
    expect(await gauge()).toBe('0');
    let leading = true;
    metrics.watchLeadership(() => leading);
    expect(await gauge()).toBe('1');
    leading = false;
    expect(await gauge()).toBe('0');
  });
});

describe('ferry_externalsecrets_not_ready', () => {
  it('reads the not-Ready summary at scrape time, with the age of the oldest, and drops reasons that cleared', async () => {
    const registry = createMetricsRegistry();
    const metrics = new FerryMetrics(registry);
    let summary = new Map([
      ['ProviderError', { count: 3, oldestSince: Date.now() - 700_000 }],
      ['NotSyncedYet', { count: 1, oldestSince: Number.POSITIVE_INFINITY }],
    ]);
    metrics.watchNotReady(() => summary);
    const scraped = await registry.metrics();
    expect(scraped).toContain('ferry_externalsecrets_not_ready{reason="ProviderError"} 3');
    expect(scraped).toContain('ferry_externalsecrets_not_ready{reason="NotSyncedYet"} 1');
    const age = Number(
      /ferry_externalsecrets_not_ready_max_age_seconds\{reason="ProviderError"\} (\d+)/.exec(scraped)?.[1],
    );
    expect(age).toBeGreaterThanOrEqual(700);
    expect(age).toBeLessThan(760);
    expect(scraped).not.toContain('ferry_externalsecrets_not_ready_max_age_seconds{reason="NotSyncedYet"}');

    summary = new Map();
    const later = await registry.metrics();
    expect(later).not.toContain('reason="ProviderError"');
  });
});
