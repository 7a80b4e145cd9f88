import { describe, expect, it } from 'vitest';
import { ManualClock, WorkQueue } from '../runtime/index.ts';
import { FerryMetrics, createMetricsRegistry } from './index.ts';
import { namedStoresLimit, type StoreGuardState } from './ferry-metrics.ts';

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

describe('work queue metrics', () => {
  it('report wait, depth, flows taking turns and the longest wait by lane, never by namespace', async () => {
    const registry = createMetricsRegistry();
    const metrics = new FerryMetrics(registry);
    const clock = new ManualClock();
    const queue = new WorkQueue({
      clock,
      onDequeue: (_key, waitMs, priority) =>
        metrics.queueWait.observe({ controller: 'externalsecret', priority }, waitMs / 1000),
    });
    metrics.watchQueue('externalsecret', queue);
    for (let index = 0; index < 500; index++) queue.add(`tenant-${index}/es`, index % 2 ? 'new' : 'refresh');
    clock.advance(2_500);
    for (let handedOut = 0; handedOut < 100; handedOut++) queue.done((await queue.get())?.key ?? '');

    const scraped = await registry.metrics();
    expect(scraped).not.toMatch(/tenant-/);
    const series = (name: string): string[] =>
      scraped.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
    for (const name of [
      'ferry_workqueue_depth',
      'ferry_workqueue_active_flows',
      'ferry_workqueue_longest_wait_seconds',
      'ferry_workqueue_wait_seconds_count',
    ])
      expect(series(name).length, name).toBeLessThanOrEqual(3);
    expect(series('ferry_workqueue_active_flows')).toEqual([
      'ferry_workqueue_active_flows{controller="externalsecret",priority="new"} 150',
      'ferry_workqueue_active_flows{controller="externalsecret",priority="drift"} 0',
      'ferry_workqueue_active_flows{controller="externalsecret",priority="refresh"} 250',
    ]);
    expect(series('ferry_workqueue_longest_wait_seconds')).toContain(
      'ferry_workqueue_longest_wait_seconds{controller="externalsecret",priority="refresh"} 2.5',
    );
  });
});

describe('store bulkhead and circuit metrics', () => {
  it('count every store in the totals but name a bounded few, and drop stores back to normal', async () => {
    const registry = createMetricsRegistry();
    const metrics = new FerryMetrics(registry);
    const now = Date.now();
    let states: StoreGuardState[] = Array.from({ length: 10_000 }, (_, index) => ({
      store: { kind: 'SecretStore', namespace: `tenant-${index}`, name: 'vault' },
      open: index % 2 === 0,
      openSince: index % 2 === 0 ? now - index * 1000 : undefined,
      callsInFlight: index % 2 === 0 ? 0 : 1 + (index % 7),
      waiting: index % 3,
    }));
    metrics.watchStoreGuards(() => states);
    const scraped = await registry.metrics();
    const series = (name: string): string[] =>
      scraped.split('\n').filter((line) => line.startsWith(`${name}{`));

    expect(scraped).toMatch(/^ferry_store_circuits_open 5000$/m);
    expect(scraped).toMatch(
      new RegExp(
        `^ferry_store_calls_in_flight ${String(states.reduce((sum, s) => sum + s.callsInFlight, 0))}$`,
        'm',
      ),
    );
    expect(scraped).toMatch(
      new RegExp(`^ferry_store_calls_waiting ${String(states.reduce((sum, s) => sum + s.waiting, 0))}$`, 'm'),
    );
    const open = series('ferry_store_circuit_open_seconds');
    expect(open).toHaveLength(namedStoresLimit);
    // The ones open longest: the highest even indexes.
    expect(open[0]).toContain('namespace="tenant-9998"');
    expect(series('ferry_store_calls_in_flight_by_store')).toHaveLength(namedStoresLimit);
    expect(series('ferry_store_calls_in_flight_by_store').every((line) => line.endsWith(' 7'))).toBe(true);

    states = [];
    const later = await registry.metrics();
    expect(later).toMatch(/^ferry_store_circuits_open 0$/m);
    expect(later).not.toContain('ferry_store_circuit_open_seconds{');
    expect(later).not.toContain('ferry_store_calls_in_flight_by_store{');
  });
});

describe('provider client cache metrics', () => {
  it('read the cache size at scrape time and count builds and evictions, with no per-store label', async () => {
    const registry = createMetricsRegistry();
    const metrics = new FerryMetrics(registry);
    let size = { entries: 0, bytes: 0 };
    metrics.watchClientCache(() => size);
    const series = async (name: string): Promise<string[]> =>
      (await registry.metrics()).split('\n').filter((line) => line.startsWith(name));
    expect(await series('ferry_provider_client_cache_entries ')).toEqual([
      'ferry_provider_client_cache_entries 0',
    ]);

    size = { entries: 1000, bytes: 24_576_000 };
    for (let store = 0; store < 1200; store++) metrics.providerClientsCreated.inc({ provider: 'aws' });
    for (let evicted = 0; evicted < 150; evicted++)
      metrics.providerClientCacheEvictions.inc({ bound: 'entries' });
    for (let evicted = 0; evicted < 50; evicted++)
      metrics.providerClientCacheEvictions.inc({ bound: 'bytes' });

    expect(await series('ferry_provider_client_cache_entries ')).toEqual([
      'ferry_provider_client_cache_entries 1000',
    ]);
    expect(await series('ferry_provider_client_cache_bytes ')).toEqual([
      'ferry_provider_client_cache_bytes 24576000',
    ]);
    expect(await series('ferry_provider_clients_created_total{')).toEqual([
      'ferry_provider_clients_created_total{provider="aws"} 1200',
    ]);
    expect(await series('ferry_provider_client_cache_evictions_total{')).toEqual([
      'ferry_provider_client_cache_evictions_total{bound="entries"} 150',
      'ferry_provider_client_cache_evictions_total{bound="bytes"} 50',
    ]);
  });
});
