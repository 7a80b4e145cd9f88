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
