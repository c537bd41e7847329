import { describe, expect, it } from 'vitest';
import { ApiUsageTracker } from '../../../salesforce/index.js';
import type { LimitsSnapshot, Store, SyncState } from '../../../store/index.js';
import { createWorkerMetrics } from '../../../worker/metrics/index.js';
import { sampleValue } from './prometheus-text.js';

const NOW = Date.parse('2025-03-01T12:00:00.000Z');

function syncState(connection: string, object: string, cursor: string, systemModstamp: string | null): SyncState {
  return {
    connection, object, cursor,
    watermark: systemModstamp === null ? null : { systemModstamp, id: '001000000000001AAA' },
    bulk: null, windowEnd: null, totalUpserted: 0, totalDeleted: 0, pagesCommitted: 0, apiCalls: 0, updatedAt: '2025-03-01T11:00:00.000Z',
  };
}

function fakeStore(states: SyncState[], snapshots: Record<string, LimitsSnapshot> = {}): Pick<Store, 'listSyncStates' | 'latestLimitsSnapshot'> {
  return {
    listSyncStates: () => Promise.resolve(states),
    latestLimitsSnapshot: (connection) => Promise.resolve(snapshots[connection] ?? null),
  };
}

describe('worker metrics', () => {
  it('counts Salesforce calls by connection, route and status', async () => {
    const metrics = createWorkerMetrics({ store: fakeStore([]), now: () => NOW, processMetrics: false });
    const usage = new ApiUsageTracker();
    const detach = metrics.attach('prod', usage);
    usage.recordCall({ method: 'GET', route: '/query', status: 200, durationMs: 1, bytes: 1 });
    usage.recordCall({ method: 'GET', route: '/query', status: 200, durationMs: 1, bytes: 1 });
    usage.recordCall({ method: 'GET', route: '/query/{locator}', status: 403, durationMs: 1, bytes: 1 });
    usage.recordCall({ method: 'GET', route: '/query', durationMs: 1, bytes: 0 });
    detach();
    usage.recordCall({ method: 'GET', route: '/query', status: 200, durationMs: 1, bytes: 1 });
    const text = await metrics.registry.metrics();
    expect(sampleValue(text, 'sfsync_salesforce_api_calls_total', { connection: 'prod', route: '/query', status: '200' })).toBe(2);
    expect(sampleValue(text, 'sfsync_salesforce_api_calls_total', { connection: 'prod', route: '/query/{locator}', status: '403' })).toBe(1);
    expect(sampleValue(text, 'sfsync_salesforce_api_calls_total', { connection: 'prod', route: '/query', status: 'none' })).toBe(1);
  });

  it('reports the usage of the fresher of the last response header and the stored /limits snapshot', async () => {
    let now = NOW;
    const store = fakeStore([], {
      prod: { takenAt: '2025-03-01T11:59:00.000Z', limits: { DailyApiRequests: { max: 15_000, remaining: 5_000 } } },
      sandbox: { takenAt: '2025-03-01T11:00:00.000Z', limits: { DailyApiRequests: { max: 5_000_000, remaining: 4_000_000 } } },
    });
    const metrics = createWorkerMetrics({ store, now: () => now, processMetrics: false });
    const prod = new ApiUsageTracker();
    const sandbox = new ApiUsageTracker();
    metrics.attach('prod', prod);
    metrics.attach('sandbox', sandbox);
    now = Date.parse('2025-03-01T11:30:00.000Z');
    prod.record('00Dprod', { used: 9_000, max: 15_000 });
    prod.recordCall({ method: 'GET', route: '/query', status: 200, durationMs: 1, bytes: 1 });
    sandbox.record('00Dsandbox', { used: 1_500_000, max: 5_000_000 });
    sandbox.recordCall({ method: 'GET', route: '/query', status: 200, durationMs: 1, bytes: 1 });

    const text = await metrics.registry.metrics();
    // prod: the 11:59 snapshot is newer than the 11:30 header; sandbox: the header is newer than the 11:00 snapshot.
    expect(sampleValue(text, 'sfsync_api_usage_used', { connection: 'prod' })).toBe(10_000);
    expect(sampleValue(text, 'sfsync_api_usage_max', { connection: 'prod' })).toBe(15_000);
    expect(sampleValue(text, 'sfsync_api_usage_ratio', { connection: 'prod' })).toBeCloseTo(2 / 3, 10);
    expect(sampleValue(text, 'sfsync_api_usage_used', { connection: 'sandbox' })).toBe(1_500_000);
    expect(sampleValue(text, 'sfsync_api_usage_ratio', { connection: 'sandbox' })).toBe(0.3);
  });

  it('reports the lag of each incremental cursor at scrape time, leaving backfills and unsynced objects out', async () => {
    let now = NOW;
    const store = fakeStore([
      syncState('prod', 'Account', 'incremental', '2025-03-01T11:58:30.000Z'),
      syncState('prod', 'Account', 'backfill:2020', '2020-06-01T00:00:00.000Z'),
      syncState('prod', 'Contact', 'incremental', null),
      syncState('sandbox', 'Case', 'incremental', '2025-03-01T10:00:00.000Z'),
    ]);
    const metrics = createWorkerMetrics({ store, now: () => now, processMetrics: false });
    let text = await metrics.registry.metrics();
    expect(sampleValue(text, 'sfsync_sync_lag_seconds', { connection: 'prod', object: 'Account' })).toBe(90);
    expect(sampleValue(text, 'sfsync_sync_lag_seconds', { connection: 'sandbox', object: 'Case' })).toBe(7_200);
    expect(sampleValue(text, 'sfsync_sync_lag_seconds', { connection: 'prod', object: 'Contact' })).toBeUndefined();
    expect(text.match(/^sfsync_sync_lag_seconds\{/gm)).toHaveLength(2);
    now += 30_000;
    text = await metrics.registry.metrics();
    expect(sampleValue(text, 'sfsync_sync_lag_seconds', { connection: 'prod', object: 'Account' })).toBe(120);
  });

  it('serves the other series without lag and usage when the store cannot be read', async () => {
    const failing: Pick<Store, 'listSyncStates' | 'latestLimitsSnapshot'> = {
      listSyncStates: () => Promise.reject(new Error('database down')),
      latestLimitsSnapshot: () => Promise.reject(new Error('database down')),
    };
    const metrics = createWorkerMetrics({ store: failing, now: () => NOW, processMetrics: false });
    metrics.attach('prod', new ApiUsageTracker());
    metrics.setPausedSyncs('prod', 2);
    const text = await metrics.registry.metrics();
    expect(sampleValue(text, 'sfsync_paused_syncs', { connection: 'prod' })).toBe(2);
    expect(text).not.toMatch(/^sfsync_sync_lag_seconds\{/m);
    expect(text).not.toMatch(/^sfsync_api_usage_ratio\{/m);
  });

  it('adds committed records, paused syncs and budget alerts', async () => {
    const metrics = createWorkerMetrics({ store: fakeStore([]), now: () => NOW, processMetrics: false });
    metrics.recordCommit({ connection: 'prod', object: 'Account', upserted: 200, deleted: 3 });
    metrics.recordCommit({ connection: 'prod', object: 'Account', upserted: 50, deleted: 0 });
    metrics.setPausedSyncs('prod', 3);
    metrics.setPausedSyncs('prod', 1);
    metrics.countBudgetAlert('prod', 0.7);
    metrics.countBudgetAlert('prod', 0.75);
    metrics.countBudgetAlert('prod', 0.7);
    const text = await metrics.registry.metrics();
    expect(sampleValue(text, 'sfsync_records_upserted_total', { connection: 'prod', object: 'Account' })).toBe(250);
    expect(sampleValue(text, 'sfsync_records_deleted_total', { connection: 'prod', object: 'Account' })).toBe(3);
    expect(sampleValue(text, 'sfsync_paused_syncs', { connection: 'prod' })).toBe(1);
    expect(sampleValue(text, 'sfsync_budget_alerts_total', { connection: 'prod', threshold: '0.7' })).toBe(2);
    expect(sampleValue(text, 'sfsync_budget_alerts_total', { connection: 'prod', threshold: '0.75' })).toBe(1);
  });
});
